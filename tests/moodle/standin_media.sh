#!/usr/bin/env bash
# tests/moodle/standin_media.sh LESSONS_DIR MEDIA_DIR [SECONDS]
#   Writes one small stand-in video per lesson of LESSONS_DIR (*.md) into MEDIA_DIR, named as the last segment of the
#   lesson's videoDownloadHref, so `packager build ... --offline --media-dir MEDIA_DIR` takes them as local copies:
#   SECONDS (default 2) of 320x180 testsrc2 + a 440 Hz tone, H.264 main + AAC, fragmented like PeerTube's files.
#   Each copy ends with a 16-byte 'free' box holding its number, so no two lessons share bytes.
set -euo pipefail
src=${1:?usage: standin_media.sh LESSONS_DIR MEDIA_DIR [SECONDS]}; out=${2:?usage}; secs=${3:-2}
mkdir -p "$out"
base=$out/.standin-base.mp4
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=size=320x180:rate=25:duration=$secs" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$secs" -c:v libx264 -profile:v main -pix_fmt yuv420p \
  -preset ultrafast -g 25 -c:a aac -b:a 64k -movflags +frag_keyframe+empty_moov+default_base_moof -shortest \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact "$base"
n=0
for f in "$src"/*.md; do
  url=$(sed -n 's/^videoDownloadHref: *//p' "$f" | head -1 | tr -d '\r')
  [[ -n $url ]] || continue
  name=$(basename "${url%%\?*}")
  { cat "$base"; printf '\000\000\000\020free%08d' "$n"; } > "$out/$name"
  n=$((n + 1))
done
rm -f "$base"
echo "$n stand-in videos in $out"
