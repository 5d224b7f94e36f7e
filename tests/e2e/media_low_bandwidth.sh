#!/usr/bin/env bash
# --max-height 90 on a 320x180 lesson video: transcoded to 160x90 H.264
# main profile and mono AAC, with the sizes before and after reported, a
# poster in the zip, and a progressive MP4.
source "$E2E_LIB"

mkdir -p "$WORK/media"
# The fixture (tests/support records the same kind of command).
ffmpeg -hide_banner -loglevel error -nostdin -y \
  -f lavfi -i testsrc2=size=320x180:rate=25:duration=2 -f lavfi -i sine=frequency=440:sample_rate=48000:duration=2 \
  -c:v libx264 -profile:v main -pix_fmt yuv420p -preset ultrafast -g 25 -c:a aac -b:a 64k -ac 2 \
  -movflags +frag_keyframe+empty_moov+default_base_moof "$WORK/media/lesson-180-fragmented.mp4"
cat >"$WORK/lesson.md" <<LESSON
---
title: Petite bande passante
videoDownloadHref: https://tube.example.org/download/videos/lesson-180-fragmented.mp4
---
LESSON
run_packager build "$WORK/lesson.md" -o "$WORK/dist" --offline --media-dir "$WORK/media" \
  --max-height 90 --preset veryfast --crf 30
expect_status 0
grep -Eq '^transcoded lesson to 90p: [0-9.]+ MB -> [0-9.]+ MB$' "$WORK/stderr" || fail "no size report: $STDERR"
no_leftovers "$WORK/dist"
mkdir "$WORK/x"
(cd "$WORK/x" && unzip -q "$WORK/dist/lesson-1.0.0-scorm12.zip")
video="$WORK/x/lessons/lesson/video.mp4"
[ "$(ffprobe -v error -select_streams v -show_entries stream=codec_name,profile,width,height,pix_fmt -of csv=p=0 "$video")" = "h264,Main,160,90,yuv420p" ] \
  || fail "video stream: $(ffprobe -v error -select_streams v -show_entries stream=codec_name,profile,width,height,pix_fmt -of csv=p=0 "$video")"
[ "$(ffprobe -v error -select_streams a -show_entries stream=codec_name,channels -of csv=p=0 "$video")" = "aac,1" ] \
  || fail "audio stream is not mono AAC"
boxes=$(top_level_boxes "$video" | tr '\n' ' ')
case "$boxes" in *moov*mdat*) ;; *) fail "moov must come before mdat, got: $boxes" ;; esac
[ "$(ffprobe -v error -show_entries stream=codec_name,width -of csv=p=0 "$WORK/x/lessons/lesson/poster.jpg")" = "mjpeg,160" ] \
  || fail "poster.jpg is not a 160 px JPEG"
grep -q 'lessons/lesson/poster.jpg' "$WORK/x/imsmanifest.xml" || fail "the manifest does not list the poster"
echo "ok"
