#!/usr/bin/env bash
# libav* and libzim are loaded only by the builds that call them
# (packager/modules/): with no module to be found, a build with nothing new,
# a rebuild after editing a lesson's text (video and poster from the remux
# cache) and verify still work; a build that must remux names the missing
# module and where it looked, exits 70 and writes nothing.
source "$E2E_LIB"

mkdir -p "$WORK/media" "$WORK/no-modules"
ffmpeg -hide_banner -loglevel error -nostdin -y \
  -f lavfi -i testsrc2=size=320x180:rate=25:duration=1 -f lavfi -i sine=frequency=440:duration=1 \
  -c:v libx264 -preset ultrafast -c:a aac -movflags +frag_keyframe+empty_moov+default_base_moof -shortest \
  "$WORK/media/lecon.mp4"
printf -- '---\ntitle: Modules\nvideoDownloadHref: https://tube.example.org/download/videos/lecon.mp4\n---\nTexte.\n' \
  >"$WORK/lesson.md"

run_packager -q build "$WORK/lesson.md" -o "$WORK/dist" --offline --media-dir "$WORK/media"
expect_status 0

export PACKAGER_MODULE_DIR="$WORK/no-modules"
run_packager -q build "$WORK/lesson.md" -o "$WORK/dist" --offline --media-dir "$WORK/media"
expect_status 0
sed -i 's/Texte\./Texte revu./' "$WORK/lesson.md"
run_packager -q build "$WORK/lesson.md" -o "$WORK/dist" --offline --media-dir "$WORK/media"
expect_status 0
unzip -p "$WORK/dist/lesson-1.0.0-scorm12.zip" lessons/lesson/index.html | grep -q "Texte revu" ||
  fail "the edited lesson is not in the rebuilt zip"
run_packager verify "$WORK/dist"
expect_status 0

rm -rf "$XDG_CACHE_HOME"
run_packager -q build "$WORK/lesson.md" -o "$WORK/dist2" --offline --media-dir "$WORK/media"
expect_status 70
expect_stderr "packager: error: <work>/lesson.md: https://tube.example.org/download/videos/lecon.mp4: cannot load packager-media.so, packager's video module (libavformat, libavcodec) (<work>/no-modules: not found); build or install packager again"
[ -z "$(ls -A "$WORK/dist2" 2>/dev/null)" ] || fail "output folder is not empty: $(ls -A "$WORK/dist2")"
echo "ok"
