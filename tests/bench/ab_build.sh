#!/usr/bin/env bash
# tests/bench/ab_build.sh OLD NEW [VIDEO] [RUNS]: two packager binaries side
# by side on the one-lesson course of tests/bench/run.sh (VIDEO: default the
# 300 MB fixture), A (OLD) and B (NEW) alternating, median of RUNS (5):
# the warm build (remux from the cache), the cold build (remux redone, the
# download cached) and its peak RSS. How docs/performance.md's "before" and
# "after" columns are measured in the same hour.
set -euo pipefail
cd "$(dirname "$0")/../.."
OLD=$(realpath "$1"); NEW=$(realpath "$2")
DATA=$PWD/build-bench/bench-data
VIDEO=$(realpath "${3:-$DATA/fragmented-300mb.mp4}")
RUNS=${4:-5}
TMP=$(mktemp -d "$DATA/ab.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/c/media"
ln -sf "$VIDEO" "$TMP/c/media/lesson-1080-fragmented.mp4"
printf -- '---\ntitle: Bench\nvideoDownloadHref: https://tube.example.org/download/lesson-1080-fragmented.mp4\n---\n\n## Transcription\n\nTexte.\n' >"$TMP/c/lesson.md"
printf 'id: bench\ntitle: Bench\nversion: 1.0.0\nmedia_dir: media\nlessons:\n  - lesson.md\n' >"$TMP/c/course.yaml"
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# one BINARY CACHE MODE: "<seconds> <peak KiB>" of one build (MODE cold: the
# remux cache emptied first; warm: kept).
one() {
  rm -rf "$TMP/out"
  [ "$3" = cold ] && rm -rf "$2/remuxed"
  /usr/bin/time -f "%e %M" -o "$TMP/time" "$1" -q build "$TMP/c/course.yaml" -o "$TMP/out" --cache-dir "$2" >/dev/null
  cat "$TMP/time"
}
for mode in warm cold; do
  : >"$TMP/a"; : >"$TMP/b"
  # Each binary its own cache (record formats may differ); one untimed
  # build first fills it.
  one "$OLD" "$TMP/cache-a" cold >/dev/null; one "$NEW" "$TMP/cache-b" cold >/dev/null
  for _ in $(seq 1 "$RUNS"); do
    one "$OLD" "$TMP/cache-a" "$mode" >>"$TMP/a"
    one "$NEW" "$TMP/cache-b" "$mode" >>"$TMP/b"
  done
  ta=$(cut -d' ' -f1 "$TMP/a" | median); tb=$(cut -d' ' -f1 "$TMP/b" | median)
  ra=$(cut -d' ' -f2 "$TMP/a" | sort -g | tail -1); rb=$(cut -d' ' -f2 "$TMP/b" | sort -g | tail -1)
  echo "$mode: old ${ta} s (peak $((ra / 1024)) MiB), new ${tb} s (peak $((rb / 1024)) MiB), new/old $(awk -v a="$tb" -v b="$ta" 'BEGIN { printf "%.2f", a / b }')"
done
