#!/usr/bin/env bash
# A lesson without front matter: one precise error, exit 3, no zip.
source "$E2E_LIB"

printf '# Titre\n\nPas de front matter.\n' >"$WORK/lesson.md"
run_packager build "$WORK/lesson.md" -o "$WORK/dist"
expect_status 3
expect_stderr "<work>/lesson.md:1:1: error: missing front matter: expected '---' on the first line
    # Titre
    ^
packager: error: 1 error(s) in the lesson files; nothing was built"
[ -z "$(ls -A "$WORK/dist" 2>/dev/null)" ] || fail "output folder is not empty"
echo "ok"
