#!/usr/bin/env bash
# packaging: per-lesson writes one zip per lesson, named
# <id>-<lesson>-<version>-<target>.zip; a PDF lesson (fileType: PDF) has no
# video and packages its sheet from the collection's public/ folder.
source "$E2E_LIB"

col="$WORK/collection"
mkdir -p "$col/content" "$col/public/pdf"
cp "$SOURCE_DIR/samples/sample-lesson.md" "$col/content/video-lesson.md"
printf '%%PDF-1.4\n%% stand-in sheet\n' >"$col/public/pdf/sheet.pdf"
cat >"$col/content/pdf-lesson.md" <<'MD'
---
title: Une fiche PDF
description: Une fiche à lire.
fileType: PDF
pdfFilePath: /pdf/sheet.pdf
---

Le texte qui accompagne la fiche.
MD
cat >"$WORK/course.yaml" <<YAML
id: demo
title: Démo par leçon
version: 2.0.0
packaging: per-lesson
collection: collection
lessons:
  - content/*.md
media_dir: $SOURCE_DIR/samples/media
YAML

run_packager build "$WORK/course.yaml" -o "$WORK/dist" --offline
expect_status 0
# Course order: Domaine 1 (the video) first, then the lesson without area.
[ "$STDOUT" = "$WORK/dist/demo-video-lesson-2.0.0-scorm12.zip
$WORK/dist/demo-pdf-lesson-2.0.0-scorm12.zip" ] || fail "unexpected packages: $STDOUT"
[ "$(ls "$WORK/dist")" = "SHA256SUMS
build-report.json
demo-pdf-lesson-2.0.0-scorm12.zip
demo-video-lesson-2.0.0-scorm12.zip" ] || fail "unexpected files in dist: $(ls "$WORK/dist")"
no_leftovers "$WORK/dist"

for name in pdf-lesson video-lesson; do
  mkdir "$WORK/$name"
  (cd "$WORK/$name" && unzip -q "$WORK/dist/demo-$name-2.0.0-scorm12.zip")
  "$SHARED_DIR/scorm-xsd/validate.sh" "$WORK/$name/imsmanifest.xml" 12 || fail "$name: manifest does not validate"
  [ "$(grep -c '<item ' "$WORK/$name/imsmanifest.xml")" = 1 ] || fail "$name: expected exactly one item"
done
[ -f "$WORK/video-lesson/lessons/video-lesson/video.mp4" ] || fail "the video lesson lacks its video"
[ ! -e "$WORK/video-lesson/lessons/pdf-lesson" ] || fail "the video package holds the other lesson"
cmp "$col/public/pdf/sheet.pdf" "$WORK/pdf-lesson/lessons/pdf-lesson/sheet.pdf" || fail "the PDF sheet is not packaged"
[ ! -e "$WORK/pdf-lesson/lessons/pdf-lesson/video.mp4" ] || fail "a PDF lesson has no video"
grep -q 'sheet.pdf' "$WORK/pdf-lesson/lessons/pdf-lesson/index.html" || fail "the page does not link the sheet"
grep -q 'Le texte qui accompagne la fiche.' "$WORK/pdf-lesson/lessons/pdf-lesson/index.html" || fail "the page lacks the text"
echo "ok"
