#!/usr/bin/env bash
# Incremental builds. A rebuild with nothing changed rewrites nothing (same
# inode and date for every file, report included). After editing one
# lesson's transcript, every video comes from the remux cache, only that
# lesson's page and the SCORM zip are rewritten, the other files keep their
# inode and date, the report says what was reused, and the bundle verifies.
source "$E2E_LIB"

course="$WORK/course"
mkdir -p "$course"
cp "$SOURCE_DIR/samples/sample-lesson.md" "$course/one.md"
cp "$SOURCE_DIR/samples/sample-lesson.md" "$course/two.md"
printf 'id: incr\ntitle: Incremental\nversion: 1.0.0\nmedia_dir: %s\nlessons:\n  - one.md\n  - two.md\n' \
  "$SOURCE_DIR/samples/media" >"$course/course.yaml"
out="$WORK/stick"
listing() { (cd "$out" && find . -type f -printf '%i %T@ %p\n' | sort -k3); }

run_packager build "$course/course.yaml" -o "$out" --offline --format both
expect_status 0
[ "$(jq '[.run.reused[] | select(.what == "remuxed media")] | length' "$out/build-report.json")" = 0 ] ||
  fail "a cold build cannot reuse remuxed media"
listing >"$WORK/before"
sleep 1.1  # so a rewritten file would get a different date

run_packager build "$course/course.yaml" -o "$out" --offline --format both
expect_status 0
expect_stderr "fetched https://tube.example.org/download/streaming-playlists/hls/videos/sample-lesson-1080-fragmented.mp4 (local copy)
up to date: no input changed since <work>/stick/build-report.json was built; nothing rewritten"
[ "$STDOUT" = "$out/scorm/incr-1.0.0-scorm12.zip
$out/index.html" ] || fail "an up-to-date build still prints its outputs, got: $STDOUT"
listing >"$WORK/after"
diff -u "$WORK/before" "$WORK/after" || fail "a build with nothing changed rewrote files"

# Edit one lesson's transcript.
sed -i 's/Cette leçon d’exemple montre/Cette leçon révisée montre/' "$course/two.md"
run_packager build "$course/course.yaml" -o "$out" --offline --format both
expect_status 0
listing >"$WORK/edited"
changed=$({ diff "$WORK/before" "$WORK/edited" || true; } |
  sed -n 's/^> [0-9]* [0-9.]* \.\///p' | sort | tr '\n' ' ')
[ "$changed" = "SHA256SUMS build-report.json lessons/two/index.html lessons/two/transcript.html scorm/incr-1.0.0-scorm12.zip " ] ||
  fail "only the edited lesson's pages, the zip and the report should be rewritten, got: $changed"
grep -q 'Cette leçon révisée montre' "$out/lessons/two/index.html" || fail "the edit is not in the page"
[ "$(jq -c '[.run.reused[] | select(.what == "remuxed media") | .lesson]' "$out/build-report.json")" = '["one","two"]' ] ||
  fail "both videos should come from the remux cache: $(jq -c .run.reused "$out/build-report.json")"
jq -e '[.run.reused[] | select(.what == "unchanged output") | .from] | index("lessons/one/index.html")' \
  "$out/build-report.json" >/dev/null || fail "the report does not say lessons/one/index.html was kept"
run_packager verify "$out"
expect_status 0

# The options that decide success are inputs too: an upload limit the zip
# exceeds fails (nothing rewritten) instead of reporting "up to date".
listing >"$WORK/before-limit"
run_packager build "$course/course.yaml" -o "$out" --offline --format both --max-package-size 1K
expect_status 6
listing >"$WORK/after-limit"
diff -u "$WORK/before-limit" "$WORK/after-limit" || fail "a refused build rewrote files"
echo "ok"
