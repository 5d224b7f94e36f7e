#!/usr/bin/env bash
# A video URL that answers 404 on a loopback server: the error names the
# lesson and the URL, exit 4 (network), no zip; an earlier package survives.
source "$E2E_LIB"

mkdir -p "$WORK/served" "$WORK/dist"
start_server "$WORK/served"
cat >"$WORK/lesson.md" <<LESSON
---
title: Vidéo absente
videoDownloadHref: $BASE_URL/missing-1080-fragmented.mp4
---

## Transcription

Texte.
LESSON
echo "earlier good package" >"$WORK/dist/lesson-1.0.0-scorm12.zip"
run_packager build "$WORK/lesson.md" -o "$WORK/dist"
expect_status 4
expect_stderr "packager: error: <work>/lesson.md: http://127.0.0.1:<port>/missing-1080-fragmented.mp4: HTTP 404"
[ "$(cat "$WORK/dist/lesson-1.0.0-scorm12.zip")" = "earlier good package" ] || fail "earlier package was touched"
[ "$(ls -A "$WORK/dist")" = "lesson-1.0.0-scorm12.zip" ] || fail "unexpected files: $(ls -A "$WORK/dist")"
echo "ok"
