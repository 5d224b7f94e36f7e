#!/usr/bin/env bash
# Media benchmark (prints figures; not part of ctest).
#
#   bash tests/bench/remux_bench.sh [BUILD_DIR]
#
# 1. Makes a ~300 MB fragmented 1080p MP4 (PeerTube-like: H.264 + AAC,
#    moof/mdat) by encoding a 20 s clip once and concatenating copies of it
#    with stream copy, and a ~30 MB one the same way.
# 2. Times packager's remux (media_bench remux) against
#    `ffmpeg -i in.mp4 -c copy -movflags +faststart out.mp4`, alternating,
#    5 runs each; prints the medians, the ratio and the peak RSS of both
#    (/usr/bin/time -v), and packager's peak RSS on the 30 MB input.
# 3. Times the 480p transcode (x264 medium, CRF 26, AAC mono 64k) of 60 s of
#    1080p, in seconds of video per second.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
RUNS=${RUNS:-5}
cmake --build "$BUILD" --target media_bench -j2 >/dev/null
BENCH="$BUILD/tests/media_bench"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/packager-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FF="ffmpeg -hide_banner -loglevel error -nostdin -y"

echo "making fixtures in $WORK ..." >&2
# 20 s of 1080p25 at ~12 Mb/s (noise keeps the bitrate up, as real footage does).
$FF -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=20,noise=alls=12:allf=t" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=20" \
  -c:v libx264 -profile:v main -pix_fmt yuv420p -preset ultrafast -b:v 12M -g 50 -c:a aac -b:a 128k -ac 2 \
  "$WORK/clip.mp4"
clip_bytes=$(stat -c %s "$WORK/clip.mp4")
loops=$(( (300 * 1000 * 1000 + clip_bytes - 1) / clip_bytes - 1 ))
frag="-movflags +frag_keyframe+empty_moov+default_base_moof"
$FF -stream_loop "$loops" -i "$WORK/clip.mp4" -c copy $frag "$WORK/in300.mp4"
$FF -i "$WORK/clip.mp4" -c copy $frag "$WORK/in30.mp4"
# A 60 s 1080p input for the transcode.
$FF -stream_loop 2 -i "$WORK/clip.mp4" -c copy $frag "$WORK/in60s.mp4"

size_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.0f", b / 1e6 }'; }
duration() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1"; }

# timed LABEL CMD...: runs CMD under /usr/bin/time; appends "seconds rss_kb" to $WORK/LABEL.
timed() {
  local label=$1; shift
  sync
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" >/dev/null
  cat "$WORK/time.txt" >>"$WORK/$label"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "remux: $(size_mb "$WORK/in300.mp4") MB, $(duration "$WORK/in300.mp4") s, $RUNS runs each, alternating ..." >&2
for i in $(seq 1 "$RUNS"); do
  timed packager "$BENCH" remux "$WORK/in300.mp4" "$WORK/out-p.mp4"
  rm -f "$WORK/out-p.mp4"
  timed ffmpeg $FF -i "$WORK/in300.mp4" -c copy -movflags +faststart "$WORK/out-f.mp4"
  rm -f "$WORK/out-f.mp4"
done
timed small "$BENCH" remux "$WORK/in30.mp4" "$WORK/out-s.mp4"

p_time=$(cut -d' ' -f1 "$WORK/packager" | median)
f_time=$(cut -d' ' -f1 "$WORK/ffmpeg" | median)
p_rss=$(cut -d' ' -f2 "$WORK/packager" | sort -n | tail -1)
f_rss=$(cut -d' ' -f2 "$WORK/ffmpeg" | sort -n | tail -1)
s_rss=$(cut -d' ' -f2 "$WORK/small")

echo "transcode: 60 s of 1080p to 480p (x264 medium, CRF 26) ..." >&2
timed transcode "$BENCH" transcode "$WORK/in60s.mp4" "$WORK/out-480.mp4" 480 medium 26
t_time=$(cut -d' ' -f1 "$WORK/transcode")
t_rss=$(cut -d' ' -f2 "$WORK/transcode")
t_dur=$(duration "$WORK/in60s.mp4")

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
echo
echo "| measure | packager | ffmpeg -c copy | ratio / note |"
echo "|---|---|---|---|"
echo "| remux $(size_mb "$WORK/in300.mp4") MB fragmented 1080p, median of $RUNS | ${p_time} s | ${f_time} s | $(awk -v a="$p_time" -v b="$f_time" 'BEGIN { printf "%.2fx", a / b }') |"
echo "| peak RSS, remux $(size_mb "$WORK/in300.mp4") MB | $(mib "$p_rss") | $(mib "$f_rss") | |"
echo "| peak RSS, remux $(size_mb "$WORK/in30.mp4") MB | $(mib "$s_rss") | | $(awk -v a="$p_rss" -v b="$s_rss" 'BEGIN { printf "%+.0f%% from 30 MB to 300 MB", (a / b - 1) * 100 }') |"
echo "| transcode ${t_dur} s 1080p -> 480p | ${t_time} s, $(awk -v d="$t_dur" -v t="$t_time" 'BEGIN { printf "%.2f", d / t }') s of video/s | | peak RSS $(mib "$t_rss") |"
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), shared with other jobs"
