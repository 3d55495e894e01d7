#!/usr/bin/env bash
# Checks two layout rules of docs/ARCHITECTURE.md over Sources/ (or the folders given):
#  1. a file declares at most one top-level type that is not private/fileprivate
#     (extensions do not count; small private helpers of the file's type are allowed);
#  2. no func/init body is longer than 60 lines (lines strictly between its braces,
#     found by brace matching outside string literals and // comments).
# Prints one line per violation and exits 1 if there is any.
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT=${LIMIT:-60}
roots=("$@"); [ ${#roots[@]} -eq 0 ] && roots=(Sources)
files=$(find "${roots[@]}" -name '*.swift' | sort)
status=0

types=$(awk '
    FNR == 1 { if (count > 1) print prev ": " count " top-level types:" names; count = 0; names = ""; prev = FILENAME }
    /^((public|internal|package|final|indirect|nonisolated|@[A-Za-z]+(\([^)]*\))?) +)*(struct|class|enum|protocol|actor) +[A-Za-z_]/ {
        for (i = 1; i <= NF; i++) if ($i ~ /^(struct|class|enum|protocol|actor)$/) { name = $(i + 1); break }
        sub(/[^A-Za-z0-9_].*/, "", name); count++; names = names " " name
    }
    END { if (count > 1) print prev ": " count " top-level types:" names }
' $files)
if [ -n "$types" ]; then echo "$types"; status=1; fi

long=$(awk -v limit="$LIMIT" '
    function braces(line,   t, o, c) { gsub(/"([^"\\]|\\.)*"/, "", line); sub(/\/\/.*/, "", line); t = line; o = gsub(/\{/, "", t); t = line; c = gsub(/\}/, "", t); return o - c }
    FNR == 1 { state = 0 }
    state == 0 && /^[ \t]*((public|private|fileprivate|internal|package|static|class|final|override|mutating|nonmutating|nonisolated|convenience|required|consuming|borrowing|@[A-Za-z]+(\([^)]*\))?) +)*(func +[^ (]+|init[?!]?) *[(<]/ {
        state = 1; start = FNR; name = $0; sub(/^[ \t]*/, "", name); sub(/[(<].*/, "", name)
    }
    state == 1 {
        if (FNR > start && $0 ~ /^[ \t]*((public|private|static|internal|fileprivate) +)*(func|init|var|let|case|})[ \t(]/ && $0 !~ /\{/) { state = 0; next }
        if ($0 ~ /\{/) { state = 2; open = FNR; depth = braces($0); if (depth <= 0) state = 0; next }
        next
    }
    state == 2 {
        depth += braces($0)
        if (depth <= 0) {
            body = FNR - open - 1
            if (body > limit) print FILENAME ":" start ": " name " has a " body "-line body (limit " limit ")"
            state = 0
        }
    }
' $files)
if [ -n "$long" ]; then echo "$long"; status=1; fi

[ $status -eq 0 ] && echo "check-layout: OK ($(echo "$files" | wc -l) files: one top-level type each, no body over $LIMIT lines)"
exit $status
