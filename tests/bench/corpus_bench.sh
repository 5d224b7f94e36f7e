#!/usr/bin/env bash
# Benchmark (prints figures): the real edu corpus (92 lessons), each with its
# own small stand-in video served from a loopback server.
#
#   tests/bench/corpus_bench.sh incremental [BUILD_DIR]
#     three builds: cold (empty cache and output), warm with nothing changed,
#     and after editing one lesson. Prints the times and warm/cold (target:
#     <= 5%).
#   RUNS=5 tests/bench/corpus_bench.sh jobs [BUILD_DIR]
#     cold builds at -j 1 and -j 2, alternating, RUNS each; prints the
#     medians and the speed-up.
#
# BUILD_DIR defaults to build; PACKAGER and FAULT_SERVER override the binaries.
# FAULT_SERVER_DELAY_MS=50 has the server answer every request 50 ms late
# (an instance far away: what revalidations wait for).
set -euo pipefail
MODE=${1:-incremental}
shift || true
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
PACKAGER=${PACKAGER:-$BUILD/packager/packager}
FAULT_SERVER=${FAULT_SERVER:-$BUILD/tests/fault_server}
CORPUS=${CORPUS:-$ROOT/../shared/corpus/pix-tutos/content/edu}
FORMAT=${FORMAT:-both}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/packager-bench.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
export XDG_CACHE_HOME="$WORK/cache"
mkdir -p "$WORK/course" "$WORK/served"

# One 2 s 320x180 fragmented H.264/AAC video (as PeerTube serves), then a
# distinct copy per lesson (a trailing 16-byte 'free' box holding the lesson
# number: valid ISO-BMFF, other bytes), so the content-addressed caches
# cannot share one remux between lessons.
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i "testsrc2=size=320x180:rate=25:duration=2" \
  -f lavfi -i "sine=frequency=440:duration=2" -c:v libx264 -profile:v main -pix_fmt yuv420p -preset ultrafast \
  -g 25 -c:a aac -b:a 64k -movflags +frag_keyframe+empty_moov+default_base_moof -shortest "$WORK/base.mp4"

"$FAULT_SERVER" "$WORK/served" "$WORK/port" &
SERVER_PID=$!
n=0
for f in "$CORPUS"/*.md; do
  url=$(sed -n 's/^videoDownloadHref: *//p' "$f" | head -1 | tr -d '\r')
  [ -n "$url" ] || continue
  name="v$n-$(basename "${url%%\?*}")"
  { cat "$WORK/base.mp4"; printf '\000\000\000\020free%08d' "$n"; } >"$WORK/served/$name"
  sed "s#^videoDownloadHref:.*#videoDownloadHref: http://127.0.0.1:PORT/$name#" "$f" >"$WORK/course/$(basename "$f")"
  n=$((n + 1))
done
# The server reads its folder when it starts: restart it now that it is full.
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
rm -f "$WORK/port"
"$FAULT_SERVER" "$WORK/served" "$WORK/port" &
SERVER_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
port=$(cat "$WORK/port")
sed -i "s#127.0.0.1:PORT/#127.0.0.1:$port/#" "$WORK/course"/*.md
printf 'id: bench\ntitle: Bench\nversion: 1.0.0\nlessons:\n  - "*.md"\n' >"$WORK/course/course.yaml"

OUT=$WORK/out
run() {  # run LABEL [OPTIONS...]: one build into $OUT, prints its time in seconds
  local start end
  shift
  start=$(date +%s.%N)
  "$PACKAGER" -q build "$WORK/course/course.yaml" -o "$OUT" --format "$FORMAT" "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}
if [ "$MODE" = jobs ]; then
  RUNS=${RUNS:-5}
  : >"$WORK/j1"; : >"$WORK/j2"
  # Each cold build gets a new cache and output folder, and none is removed
  # before the last build: ext4 does not reuse an inode freed in the last
  # 60 s (recently_deleted() in its inode allocator reads the inode table to
  # skip it), so creating ~1 500 files right after deleting the previous
  # build's ~1 500 cost ~1 ms each in the kernel (perf: 50% of a cold build
  # in find_get_block/recently_deleted) and measured the file system, not
  # packager. (Run this at least a minute after deleting much elsewhere.)
  for r in $(seq 1 "$RUNS"); do
    for j in 1 2; do
      export XDG_CACHE_HOME="$WORK/runs/$r-$j/cache"
      OUT="$WORK/runs/$r-$j/out"
      run cold -j "$j" >>"$WORK/j$j"; echo >>"$WORK/j$j"
    done
  done
  median() { sort -g | awk 'NF { a[++n] = $1 } END { print a[int((n + 1) / 2)] }'; }
  j1=$(median <"$WORK/j1"); j2=$(median <"$WORK/j2")
  echo "lessons: $n, format: $FORMAT, cold, median of $RUNS"
  echo "-j 1: ${j1} s"
  echo "-j 2: ${j2} s"
  awk -v a="$j1" -v b="$j2" 'BEGIN { printf "speed-up -j 2 / -j 1: %.2fx (target >= 1.7x)\n", a / b }'
  exit 0
fi
cold=$(run cold)
warm=$(run warm)
# (A glob, not `ls | head`: head closing the pipe would fail the script.)
lessons=("$WORK/course"/*.md)
first=${lessons[0]}
sed -i '0,/^## /s//## (révisé) /' "$first"
edited=$(run edited)
echo "lessons: $n, format: $FORMAT"
echo "cold:   ${cold} s"
echo "warm:   ${warm} s (nothing changed)"
echo "edited: ${edited} s (one lesson edited)"
awk -v w="$warm" -v c="$cold" -v e="$edited" \
  'BEGIN { printf "warm/cold: %.1f%% (target <= 5%%), edited/cold: %.1f%%\n", 100 * w / c, 100 * e / c }'
