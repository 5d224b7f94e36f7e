#!/usr/bin/env bash
# The bundled sample course builds offline into a SCORM 1.2 zip that
# validates against the official XSD, lists exactly its files, and holds a
# faststart MP4 that plays to the same duration as the source.
source "$E2E_LIB"

run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/dist" --offline
expect_status 0
zip="$WORK/dist/sample-1.0.0-scorm12.zip"
[ "$STDOUT" = "$zip" ] || fail "stdout should be the zip path, got: $STDOUT"
no_leftovers "$WORK/dist"

mkdir "$WORK/x"
(cd "$WORK/x" && unzip -q "$zip")
[ -f "$WORK/x/imsmanifest.xml" ] || fail "imsmanifest.xml is not at the zip root"
"$SHARED_DIR/scorm-xsd/validate.sh" "$WORK/x/imsmanifest.xml" 12 || fail "manifest does not validate against the SCORM 1.2 XSD"

# Every file the manifest names is in the zip, and every file in the zip is named.
sed -n 's/.*<file href="\([^"]*\)".*/\1/p' "$WORK/x/imsmanifest.xml" | sort -u >"$WORK/listed"
(cd "$WORK/x" && find . -type f ! -name imsmanifest.xml | sed 's#^\./##' | sort) >"$WORK/present"
diff -u "$WORK/listed" "$WORK/present" || fail "manifest and zip contents differ"

video="$WORK/x/lessons/sample-lesson/video.mp4"
boxes=$(top_level_boxes "$video" | tr '\n' ' ')
case "$boxes" in
  *moov*mdat*) ;;
  *) fail "moov must come before mdat, got: $boxes" ;;
esac
case "$boxes" in *moof*) fail "output is still fragmented: $boxes" ;; esac
# Decoding every frame proves it plays through; durations must agree.
ffmpeg -v error -i "$video" -f null - || fail "the packaged video does not decode"
src=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4")
out=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$video")
awk -v a="$src" -v b="$out" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d < 0.05) }' || fail "duration $out differs from source $src"

page="$WORK/x/lessons/sample-lesson/index.html"
grep -q "Les élèves qui préfèrent lire suivent la" "$page" || fail "the page lacks the transcript"
grep -q '<html lang="fr">' "$page" || fail "the page is not lang=fr"
grep -q '<video id="lesson-video" controls' "$page" || fail "the page has no video element"
# Links to licences are fine; nothing may be *loaded* from the network.
! grep -Eq '(src|poster)="(https?:)?//|<link[^>]*href="(https?:)?//|url\((https?:)?//' "$page" ||
  fail "the page loads something from the network"
echo "ok"
