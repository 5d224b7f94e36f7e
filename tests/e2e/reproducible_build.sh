#!/usr/bin/env bash
# Same inputs and same version give byte-identical outputs whatever the
# output folder, time zone or locale: every file of the site, the zip in it
# and SHA256SUMS are identical,
# and so is build-report.json once its "run" part (timings, what was
# reused) is removed.
source "$E2E_LIB"

build_in() {  # build_in DIR TZ LOCALE
  mkdir -p "$1"
  set +e
  (cd "$1" && TZ="$2" LC_ALL="$3" "$PACKAGER" build "$SOURCE_DIR/manifests/sample.yaml" -o "out/dist" --offline --format both \
    >"$WORK/stdout" 2>"$WORK/stderr")
  STATUS=$?
  set -e
  STDERR=$(cat "$WORK/stderr")
  expect_status 0
}
build_in "$WORK/first" "America/New_York" "C"
build_in "$WORK/second/deeper folder" "Asia/Tokyo" "C.UTF-8"
a="$WORK/first/out/dist"
b="$WORK/second/deeper folder/out/dist"

files=$(cd "$a" && find . -type f ! -name build-report.json | sort)
[ "$files" = "$(cd "$b" && find . -type f ! -name build-report.json | sort)" ] || fail "the two builds wrote different files"
[ "$(printf '%s\n' "$files" | wc -l)" -ge 7 ] || fail "expected the site and the zip, got: $files"
for f in $files; do
  cmp "$a/$f" "$b/$f" || fail "$f differs between the two builds"
done
jq -S 'del(.run)' "$a/build-report.json" >"$WORK/report-a"
jq -S 'del(.run)' "$b/build-report.json" >"$WORK/report-b"
diff -u "$WORK/report-a" "$WORK/report-b" || fail "the reproducible part of build-report.json differs"
# The run part is there, and is the only thing allowed to differ.
[ "$(jq '.run.timings | length' "$a/build-report.json")" -ge 8 ] || fail "the report lacks per-stage timings"
# Nothing in the report depends on where it was built.
! grep -q "$WORK" "$a/build-report.json" || fail "the report holds an absolute path"
echo "ok"
