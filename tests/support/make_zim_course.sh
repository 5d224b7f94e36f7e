#!/usr/bin/env bash
# Makes a small two-area course for the ZIM tests in DIR (tests/e2e and
# tests/browser): DIR/course.yaml, three lessons (two in "Domaine 1", one
# in "Domaine 2") with transcripts, WebVTT captions and a PDF sheet, and
# DIR/media/ holding a 6 s 320x180 stand-in video per lesson, named as the
# last segment of its URL so `--media-dir DIR/media --offline` finds it.
#   bash tests/support/make_zim_course.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir/lessons" "$dir/public/captions" "$dir/public/sheets" "$dir/media"

lesson() {  # lesson SLUG AREA TITLE WORD HZ HUE
  local slug=$1 area=$2 title=$3 word=$4
  cat >"$dir/lessons/$slug.md" <<MD
---
area: $area
title: $title
description: Une leçon de démonstration sur le mot $word.
videoDownloadHref: https://tube.example.org/download/videos/$slug-360.mp4
captionFilePath: /captions/$slug.vtt
pdfFilePath: /sheets/$slug.pdf
---

## Transcription

Bonjour. Aujourd’hui nous parlons de $word dans la classe, et de ce que
les élèves en retiennent.

## Crédits

- **Scénario** : Équipe de démonstration
- **Licence** : [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.fr)
MD
  printf 'WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nBonjour, nous parlons de %s.\n\n00:00:03.000 --> 00:00:06.000\nFin de la leçon.\n' \
    "$word" >"$dir/public/captions/$slug.vtt"
  # A one-page PDF: header, catalog, pages, page, trailer (no xref needed
  # by readers that rebuild it; the sheet is only linked, never parsed).
  printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n%% %s\ntrailer<</Root 1 0 R>>\n%%%%EOF\n' "$slug" \
    >"$dir/public/sheets/$slug.pdf"
  # Each lesson its own colour, so the videos (and posters) differ.
  ffmpeg -hide_banner -loglevel error -nostdin -y \
    -f lavfi -i "testsrc2=size=320x180:rate=25:duration=6,hue=h=$6" -f lavfi -i "sine=frequency=$5:duration=6" \
    -c:v libx264 -profile:v main -pix_fmt yuv420p -preset ultrafast -g 25 -c:a aac -b:a 48k \
    -movflags +faststart -shortest "$dir/media/$slug-360.mp4"
}
lesson premiere-lecon "Domaine 1" "Première leçon" hippocampe 440 0
lesson deuxieme-lecon "Domaine 1" "Deuxième leçon" ornithorynque 550 120
lesson troisieme-lecon "Domaine 2" "Troisième leçon" tamanoir 660 240

cat >"$dir/course.yaml" <<YAML
id: demo-zim
title: Cours de démonstration
version: 1.0.0
language: fr
licence: CC BY 4.0
description: Trois leçons vidéo pour essayer la version Kiwix.
creator: Équipe de démonstration
publisher: packager tests
collection: .
public_dir: public
media_dir: media
lessons:
  - lessons/*.md
YAML
