#!/usr/bin/env bash
# Benchmark (prints figures): writing the ZIM against writing the SCORM zip
# for a one-lesson course with a 300 MB video (issue 18: target <= 1.2x).
# Both builds take the remuxed video from the remux cache, so the timed part
# is the writer pass itself: `write_zim` and `write_packages` as
# build-report.json's run.timings record them, median of RUNS, alternating.
#
#   tests/bench/zim_bench.sh [BUILD_DIR] [VIDEO] [RUNS]
# BUILD_DIR defaults to build; VIDEO to a 300 MB fixture made by
# make_fixtures.sh in BUILD_DIR/bench-data; PACKAGER overrides the binary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
PACKAGER=${PACKAGER:-$BUILD/packager/packager}
VIDEO=${2:-}
RUNS=${3:-${RUNS:-5}}
if [ -z "$VIDEO" ]; then
  bash "$ROOT/tests/bench/make_fixtures.sh" "$BUILD/bench-data" 300 >/dev/null
  VIDEO=$BUILD/bench-data/fragmented-300mb.mp4
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/packager-zim-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/course/media"
ln -s "$(realpath "$VIDEO")" "$WORK/course/media/lesson-1080-fragmented.mp4"
cat >"$WORK/course/lesson.md" <<'LESSON'
---
title: Bench
area: Domaine 1
videoDownloadHref: https://tube.example.org/download/lesson-1080-fragmented.mp4
---

## Transcription

Bonjour, ceci est la transcription de la leçon de mesure.
LESSON
printf 'id: bench\ntitle: Bench\nversion: 1.0.0\nmedia_dir: media\nlessons:\n  - lesson.md\n' >"$WORK/course/course.yaml"

pass_seconds() {  # pass_seconds FORMAT STAGE: one build, prints the pass's time
  rm -rf "$WORK/out"
  "$PACKAGER" -q build "$WORK/course/course.yaml" -o "$WORK/out" --cache-dir "$WORK/cache" --format "$1" >/dev/null
  jq -r --arg s "$2" '.run.timings[] | select(.stage == $s) | .seconds' "$WORK/out/build-report.json"
}
pass_seconds zip write_packages >/dev/null  # fills the remux cache
: >"$WORK/zim"; : >"$WORK/zip"
for _ in $(seq 1 "$RUNS"); do
  pass_seconds zim write_zim >>"$WORK/zim"
  pass_seconds zip write_packages >>"$WORK/zip"
done
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
zim=$(median <"$WORK/zim"); zip=$(median <"$WORK/zip")
pass_seconds zim write_zim >/dev/null
echo "video: $(stat -L -c %s "$VIDEO") bytes; zim file: $(stat -c %s "$WORK/out/bench-1.0.0.zim") bytes"
echo "write_zim: $zim s (runs: $(tr '\n' ' ' <"$WORK/zim"))"
echo "write_packages: $zip s (runs: $(tr '\n' ' ' <"$WORK/zip"))"
echo "zim/zip: $(awk -v a="$zim" -v b="$zip" 'BEGIN { printf "%.2f", a / b }') (target <= 1.2)"
