#!/usr/bin/env bash
# packaging: per-lesson with --max-package-size: a lesson whose zip is over
# the limit stops the build before anything is committed. Every such lesson
# is named, with its size and the limit; exit 6; the output folder still
# holds the whole earlier bundle (verify passes) and none of the new zips.
source "$E2E_LIB"

mkdir -p "$WORK/lessons" "$WORK/media"
cp "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4" "$WORK/media/short-1080-fragmented.mp4"
# A longer video for lesson 2 (20 s of the same test pattern and tone).
ffmpeg -v error -f lavfi -i "testsrc2=size=640x360:rate=25:duration=20" -f lavfi -i "sine=frequency=440:duration=20" \
  -c:v libx264 -preset veryfast -crf 30 -g 50 -pix_fmt yuv420p -c:a aac -b:a 64k \
  -movflags +frag_keyframe+empty_moov+default_base_moof "$WORK/media/long-1080-fragmented.mp4"
for n in 1 2 3; do
  video=short
  [ "$n" = 2 ] && video=long
  cat >"$WORK/lessons/lesson$n.md" <<LESSON
---
title: Leçon $n
videoDownloadHref: https://tube.example.org/videos/$video-1080-fragmented.mp4
---

## Transcription

Texte $n.
LESSON
done
course() {
  printf 'id: limit\ntitle: %s\nversion: 1.0.0\npackaging: per-lesson\nmedia_dir: media\nlessons:\n  - lessons/*.md\n' \
    "$1" >"$WORK/course.yaml"
}
course "Premier titre"
run_packager -q build "$WORK/course.yaml" -o "$WORK/dist" --offline
expect_status 0
before=$(cd "$WORK/dist" && find . -type f -print0 | sort -z | xargs -0 sha256sum)

# The limit sits between the short lessons' zips and the long one's.
short_size=$(stat -c %s "$WORK/dist/limit-lesson1-1.0.0-scorm12.zip")
long_size=$(stat -c %s "$WORK/dist/limit-lesson2-1.0.0-scorm12.zip")
[ "$long_size" -gt $((short_size * 2)) ] || fail "the long lesson's zip is not large enough: $long_size vs $short_size"
limit=$(( (short_size + long_size) / 2 ))
for n in 1 2 3; do sed -i "s/^title: Leçon $n$/title: Leçon $n (v2)/" "$WORK/lessons/lesson$n.md"; done
run_packager build "$WORK/course.yaml" -o "$WORK/dist" --offline --max-package-size "$limit"
expect_status 6
kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
grep -c "error" <<<"$STDERR" | grep -qx 1 || fail "expected exactly one error: $STDERR"
case "$STDERR" in
  *"packager: error: $WORK/lessons/lesson2.md: $WORK/dist/limit-lesson2-1.0.0-scorm12.zip: the package would be "*", over the limit of $(kib "$limit") (--max-package-size); lower --max-height for this lesson"*) ;;
  *) fail "the error does not name the lesson, its size and the limit: $STDERR" ;;
esac
[ -z "$STDOUT" ] || fail "a refused build printed results: $STDOUT"
grep -q "^wrote" <<<"$STDERR" && fail "'wrote' printed for a build that was refused"
after=$(cd "$WORK/dist" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
[ "$before" = "$after" ] || fail "the earlier bundle was touched: $(diff <(echo "$before") <(echo "$after"))"
run_packager verify "$WORK/dist"
expect_status 0
no_leftovers "$WORK/dist"
