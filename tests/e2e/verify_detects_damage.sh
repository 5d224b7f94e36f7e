#!/usr/bin/env bash
# `packager verify` on a freshly built bundle says all intact; then it finds
# each kind of bit rot an old USB stick shows: a flipped byte (also caught by
# the zip's own CRC), a deleted file and an added file. Non-zero on any.
source "$E2E_LIB"

run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/dist" --offline
expect_status 0
zip="$WORK/dist/sample-1.0.0-scorm12.zip"
(cd "$WORK/dist" && sha256sum -c --quiet SHA256SUMS) || fail "SHA256SUMS does not check with sha256sum -c"

run_packager verify "$WORK/dist"
expect_status 0
[ -z "$STDOUT" ] || fail "an intact bundle should list nothing, got: $STDOUT"
expect_stderr "1 file(s) checked against build-report.json and SHA256SUMS: all intact"

# A flipped byte in the middle of the zip (inside the stored video).
cp "$zip" "$WORK/good.zip"
size=$(stat -c %s "$zip")
offset=$((size / 2))
byte=$(dd if="$zip" bs=1 skip=$offset count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
printf "$(printf '\\%03o' $(((byte + 1) % 256)))" | dd of="$zip" bs=1 seek=$offset conv=notrunc 2>/dev/null
run_packager verify "$WORK/dist"
expect_status 1
want_sha=$(sha256sum "$WORK/good.zip" | cut -c1-64)
got_sha=$(sha256sum "$zip" | cut -c1-64)
[ "$STDOUT" = "changed: sample-1.0.0-scorm12.zip: sha256 is $got_sha, expected $want_sha
corrupt: sample-1.0.0-scorm12.zip: lessons/sample-lesson/video.mp4: CRC error" ] ||
  fail "flipped byte: unexpected findings: $STDOUT"
expect_stderr "packager: error: 1 file(s) checked against build-report.json and SHA256SUMS: 2 difference(s)"
# The zip named directly: checked against the report beside it, plus CRCs.
run_packager verify "$zip"
expect_status 1
[ "$(printf '%s\n' "$STDOUT" | cut -d: -f1 | tr '\n' ' ')" = "changed corrupt " ] ||
  fail "verify ZIP should report the change and the CRC error, got: $STDOUT"
cp "$WORK/good.zip" "$zip"

# A deleted file and an added one.
rm "$zip"
mkdir -p "$WORK/dist/notes"
echo "stray" >"$WORK/dist/notes/added.txt"
run_packager verify "$WORK/dist"
expect_status 1
[ "$STDOUT" = "missing: sample-1.0.0-scorm12.zip
extra: notes/added.txt" ] || fail "deleted/added: unexpected findings: $STDOUT"
expect_stderr "packager: error: 1 file(s) checked against build-report.json and SHA256SUMS: 2 difference(s)"

# Nothing to verify against is an input error naming the folder.
run_packager verify "$WORK/dist/notes"
expect_status 3
expect_stderr "packager: error: <work>/dist/notes: no build-report.json or SHA256SUMS here; is this a packager output folder?"
echo "ok"
