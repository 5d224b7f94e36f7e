#!/usr/bin/env bash
# Video URLs are limited to http, https and file: any other scheme in a
# lesson file (ftp, gopher, javascript, data, ...) is refused by `check` with
# file:line:col, exit 3, and `build` refuses it before anything is fetched.
source "$E2E_LIB"

mkdir -p "$WORK/lessons"
n=0
for url in "ftp://example.org/v.mp4" "gopher://example.org/v.mp4" "javascript:alert(1)" \
           "data:video/mp4;base64,AAAA" "dict://example.org/v" "scp://example.org/v.mp4" \
           "ldap://example.org/v" "smb://example.org/v.mp4" "telnet://example.org/" "tftp://example.org/v.mp4"; do
  n=$((n + 1))
  printf -- '---\ntitle: Schéma %s\nvideoDownloadHref: "%s"\n---\n\n## Transcription\n\nTexte.\n' "$n" "$url" \
    >"$WORK/lessons/l$n.md"
done
run_packager check "$WORK/lessons"
expect_status 3
for i in $(seq 1 "$n"); do
  grep -q "^$WORK/lessons/l$i.md:3:[0-9]*: error: " <<<"$STDERR" ||
    fail "l$i.md: expected an error at line 3, got: $STDERR"
done
for i in 1 3 4; do
  run_packager build "$WORK/lessons/l$i.md" -o "$WORK/dist"
  expect_status 3
  [ ! -e "$WORK/dist" ] || [ -z "$(ls -A "$WORK/dist")" ] || fail "l$i.md: files written"
done
echo "ok"
