#!/usr/bin/env bash
# A first CredVault session in a throw-away folder: install, build, make a vault, store two
# password versions, bind a connector, push (write -> restart -> health), then show status,
# history and the verified audit trail. Nothing outside the folder is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
# The shipped build: one file with the Swift runtime linked in (scripts/shipped-build.sh).
source scripts/shipped-build.sh
ensure_shipped_build_packages
swift build "${SHIPPED_BUILD_FLAGS[@]}" >/dev/null
bin="$(swift build "${SHIPPED_BUILD_FLAGS[@]}" --show-bin-path)/credvault"

demo=$(mktemp -d "${TMPDIR:-/tmp}/credvault-demo.XXXXXX")
export CREDVAULT_VAULT="$demo/vault.db" CREDVAULT_KEYFILE="$demo/vault.key"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "credvault $*"; "$bin" "$@"; }

echo "Demo folder: $demo"
run init --keyfile-out "$demo/vault.key"

# A connector's properties file, as the sync service reads it, and its service hooks.
cat > "$demo/contoso.properties" <<'PROPS'
# AD DS connector for contoso.com
forest=contoso.com
account=CONTOSO\svc-adsync
password=initial
PROPS
printf '#!/bin/sh\necho "$(date -u +%%FT%%TZ) restarted for $CREDVAULT_FOREST v$CREDVAULT_VERSION" >> "%s/service.log"\n' "$demo" > "$demo/restart.sh"
printf '#!/bin/sh\ngrep -q "restarted for $CREDVAULT_FOREST v$CREDVAULT_VERSION" "%s/service.log"\n' "$demo" > "$demo/health.sh"
chmod 700 "$demo/restart.sh" "$demo/health.sh"

step "credvault set contoso.com --account 'CONTOSO\\svc-adsync' --generate --reason CHG-1001"
"$bin" set contoso.com --account 'CONTOSO\svc-adsync' --generate --reason CHG-1001
step "credvault set contoso.com --account 'CONTOSO\\svc-adsync' --generate --reason CHG-1002"
"$bin" set contoso.com --account 'CONTOSO\svc-adsync' --generate --reason CHG-1002
run connector add contoso-sync --forest contoso.com --file "$demo/contoso.properties" --format keyvalue \
    --password-key password --account-key account --restart "$demo/restart.sh" --health "$demo/health.sh" --timeout 10
run push contoso.com
run status
run history contoso.com
run audit verify
run audit
printf '\nDone. Explore with CREDVAULT_VAULT=%s CREDVAULT_KEYFILE=%s %s --help\n' "$CREDVAULT_VAULT" "$CREDVAULT_KEYFILE" "$bin"
bash scripts/install-docs.sh "$bin" "${CREDVAULT_PREFIX:-/usr/local}" && echo "Now try: man credvault" || echo "Man page and completions not installed (no write access?): scripts/install-docs.sh $bin PREFIX"
