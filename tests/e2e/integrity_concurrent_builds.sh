#!/usr/bin/env bash
# Four builds at once, of overlapping courses, sharing one cache and one
# loopback server: each video is downloaded once (the others wait for it and
# then only revalidate), no entry is corrupted or read half-written, and
# every package is byte-identical to the same course built alone with a
# cache of its own.
source "$E2E_LIB"
source "$SOURCE_DIR/tests/e2e/lib/served_course.bash"

make_served_videos "$WORK" 3
start_server "$WORK/served"
write_lessons "$WORK" 3
write_course "$WORK/a.yaml" a 1 2
write_course "$WORK/b.yaml" b 2 3
write_course "$WORK/c.yaml" c 1 3
write_course "$WORK/d.yaml" d 1 2 3

# Alone, each with a fresh cache: the reference bytes.
for c in a b c d; do
  XDG_CACHE_HOME="$WORK/alone-$c" run_packager -q build "$WORK/$c.yaml" -o "$WORK/alone/$c"
  expect_status 0
done

# Together, one shared cache, started at the same moment.
pids=()
for c in a b c d; do
  "$PACKAGER" -q build "$WORK/$c.yaml" -o "$WORK/together/$c" -j 2 >"$WORK/out-$c" 2>"$WORK/err-$c" &
  pids+=($!)
done
for i in 0 1 2 3; do
  wait "${pids[$i]}" || { cat "$WORK"/err-*; fail "build $i failed"; }
done
stop_server
for c in a b c d; do
  [ -z "$(cat "$WORK/err-$c")" ] || fail "build $c said: $(cat "$WORK/err-$c")"
  cmp "$WORK/alone/$c/$c-1.0.0-scorm12.zip" "$WORK/together/$c/$c-1.0.0-scorm12.zip" ||
    fail "package $c differs from the one built alone"
  run_packager verify "$WORK/together/$c"
  expect_status 0
done
# Each video downloaded once across the four builds together: the server
# counts 3 downloads of each from the lone builds (3 of the 4 courses have
# it), plus 1.
for k in 1 2 3; do
  line=$(grep "^/lesson$k-1080-fragmented.mp4 " "$WORK/server-stats") || fail "video $k was never requested"
  [ "$(echo "$line" | cut -d' ' -f3)" = 4 ] || fail "video $k was downloaded more than once by the builds together: $line"
done
run_packager cache verify
expect_status 0
expect_stderr "6 entries checked, 0 damaged"
