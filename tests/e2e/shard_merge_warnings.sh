#!/usr/bin/env bash
# One sink for warnings, across a distributed build: what a shard warned of
# while fetching (here: lesson 2's video has no sound and its PeerTube
# instance cannot be asked for an audio file) reaches the merged
# build-report.json once, with its lesson, and the merge prints it; a
# warning about a lesson file and the media pass's warning of the silence,
# which the merge sees again itself, are printed and recorded once too.
source "$E2E_LIB"
source "$SOURCE_DIR/tests/e2e/lib/served_course.bash"

make_served_videos "$WORK" 2
# Lesson 2's video has no sound (the audio track dropped by stream copy).
ffmpeg -v error -i "$WORK/served/lesson2-1080-fragmented.mp4" -an -c copy \
  -movflags +frag_keyframe+empty_moov+default_base_moof -f mp4 "$WORK/served/silent.mp4"
mv "$WORK/served/silent.mp4" "$WORK/served/lesson2-1080-fragmented.mp4"
start_server "$WORK/served"
write_lessons "$WORK" 2
sed -i 's/^title: Leçon 1$/title: Leçon 1\ndescripton: typo/' "$WORK/lessons/lesson1.md"
# An embed link on a server that is no PeerTube instance: its API answers 404.
sed -i "s#^title: Leçon 2\$#title: Leçon 2\nvideoEmbedSrc: $BASE_URL/videos/embed/abc#" "$WORK/lessons/lesson2.md"
write_course "$WORK/course.yaml" warned 1 2

for i in 1 2; do
  run_packager -q build "$WORK/course.yaml" --shard "$i/2" -o "$WORK/shard-$i"
  expect_status 0
done
run_packager merge "$WORK/shard-1" "$WORK/shard-2" -o "$WORK/course"
expect_status 0
report="$WORK/course/build-report.json"
got=$(jq -r '.warnings[] | .lesson + "|" + (.message | split("\n")[0])' "$report" |
  sed -e "s#$WORK#<work>#g" -e "s#127\.0\.0\.1:[0-9]*#127.0.0.1:<port>#g")
want="lesson1|<work>/lessons/lesson1.md:4:1: warning: unknown key 'descripton'; did you mean 'description'?
lesson2|warning: http://127.0.0.1:<port>/lesson2-1080-fragmented.mp4 has no sound and its audio could not be asked from http://127.0.0.1:<port>/videos/embed/abc: http://127.0.0.1:<port>/api/v1/videos/abc: HTTP 404
lesson2|warning: <work>/lessons/lesson2.md: http://127.0.0.1:<port>/lesson2-1080-fragmented.mp4: the video has no sound (no audio track); it is packaged silent (the PeerTube instance lists no audio file for it; --require-audio makes this an error)"
[ "$got" = "$want" ] || fail "merged report warnings:
$got
--- expected:
$want"
# The merge printed the three, once each.
[ "$(grep -c "warning: " "$WORK/stderr")" = 3 ] || fail "the merge printed: $STDERR"
echo "ok"
