#!/usr/bin/env bash
# Regenerates docs/man/*.1 from the command definitions with argument-parser's generate-manual
# plugin: one page, `man credvault`, with every command and option. Run it after
# changing a command, an option or a help text, and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

swift package plugin generate-manual --configuration "${CONFIGURATION:-debug}" \
    --section 1 --authors "CredVault maintainers" >/dev/null
out=$(find .build/plugins -type d -path '*GenerateManual/outputs/VaultCLI' | head -n 1)
if [ -z "$out" ] || ! ls "$out"/*.1 >/dev/null 2>&1; then
    echo "$0: the generate-manual plugin produced no pages" >&2
    exit 1
fi
rm -f docs/man/*.1
# A blank line inside a help text is a paragraph break; mdoc wants it spelled .Pp.
for page in "$out"/*.1; do sed 's/^$/.Pp/' "$page" > "docs/man/$(basename "$page")"; done
echo "Wrote $(ls docs/man/*.1 | wc -l) pages to docs/man."
