#!/usr/bin/env bash
# make_fixtures.sh DIR [SIZE_MB...]: PeerTube-style fragmented 1080p
# H.264+AAC MP4s of about SIZE_MB each (default 300), named fragmented-<N>mb.mp4.
# A short clip is encoded once with lavfi, then concatenated with stream copy
# (fast: no re-encoding), and written fragmented like PeerTube's HLS files.
set -euo pipefail
dir=$(realpath -m "$1"); shift
sizes=("${@:-300}")
mkdir -p "$dir"
clip="$dir/clip-10s.mp4"
if [ ! -s "$clip" ]; then
  # High bitrate so few seconds make many megabytes, like a real 1080p lecture.
  ffmpeg -hide_banner -loglevel error -nostdin -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=10" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=10" \
    -c:v libx264 -preset ultrafast -profile:v main -pix_fmt yuv420p -g 50 -b:v 8M -maxrate 8M -bufsize 16M \
    -c:a aac -b:a 128k "$clip"
fi
clip_bytes=$(stat -c %s "$clip")
for mb in "${sizes[@]}"; do
  out="$dir/fragmented-${mb}mb.mp4"
  [ -s "$out" ] && continue
  copies=$(( (mb * 1024 * 1024 + clip_bytes - 1) / clip_bytes ))
  list="$dir/concat-$mb.txt"
  : >"$list"
  for _ in $(seq 1 "$copies"); do echo "file '$clip'" >>"$list"; done
  ffmpeg -hide_banner -loglevel error -nostdin -y -f concat -safe 0 -i "$list" -c copy \
    -movflags +frag_keyframe+empty_moov+default_base_moof "$out.tmp.mp4"
  mv "$out.tmp.mp4" "$out"
  rm -f "$list"
done
ls -l "$dir"/fragmented-*mb.mp4
