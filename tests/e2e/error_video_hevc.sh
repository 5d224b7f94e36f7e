#!/usr/bin/env bash
# An HEVC lesson video: refused with the lesson, the URL and the codec,
# exit 5 (media), no zip; with --transcode it is re-encoded to H.264.
source "$E2E_LIB"

mkdir -p "$WORK/media"
ffmpeg -hide_banner -loglevel error -nostdin -y \
  -f lavfi -i testsrc2=size=320x180:rate=25:duration=1 -f lavfi -i sine=frequency=440:sample_rate=48000:duration=1 \
  -c:v libx265 -preset ultrafast -x265-params log-level=error -tag:v hvc1 -c:a aac -b:a 64k \
  "$WORK/media/lecon-hevc.mp4"
cat >"$WORK/lesson.md" <<LESSON
---
title: HEVC
videoDownloadHref: https://tube.example.org/download/videos/lecon-hevc.mp4
---
LESSON
run_packager -q build "$WORK/lesson.md" -o "$WORK/dist" --offline --media-dir "$WORK/media"
expect_status 5
expect_stderr "packager: error: <work>/lesson.md: https://tube.example.org/download/videos/lecon-hevc.mp4: the video codec is hevc, which browsers cannot play in MP4; expected H.264 (--transcode re-encodes it)"
[ -z "$(ls -A "$WORK/dist" 2>/dev/null)" ] || fail "output folder is not empty: $(ls -A "$WORK/dist")"

run_packager build "$WORK/lesson.md" -o "$WORK/dist" --offline --media-dir "$WORK/media" --transcode --preset ultrafast
expect_status 0
mkdir "$WORK/x"
(cd "$WORK/x" && unzip -q "$WORK/dist/lesson-1.0.0-scorm12.zip")
[ "$(ffprobe -v error -select_streams v -show_entries stream=codec_name,width -of csv=p=0 "$WORK/x/lessons/lesson/video.mp4")" = "h264,320" ] \
  || fail "the transcoded video is not 320 px H.264"
echo "ok"
