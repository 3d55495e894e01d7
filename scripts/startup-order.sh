#!/usr/bin/env bash
# scripts/startup-order.sh — writes scripts/startup-order.txt, the link order of the functions
# the hot commands run (scripts/shipped-build.sh passes it to lld as --symbol-ordering-file).
#
#   scripts/startup-order.sh [BINARY]     default: the shipped build, .build-static/release/credvault
#
# Runs `get`, `set --stdin` and `push` (json target, restart /bin/true) of a one-forest vault
# under callgrind (in a private temporary folder) and lists, in the order callgrind first saw
# them, the binary's own functions that ran. Rerun it after a change to the hot paths: a
# function missing from the file still links, only outside the packed range.
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/.build-static/release/credvault}
command -v valgrind >/dev/null || { echo "startup-order: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
umask 077
WORK=$(mktemp -d "${TMPDIR:-/tmp}/credvault-order.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# valgrind 3.19 cannot read Swift 6.3's DWARF; the symbol table is enough.
strip --strip-debug -o "$WORK/credvault" "$BIN"
export CREDVAULT_VAULT="$WORK/vault.db" CREDVAULT_KEYFILE="$WORK/key"
"$WORK/credvault" init --keyfile-out "$WORK/key" >/dev/null
echo '{"forest":"f0.order.example","account":"svc-sync","password":"Order-Bench-Pw-0001"}' | "$WORK/credvault" import >/dev/null
echo '{"connectivity":{"password":"old"}}' >"$WORK/target.json"
"$WORK/credvault" connector add order --forest f0.order.example --file "$WORK/target.json" --format json \
  --password-key connectivity.password --restart /bin/true >/dev/null
head -c 18 /dev/urandom | base64 -w 0 >"$WORK/newpw"; echo >>"$WORK/newpw"

run() {  # name args...
  local name=$1; shift
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$WORK/$name.cg" "$WORK/credvault" "$@" \
    <"$WORK/newpw" >/dev/null 2>"$WORK/$name.log" || { cat "$WORK/$name.log" >&2; exit 1; }
}
run get get f0.order.example
run set set f0.order.example --account svc-sync --stdin
run push push f0.order.example

# The binary's function symbols; then each profile's functions (fn= lines) of object credvault.
nm --defined-only "$WORK/credvault" | awk '$2 ~ /^[tTwW]$/ { print $3 }' | sort -u >"$WORK/symbols"
for name in get set push; do
  awk 'function id(line) { line = substr(line, index(line, "(") + 1); return substr(line, 1, index(line, ")") - 1) }
       function named(line) { line = substr(line, index(line, ")") + 1); return substr(line, 1, 1) == " " ? substr(line, 2) : "" }
       /^ob=/ { k = id($0); n = named($0); if (n != "") obs[k] = n; ob = obs[k]; next }
       /^c?fn=/ { k = id($0); n = named($0); if (n != "") fns[k] = n
                  if (substr($0, 1, 3) == "fn=" && ob ~ /\/credvault$/) print fns[k] }' "$WORK/$name.cg"
done | awk 'NR == FNR { known[$0] = 1; next } known[$0] && !seen[$0]++' "$WORK/symbols" - >"$ROOT/scripts/startup-order.txt"
echo "startup-order: $(wc -l <"$ROOT/scripts/startup-order.txt") functions -> scripts/startup-order.txt"
