#!/usr/bin/env bash
# The one MediaSettings value reaches the report and diff: a --max-height
# transcode is recorded as "transcode" with its settings (not "remux"), and
# `packager diff` sees a lesson whose --max-height, --crf or --preset
# changed; a rebuild with another --crf is not "up to date".
source "$E2E_LIB"

mkdir -p "$WORK/media"
ffmpeg -hide_banner -loglevel error -nostdin -y \
  -f lavfi -i testsrc2=size=320x180:rate=25:duration=1 -f lavfi -i sine=frequency=440:sample_rate=48000:duration=1 \
  -c:v libx264 -profile:v main -pix_fmt yuv420p -preset ultrafast -g 25 -c:a aac -b:a 64k -ac 2 \
  -movflags +frag_keyframe+empty_moov+default_base_moof "$WORK/media/lesson-180-fragmented.mp4"
cat >"$WORK/lesson.md" <<LESSON
---
title: Réglages
videoDownloadHref: https://tube.example.org/download/videos/lesson-180-fragmented.mp4
---
LESSON
build() {  # build OUTPUT ARGS...
  local out=$1; shift
  run_packager build "$WORK/lesson.md" -o "$WORK/$out" --offline --media-dir "$WORK/media" "$@"
  expect_status 0
}
settings() { jq -r '.lessons[0].media_settings' "$WORK/$1/build-report.json"; }

build remux
[ "$(settings remux)" = "remux max_height=0 transcode_unplayable=no crf=26 preset=medium video=h264 audio=aac audio_bit_rate=64000" ] \
  || fail "remux settings: $(settings remux)"
build small --max-height 90 --preset ultrafast
[ "$(settings small)" = "transcode max_height=90 transcode_unplayable=no crf=26 preset=ultrafast video=h264 audio=aac audio_bit_rate=64000" ] \
  || fail "transcode settings: $(settings small)"
[ "$(jq -r .settings.media "$WORK/small/build-report.json")" = "remux max_height=90 transcode_unplayable=no crf=26 preset=ultrafast video=h264 audio=aac audio_bit_rate=64000" ] \
  || fail "build settings: $(jq -r .settings.media "$WORK/small/build-report.json")"

run_packager diff "$WORK/remux/build-report.json" "$WORK/small/build-report.json"
expect_status 1
[ "$STDOUT" = "changed: lesson: settings" ] || fail "unexpected diff: $STDOUT"

# Only --crf changes, in the same folder: rebuilt (not up to date), and diff sees it.
cp "$WORK/small/build-report.json" "$WORK/before.json"
build small --max-height 90 --preset ultrafast --crf 35
case "$STDERR" in *"up to date"*) fail "a new --crf was taken as up to date" ;; esac
[ "$(settings small)" = "transcode max_height=90 transcode_unplayable=no crf=35 preset=ultrafast video=h264 audio=aac audio_bit_rate=64000" ] \
  || fail "crf not recorded: $(settings small)"
run_packager diff "$WORK/before.json" "$WORK/small/build-report.json"
expect_status 1
[ "$STDOUT" = "changed: lesson: settings" ] || fail "unexpected diff: $STDOUT"

# The same settings again: up to date, nothing rewritten.
build small --max-height 90 --preset ultrafast --crf 35
case "$STDERR" in *"up to date"*) ;; *) fail "the same settings were rebuilt: $STDERR" ;; esac
echo "ok"
