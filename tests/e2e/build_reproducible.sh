#!/usr/bin/env bash
# The same course built twice, from copies in two different folders whose
# files carry different modification times and modes, a second apart, gives
# byte-identical zips; SOURCE_DATE_EPOCH sets every entry's date.
source "$E2E_LIB"

copy_sources() {
  mkdir -p "$1/manifests" "$1/samples/media"
  cp "$SOURCE_DIR/manifests/sample.yaml" "$1/manifests/"
  cp "$SOURCE_DIR/samples/sample-lesson.md" "$1/samples/"
  cp "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4" "$1/samples/media/"
}
copy_sources "$WORK/a"
touch -d "2020-01-01 10:00" "$WORK/a/samples/sample-lesson.md"
chmod 0600 "$WORK/a/samples/sample-lesson.md"
run_packager build "$WORK/a/manifests/sample.yaml" -o "$WORK/a/dist" --offline
expect_status 0
sleep 1
copy_sources "$WORK/elsewhere/b"
touch "$WORK/elsewhere/b/samples/sample-lesson.md"
run_packager build "$WORK/elsewhere/b/manifests/sample.yaml" -o "$WORK/elsewhere/b/out" --offline
expect_status 0
cmp "$WORK/a/dist/sample-1.0.0-scorm12.zip" "$WORK/elsewhere/b/out/sample-1.0.0-scorm12.zip" ||
  fail "two builds of the same course differ"

SOURCE_DATE_EPOCH=1700000000 run_packager build "$WORK/a/manifests/sample.yaml" -o "$WORK/epoch" --offline
expect_status 0
unzip -Z -T "$WORK/epoch/sample-1.0.0-scorm12.zip" >"$WORK/listing"
dates=$(awk '/^-/ { print $7 }' "$WORK/listing" | sort -u)
[ "$dates" = "20231114.221320" ] || fail "entries should all be dated SOURCE_DATE_EPOCH, got: $dates"
# Entries sorted, imsmanifest.xml first among them, at the root.
names=$(unzip -Z1 "$WORK/epoch/sample-1.0.0-scorm12.zip")
[ "$names" = "$(printf '%s\n' "$names" | LC_ALL=C sort)" ] || fail "entries are not sorted: $names"
printf '%s\n' "$names" | grep -qx imsmanifest.xml || fail "imsmanifest.xml is not at the root"
echo "ok"
