#!/usr/bin/env bash
# Every kind of cache entry is recorded and checked: downloads, remuxed
# videos and remembered hashes of local copies. `cache ls` lists them all
# (remuxed videos with their source); an entry changed in place is noticed
# by the next build (dropped, redone, with a warning naming it); `cache
# verify` re-hashes every kind, including bit rot that keeps the file's date,
# and --fix removes what is damaged; `prune` removes remuxed videos whose
# source is gone, and `prune --all` empties everything.
source "$E2E_LIB"
source "$SOURCE_DIR/tests/e2e/lib/served_course.bash"

make_served_videos "$WORK" 2
start_server "$WORK/served"
write_lessons "$WORK" 2
write_course "$WORK/course.yaml" kinds 1 2
# Lesson 2's video also sits in a media folder: a local copy.
mkdir -p "$WORK/media"
cp "$WORK/served/lesson2-1080-fragmented.mp4" "$WORK/media/"
touch -d '2020-01-01' "$WORK/media/lesson2-1080-fragmented.mp4"   # old enough for its hash to be remembered
cache="$XDG_CACHE_HOME/packager"
build() { run_packager -q build "$WORK/course.yaml" -o "$WORK/dist" --media-dir "$WORK/media" "$@"; }

build
expect_status 0
expect_stderr ""
sha1=$(sha256sum "$WORK/served/lesson1-1080-fragmented.mp4" | cut -d' ' -f1)
sha2=$(sha256sum "$WORK/served/lesson2-1080-fragmented.mp4" | cut -d' ' -f1)
run_packager cache ls
expect_status 0
printf '%s\n' "$STDOUT" | sed -e "s#$WORK#<work>#g" -e "s#127\.0\.0\.1:[0-9]*#127.0.0.1:<port>#g" \
  -e 's#\t[0-9a-f]\{64\}\t#\t<sha>\t#' -e 's#\tcrc32:[0-9a-f]\{8\}\t#\t<crc32>\t#' -e 's#\t[0-9][0-9]*\t#\t<size>\t#' >"$WORK/ls"
# A zip-only build remuxes straight into the cache: those entries record
# the video's CRC-32 (docs/hardening.md).
[ "$(cat "$WORK/ls")" = "$(printf 'download\t<sha>\t<size>\thttp://127.0.0.1:<port>/lesson1-1080-fragmented.mp4
remuxed\t<crc32>\t<size>\tfrom http://127.0.0.1:<port>/lesson1-1080-fragmented.mp4
remuxed\t<crc32>\t<size>\tfrom http://127.0.0.1:<port>/lesson2-1080-fragmented.mp4
local\t<sha>\t<size>\t<work>/media/lesson2-1080-fragmented.mp4')" ] || fail "cache ls: $(cat "$WORK/ls")"
printf '%s\n' "$STDOUT" | grep -q "^download	$sha1	" || fail "the download is not listed with its SHA-256"
printf '%s\n' "$STDOUT" | grep -q "^local	$sha2	" || fail "the local copy is not listed with its SHA-256"
run_packager cache verify
expect_status 0
expect_stderr "4 entries checked, 0 damaged"

# A remuxed video changed in place: the next build drops it, remuxes again
# and says so; the package is the same as before.
zip_sha=$(sha256sum "$WORK/dist/kinds-1.0.0-scorm12.zip" | cut -d' ' -f1)
remuxed1=$(grep -l "lesson1-1080" "$cache"/remuxed/*/entry.json | xargs dirname)/video.mp4
chmod u+w "$remuxed1"
printf 'X' | dd of="$remuxed1" bs=1 seek=2000 conv=notrunc status=none
build --force
expect_status 0
expect_stderr "warning: <work>/lessons/lesson1.md: the cached remuxed video of http://127.0.0.1:<port>/lesson1-1080-fragmented.mp4 changed since it was stored (it was modified); it was dropped and the video is remuxed again"
[ "$(sha256sum "$WORK/dist/kinds-1.0.0-scorm12.zip" | cut -d' ' -f1)" = "$zip_sha" ] || fail "the package changed"

# A downloaded video changed in place: dropped and fetched again.
printf 'X' | dd of="$cache/blobs/$sha1" bs=1 seek=2000 conv=notrunc status=none
build --force
expect_status 0
expect_stderr "warning: http://127.0.0.1:<port>/lesson1-1080-fragmented.mp4: the cached copy changed since it was stored (it was modified); fetching it again"
[ "$(sha256sum "$cache/blobs/$sha1" | cut -d' ' -f1)" = "$sha1" ] || fail "the download was not fetched again"

# Bit rot that keeps each file's size and date: only a re-hash finds it.
rot() {
  local stamp
  stamp=$(stat -c %y "$1")
  chmod u+w "$1"
  printf 'Z' | dd of="$1" bs=1 seek=3000 conv=notrunc status=none
  touch -d "$stamp" "$1"
}
remuxed2=$(grep -l "lesson2-1080" "$cache"/remuxed/*/entry.json | xargs dirname)/video.mp4
rot "$cache/blobs/$sha1"
rot "$remuxed2"
rot "$WORK/media/lesson2-1080-fragmented.mp4"
run_packager cache verify
expect_status 5
expect_stderr "damaged: http://127.0.0.1:<port>/lesson1-1080-fragmented.mp4 (SHA-256 mismatch)
damaged: remuxed video from http://127.0.0.1:<port>/lesson2-1080-fragmented.mp4 (CRC-32 mismatch)
damaged: hash of <work>/media/lesson2-1080-fragmented.mp4 (SHA-256 mismatch)
4 entries checked, 3 damaged"
run_packager cache verify --fix
expect_status 0
run_packager cache verify
expect_status 0
expect_stderr "1 entries checked, 0 damaged"

# The remaining remuxed video's source (the lesson 1 download) is gone: prune
# removes it.
run_packager cache ls
[ "$(printf '%s\n' "$STDOUT" | cut -f1)" = "remuxed" ] || fail "expected one remuxed entry left: $STDOUT"
run_packager cache prune
expect_status 0
run_packager cache ls
[ -z "$STDOUT" ] || fail "prune left: $STDOUT"

# prune --all empties every kind.
cp "$WORK/served/lesson2-1080-fragmented.mp4" "$WORK/media/"
touch -d '2020-01-01' "$WORK/media/lesson2-1080-fragmented.mp4"
build --force
expect_status 0
[ -n "$(find "$cache/remuxed" -type f)" ] || fail "nothing remuxed in the cache"
run_packager cache prune --all
expect_status 0
left=$(find "$cache" -type f)
[ -z "$left" ] || fail "prune --all left: $left"
