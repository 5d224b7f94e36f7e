#!/usr/bin/env bash
# tests/bench/run.sh: the performance suite. Prints a table of ratios, each
# measured side by side in this run (A and B alternating, median of RUNS).
# Not part of the test suite's pass/fail. About 6-8 minutes on 2 cores (the
# first run also makes the fixtures, kept in build-bench/bench-data).
#
#   bash tests/bench/run.sh            # everything
#   RUNS=7 BIG_MB=3072 bash tests/bench/run.sh
#   PACKAGER=/path/to/old/packager MEDIA_BENCH=/path/to/old/media_bench bash tests/bench/run.sh
#   PART=lesson bash tests/bench/run.sh   # only the one-lesson rows 1, 2 and 4 (about 2 min)
#
# Rows: 1-3 packager build (and the share of it spent copying the cached
# remuxed video out, which replaced a hard link) of a one-lesson 300 MB course (video in the media
# folder, i.e. a warm download cache; the remux taken from the remux cache of
# the previous run, and once more with it redone) against the shell route, cp and
# simple-scorm-packager; the remux alone against ffmpeg; 4 peak RSS at 300 MB
# and BIG_MB; 5 download from loopback against curl (fetch_bench.sh); 6 the
# 92-lesson corpus cold at -j 1 and -j 2 (corpus_bench.sh jobs); then the
# ZIM writer pass against the zip writer pass on the 300 MB lesson
# (zim_bench.sh); then the micro-benchmarks.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${RUNS:-5}
PART=${PART:-all}
BIG_MB=${BIG_MB:-3072}
BUILD=$ROOT/build-bench
DATA=$BUILD/bench-data

need() { command -v "$1" >/dev/null 2>&1; }
if ! need ffmpeg || ! need cmake || [ ! -x /usr/bin/time ] || ! need npm || ! need curl || ! need zip; then
  bash scripts/install-deps.sh
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends time curl nodejs npm zip
fi

echo "== building (Release) into $BUILD" >&2
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPACKAGER_BUILD_BENCHMARKS=ON -DPACKAGER_BUILD_TESTS=ON >/dev/null
if [ "$PART" = lesson ]; then
  cmake --build "$BUILD" -j2 --target packager media_bench >/dev/null
else
  cmake --build "$BUILD" -j2 --target packager micro_bench fault_server fetch_once media_bench >/dev/null
fi
# PACKAGER / MEDIA_BENCH: other binaries to measure (e.g. an older build for
# a before/after comparison); the fixtures and the other tools stay the same.
export PACKAGER=${PACKAGER:-$BUILD/packager/packager}
MEDIA_BENCH=${MEDIA_BENCH:-$BUILD/tests/media_bench}
[ "$PART" = lesson ] || (cd tests/bench && npm ci --no-audit --no-fund >/dev/null 2>&1)

echo "== fixtures" >&2
bash tests/bench/make_fixtures.sh "$DATA" 300 "$BIG_MB" >/dev/null
SRC=$DATA/fragmented-300mb.mp4
BIG=$DATA/fragmented-${BIG_MB}mb.mp4
TMP=$DATA/tmp
rm -rf "$TMP"; mkdir -p "$TMP"

# A one-lesson course whose video is in packager's media folder (the "warm
# cache": no network, as after a first download).
course() { # course DIR VIDEO
  mkdir -p "$1/media"
  ln -sf "$2" "$1/media/lesson-1080-fragmented.mp4"
  cat >"$1/lesson.md" <<LESSON
---
title: Bench
videoDownloadHref: https://tube.example.org/download/lesson-1080-fragmented.mp4
---

## Transcription

Texte.
LESSON
  printf 'id: bench\ntitle: Bench\nversion: 1.0.0\nmedia_dir: media\nlessons:\n  - lesson.md\n' >"$1/course.yaml"
}
course "$TMP/c300" "$SRC"
course "$TMP/cbig" "$BIG"

# timed CMD...: prints "<seconds> <peak RSS KiB>" of one run.
timed() { /usr/bin/time -f "%e %M" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/stderr" || { cat "$TMP/stderr" >&2; exit 1; }; cat "$TMP/time"; }
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# compare NAME A_FUNC B_FUNC: alternates A and B, prints medians and A/B.
RESULTS=$TMP/results
: >"$RESULTS"
compare() {
  local name=$1 a=$2 b=$3
  : >"$TMP/a"; : >"$TMP/b"
  for _ in $(seq 1 "$RUNS"); do
    $a >>"$TMP/a"
    $b >>"$TMP/b"
  done
  local ta tb ma
  ta=$(cut -d' ' -f1 "$TMP/a" | median); tb=$(cut -d' ' -f1 "$TMP/b" | median)
  ma=$(cut -d' ' -f2 "$TMP/a" | sort -g | tail -1)
  printf '%s|%s|%s|%s\n' "$name" "$ta" "$tb" "$(awk -v a="$ta" -v b="$tb" 'BEGIN { printf "%.2f", a / b }')" >>"$RESULTS"
  echo "$name: A ${ta}s (peak ${ma} KiB), B ${tb}s" >&2
}

packager_build() { rm -rf "$TMP/out"; timed "$PACKAGER" -q build "$TMP/c300/course.yaml" -o "$TMP/out" --cache-dir "$TMP/cache"; }
# The same without the remuxed video from an earlier build (issue 8's remux
# cache): the remux is done again, as the shell route does it.
packager_remux_build() { rm -rf "$TMP/out" "$TMP/cache/remuxed"; timed "$PACKAGER" -q build "$TMP/c300/course.yaml" -o "$TMP/out" --cache-dir "$TMP/cache"; }
shell_route() {
  rm -f "$TMP/ff.mp4" "$TMP/ff.zip"
  timed bash -c "ffmpeg -v error -y -i '$SRC' -c copy -movflags +faststart '$TMP/ff.mp4' && cd '$TMP' && zip -0 -X -q ff.zip ff.mp4"
}
plain_cp() { rm -f "$TMP/cp.mp4"; timed cp "$SRC" "$TMP/cp.mp4"; }
# simple-scorm-packager on the same already-remuxed folder (our zip, extracted).
prepare_folder() { rm -rf "$TMP/folder"; mkdir -p "$TMP/folder"; (cd "$TMP/folder" && unzip -q "$TMP"/out/*.zip && rm imsmanifest.xml && mv lessons/* lessons/lesson 2>/dev/null || true); }
ssp() { rm -rf "$TMP/ssp-out"; timed node tests/bench/ssp.js "$TMP/folder" "$TMP/ssp-out"; }

echo "== 1-3: one 300 MB lesson" >&2
compare "packager build vs shell route (ffmpeg +faststart, zip -0 -X)" packager_build shell_route
compare "packager build, remux not cached, vs shell route" packager_remux_build shell_route
compare "packager build vs cp of the source" packager_build plain_cp
if [ "$PART" != lesson ]; then
packager_build >/dev/null
prepare_folder
compare "packager build vs simple-scorm-packager (remuxed folder)" packager_build ssp

# What a warm build pays for never linking the cache: the copy of the
# cached remuxed video into the work folder (a clone where the file system
# can; on ext4 a full copy), measured against the whole warm build.
copy_out() { rm -f "$TMP/copy.mp4"; timed cp --reflink=auto "$(find "$TMP/cache/remuxed" -name video.mp4 | head -1)" "$TMP/copy.mp4"; }
packager_build >/dev/null
compare "copy of the cached 300 MB remuxed video (replaces a hard link) vs the warm build" copy_out packager_build
rm -f "$TMP/copy.mp4"

remux_only() { rm -f "$TMP/remux.mp4"; timed "$MEDIA_BENCH" remux "$SRC" "$TMP/remux.mp4"; }
ffmpeg_remux() { rm -f "$TMP/ffr.mp4"; timed ffmpeg -v error -y -i "$SRC" -c copy -movflags +faststart "$TMP/ffr.mp4"; }
compare "remux alone vs ffmpeg -c copy +faststart" remux_only ffmpeg_remux
fi
rm -f "$TMP/remux.mp4" "$TMP/ffr.mp4" "$TMP/ff.mp4" "$TMP/ff.zip" "$TMP/cp.mp4"

echo "== 4: peak RSS" >&2
# Both with the remux done (not taken from the cache): the heaviest build.
rss300=$(rm -rf "$TMP/out" "$TMP/cache/remuxed"; timed "$PACKAGER" -q build "$TMP/c300/course.yaml" -o "$TMP/out" --cache-dir "$TMP/cache" | cut -d' ' -f2)
rm -rf "$TMP/out" "$TMP/cache/remuxed"
rssbig=$(timed "$PACKAGER" -q build "$TMP/cbig/course.yaml" -o "$TMP/out" --cache-dir "$TMP/cache" | cut -d' ' -f2)
rm -rf "$TMP/out"

if [ "$PART" = lesson ]; then
  echo
  echo "Median of $RUNS runs, A and B alternating; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| measure | packager (A) | other (B) | A/B |"
  echo "|---|---|---|---|"
  while IFS='|' read -r name a b ratio; do echo "| $name | ${a} s | ${b} s | ${ratio}× |"; done <"$RESULTS"
  echo "| peak RSS, 300 MB input | $((rss300 / 1024)) MiB | | |"
  echo "| peak RSS, ${BIG_MB} MB input | $((rssbig / 1024)) MiB | | $(awk -v a="$rssbig" -v b="$rss300" 'BEGIN { printf "%.2f", a / b }')× of 300 MB |"
  exit 0
fi

echo "== 5: download vs curl" >&2
FILE=$SRC bash tests/bench/fetch_bench.sh "$BUILD" 300 "$RUNS" >"$TMP/fetch.txt"
cat "$TMP/fetch.txt" >&2
fp=$(sed -n 's/^packager: *\([0-9.]*\) s.*/\1/p' "$TMP/fetch.txt")
fc=$(sed -n 's/^curl: *\([0-9.]*\) s.*/\1/p' "$TMP/fetch.txt")
frss=$(sed -n 's/^packager:.*peak RSS \([0-9.]*\) MB/\1/p' "$TMP/fetch.txt")

echo "== 6: edu corpus, cold, -j 1 vs -j 2" >&2
RUNS=$RUNS bash tests/bench/corpus_bench.sh jobs "$BUILD" >"$TMP/corpus.txt"
cat "$TMP/corpus.txt" >&2
j1=$(sed -n 's/^-j 1: \([0-9.]*\) s/\1/p' "$TMP/corpus.txt")
j2=$(sed -n 's/^-j 2: \([0-9.]*\) s/\1/p' "$TMP/corpus.txt")
lessons=$(sed -n 's/^lessons: \([0-9]*\),.*/\1/p' "$TMP/corpus.txt")

echo "== 7: ZIM writer vs zip writer, 300 MB lesson" >&2
bash tests/bench/zim_bench.sh "$BUILD" "$SRC" "$RUNS" >"$TMP/zim.txt"
cat "$TMP/zim.txt" >&2
zt=$(sed -n 's/^write_zim: \([0-9.]*\) s.*/\1/p' "$TMP/zim.txt")
zz=$(sed -n 's/^write_packages: \([0-9.]*\) s.*/\1/p' "$TMP/zim.txt")

echo
echo "Median of $RUNS runs, A and B alternating; $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| measure | packager (A) | other (B) | A/B |"
echo "|---|---|---|---|"
while IFS='|' read -r name a b ratio; do echo "| $name | ${a} s | ${b} s | ${ratio}× |"; done <"$RESULTS"
echo "| peak RSS, 300 MB input | $((rss300 / 1024)) MiB | | |"
echo "| peak RSS, ${BIG_MB} MB input | $((rssbig / 1024)) MiB | | $(awk -v a="$rssbig" -v b="$rss300" 'BEGIN { printf "%.2f", a / b }')× of 300 MB |"
echo "| download 300 MB from loopback vs curl CLI (time; throughput ratio = B/A) | ${fp} s (peak ${frss} MB) | ${fc} s | $(awk -v a="$fp" -v b="$fc" 'BEGIN { printf "%.2f", a / b }')×, throughput $(awk -v a="$fp" -v b="$fc" 'BEGIN { printf "%.2f", b / a }')× curl |"
echo "| edu corpus, ${lessons} lessons, cold: -j 2 (A) vs -j 1 (B) | ${j2} s | ${j1} s | $(awk -v a="$j2" -v b="$j1" 'BEGIN { printf "%.2f", a / b }')×, speed-up $(awk -v a="$j2" -v b="$j1" 'BEGIN { printf "%.2f", b / a }')× |"
echo "| writing the ZIM (A) vs writing the zip (B), 300 MB lesson, remux cached | ${zt} s | ${zz} s | $(awk -v a="$zt" -v b="$zz" 'BEGIN { printf "%.2f", a / b }')× (target ≤ 1.2×) |"
echo
echo "Micro-benchmarks (MB/s):"
"$BUILD/tests/bench/micro_bench" --benchmark_min_time=0.2 2>/dev/null | grep '^bm_' | sed 's/^/    /'
