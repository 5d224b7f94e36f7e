#!/usr/bin/env bash
# Nothing a user receives shares bytes with the cache. Two sticks built from
# one cache: each file of each stick is its own inode, apart from the cache's
# entries. A byte changed in place in one stick's video (bit rot, a tool
# rewriting the file) reaches neither the cache nor the other stick;
# `packager verify` reports it, and building again repairs the stick (the
# up-to-date check sees the file changed). `--force` repairs damage that
# leaves no trace in the file's date.
source "$E2E_LIB"
source "$SOURCE_DIR/tests/e2e/lib/served_course.bash"

make_served_videos "$WORK" 1
start_server "$WORK/served"
write_lessons "$WORK" 1
write_course "$WORK/course.yaml" edit 1
cache="$XDG_CACHE_HOME/packager"
video=lessons/lesson1/video.mp4

for stick in stick1 stick2; do
  run_packager -q build "$WORK/course.yaml" --format site -o "$WORK/$stick"
  expect_status 0
  expect_stderr ""
done
remuxed=$(find "$cache/remuxed" -name video.mp4)
[ -n "$remuxed" ] || fail "no remuxed video in the cache"
# No file of either stick is the same inode as any other file.
all_inodes=$(find "$WORK/stick1" "$WORK/stick2" "$cache" -type f -printf '%i\n' | sort)
[ -z "$(printf '%s\n' "$all_inodes" | uniq -d)" ] || fail "some files share an inode: $(find "$WORK" -type f -links +1)"
[ "$(stat -c %h "$WORK/stick1/$video")" = 1 ] || fail "the stick's video has other links"
cmp -s "$WORK/stick1/$video" "$remuxed" || fail "the stick's video differs from the cache's"

# One byte changed in place in stick1's video.
size=$(stat -c %s "$WORK/stick1/$video")
printf 'X' | dd of="$WORK/stick1/$video" bs=1 seek=$((size / 2)) conv=notrunc status=none
cmp -s "$WORK/stick2/$video" "$remuxed" || fail "the edit reached the cache"
run_packager cache verify
expect_status 0
expect_stderr "2 entries checked, 0 damaged"
run_packager verify "$WORK/stick2"
expect_status 0
run_packager verify "$WORK/stick1"
expect_status 1
case "$STDOUT" in "changed: $video: sha256 is "*) ;; *) fail "verify did not name the changed video: $STDOUT" ;; esac

# Building again sees the changed output and repairs it.
run_packager build "$WORK/course.yaml" --format site -o "$WORK/stick1"
expect_status 0
expect_stderr "fetched http://127.0.0.1:<port>/lesson1-1080-fragmented.mp4 (cache)
<work>/stick1/$video: it was modified since the last build; rebuilding
wrote the site <work>/stick1/index.html"
cmp -s "$WORK/stick1/$video" "$WORK/stick2/$video" || fail "the rebuild did not repair the video"
run_packager verify "$WORK/stick1"
expect_status 0
# Only the damaged file was rewritten: the others kept their inode.
run_packager -q build "$WORK/course.yaml" --format site -o "$WORK/stick1"
expect_status 0
expect_stderr ""

# Damage that keeps the file's date and size (bit rot): the up-to-date check
# cannot see it, verify does, and --force repairs it.
stamp=$(stat -c %y "$WORK/stick1/$video")
printf 'Y' | dd of="$WORK/stick1/$video" bs=1 seek=$((size / 3)) conv=notrunc status=none
touch -d "$stamp" "$WORK/stick1/$video"
run_packager verify "$WORK/stick1"
expect_status 1
run_packager -q build "$WORK/course.yaml" --format site -o "$WORK/stick1" --force
expect_status 0
run_packager verify "$WORK/stick1"
expect_status 0
cmp -s "$WORK/stick1/$video" "$WORK/stick2/$video" || fail "--force did not repair the video"
no_leftovers "$WORK/stick1"
