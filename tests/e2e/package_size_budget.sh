#!/usr/bin/env bash
# --max-package-size: with --oversize warn the zip is written and the
# warning gives its size; by default the build fails with exit 6 and writes
# nothing (an earlier package survives); a malformed size is a usage error.
source "$E2E_LIB"

run_packager -q build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/warn" --offline --max-package-size 100K --oversize warn
expect_status 0
zip="$WORK/warn/sample-1.0.0-scorm12.zip"
[ -f "$zip" ] || fail "the zip should be written with --oversize warn"
size=$(stat -c %s "$zip")
[ "$size" -gt 102400 ] || fail "the sample package should be over 100 KiB for this scenario, it is $size bytes"
kib=$(awk -v s="$size" 'BEGIN { printf "%.1f KiB", s / 1024 }')
expect_stderr "warning: <work>/warn/sample-1.0.0-scorm12.zip: the package is $kib, over the limit of 100.0 KiB (--max-package-size); an LMS with that upload limit will refuse it"

mkdir -p "$WORK/dist"
echo "earlier good package" >"$WORK/dist/sample-1.0.0-scorm12.zip"
run_packager -q build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/dist" --offline --max-package-size 100K
expect_status 6
expect_stderr "packager: error: <work>/dist/sample-1.0.0-scorm12.zip: the package would be $kib, over the limit of 100.0 KiB (--max-package-size); package per lesson (packaging: per-lesson) or lower --max-height"
[ "$(cat "$WORK/dist/sample-1.0.0-scorm12.zip")" = "earlier good package" ] || fail "earlier package was touched"
no_leftovers "$WORK/dist"

run_packager -q build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/ok" --offline --max-package-size 100M
expect_status 0
expect_stderr ""

run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/bad" --max-package-size lots
expect_status 2
echo "ok"
