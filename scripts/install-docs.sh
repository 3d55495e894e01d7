#!/usr/bin/env bash
# Installs credvault's man pages and shell completions.
#
#   scripts/install-docs.sh BIN [PREFIX]     (PREFIX defaults to /usr/local)
#
# Man pages: docs/man/*.1, generated from the command definitions by argument-parser's
# generate-manual plugin (scripts/generate-man.sh rebuilds them), go to PREFIX/share/man/man1.
# Completions come from BIN itself (`BIN --generate-completion-script SHELL`), so they always
# match the binary being installed: bash, zsh and fish, into the folders each shell searches.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 BIN [PREFIX]" >&2
    exit 64
fi
bin=$1
prefix=${2:-/usr/local}
if [ ! -x "$bin" ]; then
    echo "$0: $bin is not an executable credvault" >&2
    exit 66
fi
pages="$(cd "$(dirname "$0")/.." && pwd)/docs/man"

man1="$prefix/share/man/man1"
bash_dir="$prefix/share/bash-completion/completions"
zsh_dir="$prefix/share/zsh/site-functions"
fish_dir="$prefix/share/fish/vendor_completions.d"
mkdir -p "$man1" "$bash_dir" "$zsh_dir" "$fish_dir"

install -m 0644 "$pages"/*.1 "$man1/"
# Written to a temporary name first: a failing binary never leaves half a completion behind.
complete() { # SHELL DESTINATION
    "$bin" --generate-completion-script "$1" > "$2.tmp"
    chmod 0644 "$2.tmp"
    mv "$2.tmp" "$2"
}
complete bash "$bash_dir/credvault"
complete zsh "$zsh_dir/_credvault"
complete fish "$fish_dir/credvault.fish"

# Refresh the man index where man-db keeps one; `man credvault` works without it too.
if command -v mandb >/dev/null 2>&1; then mandb -q "$prefix/share/man" >/dev/null 2>&1 || true; fi
echo "Installed the man page to $man1 and completions for bash, zsh and fish."
