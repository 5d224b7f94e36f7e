#!/usr/bin/env bash
# The disk fills during a download, a remux and a zip (simulated with
# RLIMIT_FSIZE, `ulimit -f`, which makes any write past the limit fail with
# EFBIG exactly where a full disk fails with ENOSPC): each run stops with one
# error naming the file being written, exit 6 (output), and leaves nothing
# half-written: no temporary file, no partial package, no partial cache entry,
# and the earlier package untouched.
source "$E2E_LIB"

mkdir -p "$WORK/served" "$WORK/lessons" "$WORK/dist"
for n in 1 2; do
  cp "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4" "$WORK/served/lesson$n-1080-fragmented.mp4"
done
start_server "$WORK/served"
for n in 1 2; do
  cat >"$WORK/lessons/lesson$n.md" <<LESSON
---
title: Leçon $n
videoDownloadHref: $BASE_URL/lesson$n-1080-fragmented.mp4
---

## Transcription

Texte.
LESSON
done
printf 'id: full\ntitle: Disque plein\nversion: 1.0.0\nlessons:\n  - lessons/*.md\n' >"$WORK/course.yaml"
zip="$WORK/dist/full-1.0.0-scorm12.zip"
cache="$WORK/cache/packager"
video_kib=$(( ($(stat -c %s "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4") + 1023) / 1024 ))

# run_limited KIB ARGS...: runs packager with files limited to KIB KiB.
# SIGXFSZ is ignored (inherited through exec) so the write fails with EFBIG
# instead of killing the process.
run_limited() {
  local kib=$1; shift
  set +e
  (trap '' XFSZ; ulimit -f "$kib"; exec "$PACKAGER" -q "$@") >"$WORK/stdout" 2>"$WORK/stderr"
  STATUS=$?
  set -e
  STDOUT=$(cat "$WORK/stdout")
  STDERR=$(cat "$WORK/stderr")
}

# untouched: the earlier package, the output folder and the cache hold
# nothing new or partial.
earlier() { echo "earlier good package" >"$zip"; }
untouched() {
  [ "$(cat "$zip")" = "earlier good package" ] || fail "$1: the earlier package was touched"
  no_leftovers "$WORK/dist"
  # build-report.json and SHA256SUMS of an earlier good build may be there.
  [ "$(ls -A "$WORK/dist" | grep -v -x -e SHA256SUMS -e build-report.json)" = "full-1.0.0-scorm12.zip" ] ||
    fail "$1: unexpected files: $(ls -A "$WORK/dist")"
  [ -z "$(find "$WORK/cache" -name '*.tmp-*' 2>/dev/null)" ] || fail "$1: temporary files in the cache"
  [ -z "$STDOUT" ] || fail "$1: a failed run printed a package path"
  [ "$(printf '%s\n' "$STDERR" | grep -c 'error')" -eq 1 ] || fail "$1: expected one error, got: $STDERR"
}

# 1. Download: the cache file cannot grow past half a video.
earlier
run_limited $(( video_kib / 2 )) build "$WORK/course.yaml" -o "$WORK/dist"
expect_status 6
case "$STDERR" in
  "packager: error: $WORK/lessons/lesson1.md: $cache/partial/"*".part: cannot write: File too large") ;;
  *) fail "download: unexpected error: $STDERR" ;;
esac
untouched download
# Only a resumable part may stay (partial/); no cache entry is recorded.
[ -z "$(find "$cache/urls" "$cache/blobs" -type f 2>/dev/null)" ] || fail "download: a cache entry was written for a failed download"

# Fill the cache without a limit, then run again limited: downloads are
# cache hits now, so the first big write is the remux.
run_packager build "$WORK/course.yaml" -o "$WORK/dist"
expect_status 0
good=$(sha256sum "$zip" | cut -d' ' -f1)

# 2. Remux: the remuxed video cannot be written whole. (The remuxed videos
# the good run kept in the cache are dropped, so the remux really runs.)
earlier
rm -rf "$cache/remuxed"
run_limited $(( video_kib / 2 )) build "$WORK/course.yaml" -o "$WORK/dist"
expect_status 6
case "$STDERR" in
  "packager: error: $WORK/lessons/lesson1.md: $BASE_URL/lesson1-1080-fragmented.mp4: cannot "*" $WORK/dist/.packager-work-"*"/lessons/lesson1/video.mp4: File too large (the video needs about "*" KiB)") ;;
  *) fail "remux: unexpected error: $STDERR" ;;
esac
untouched remux

# 3. Zip: each remuxed video fits, the two-video package does not.
earlier
run_limited $(( video_kib * 3 / 2 )) build "$WORK/course.yaml" -o "$WORK/dist"
expect_status 6
case "$STDERR" in
  "packager: error: cannot write $zip: close: "*" (the package needs about "*" KiB)") ;;
  *) fail "zip: unexpected error: $STDERR" ;;
esac
untouched zip

# With room again, the same inputs give the same package.
run_packager build "$WORK/course.yaml" -o "$WORK/dist"
expect_status 0
[ "$(sha256sum "$zip" | cut -d' ' -f1)" = "$good" ] || fail "the package after the failures differs"

# 4. Where a private mount namespace is allowed (unshare -rm), a real full
# disk: a 700 KiB tmpfs holding the cache and the output. The two downloads
# fit; a remux does not (ENOSPC).
if unshare -rm true 2>/dev/null; then
  mkdir -p "$WORK/small"
  set +e
  unshare -rm bash -c '
    mount -t tmpfs -o size=700k tmpfs "$1" || exit 99
    XDG_CACHE_HOME="$1/cache" "$2" -q build "$3" -o "$1/dist" >"$4/stdout" 2>"$4/stderr"
    status=$?
    ls -A "$1/dist" >"$4/left-dist"
    find "$1" -name "*.tmp-*" >"$4/left-tmp"
    exit $status' _ "$WORK/small" "$PACKAGER" "$WORK/course.yaml" "$WORK"
  STATUS=$?
  set -e
  STDERR=$(cat "$WORK/stderr")
  if [ "$STATUS" -ne 99 ]; then
    expect_status 6
    case "$STDERR" in
      "packager: error: $WORK/lessons/lesson"[12]".md: "*"$WORK/small/dist/.packager-work-"*"/lessons/lesson"[12]"/video.mp4: No space left on device (the video needs about "*")") ;;
      *) fail "tmpfs: unexpected error: $STDERR" ;;
    esac
    [ ! -s "$WORK/left-dist" ] || fail "tmpfs: files left in the output: $(cat "$WORK/left-dist")"
    [ ! -s "$WORK/left-tmp" ] || fail "tmpfs: temporary files left: $(cat "$WORK/left-tmp")"
    [ -z "$(cat "$WORK/stdout")" ] || fail "tmpfs: a failed run printed a package path"
    echo "tmpfs: ok ($STDERR)"
  else
    echo "tmpfs: not mountable here; RLIMIT_FSIZE cases only"
  fi
fi
echo "ok"
