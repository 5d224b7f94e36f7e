#!/usr/bin/env bash
# Every problem a course's files hold is found before the first byte is
# downloaded, all of them in one run (README: "every lesson is checked before
# anything is downloaded, and all problems are reported in one run"): broken
# captions, PDF sheets that are not PDFs, an embed link that is not
# PeerTube's, a control character in a title, a missing media folder, a
# lesson name a USB stick cannot hold. `build` and `check` print the same
# diagnostics and exit 3; the loopback server that holds the videos has sent
# 0 bytes.
source "$E2E_LIB"

C="$WORK/course"
mkdir -p "$WORK/served" "$C/content" "$C/public/captions" "$C/public/pdf"
cp "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4" "$WORK/served/a-1080-fragmented.mp4"
cp "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4" "$WORK/served/b-1080-fragmented.mp4"
start_server "$WORK/served"

printf '00:00:01.000 --> 00:00:02.000\nBonjour\n' >"$C/public/captions/a.vtt"
printf 'WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBonjour\n' >"$C/public/captions/b.vtt"
: >"$C/public/pdf/empty.pdf"
printf '<!DOCTYPE html>\n<html><body>Page not found</body></html>\n' >"$C/public/pdf/page.pdf"
lesson() {  # lesson NAME FRONT-MATTER-LINES
  printf -- '---\ntitle: %s\n%s---\n\n## Transcription\n\nTexte.\n' "$1" "$2" >"$C/content/$1.md"
}
lesson a "videoDownloadHref: $BASE_URL/a-1080-fragmented.mp4
captionFilePath: /captions/a.vtt
"
lesson b "videoDownloadHref: $BASE_URL/b-1080-fragmented.mp4
captionFilePath: /captions/b.vtt
"
lesson c "fileType: PDF
pdfFilePath: /pdf/empty.pdf
"
lesson d "fileType: PDF
pdfFilePath: /pdf/page.pdf
"
lesson e "videoEmbedSrc: https://www.youtube.com/embed/dQw4w9WgXcQ
"
printf -- '---\ntitle: "Bonjour\\0"\nvideoDownloadHref: %s/a-1080-fragmented.mp4\n---\n' "$BASE_URL" >"$C/content/f.md"
lesson con "videoDownloadHref: $BASE_URL/b-1080-fragmented.mp4
"
lesson ok "videoDownloadHref: $BASE_URL/a-1080-fragmented.mp4
"
cat >"$C/course.yaml" <<'YAML'
id: checked
title: Checked first
media_dir: videos
lessons:
  - content/*.md
YAML

expected="<work>/course/course.yaml:3:12: error: 'media_dir' folder <work>/course/videos does not exist
    media_dir: videos
               ^
<work>/course/content/e.md:3:16: error: 'videoEmbedSrc' must be a PeerTube embed link (https://HOST/videos/embed/ID or https://HOST/w/ID) or a direct .mp4 link, not 'https://www.youtube.com/embed/dQw4w9WgXcQ'
    videoEmbedSrc: https://www.youtube.com/embed/dQw4w9WgXcQ
                   ^
<work>/course/content/f.md:2:8: error: 'title' holds the control character U+0000, which no page can show; remove it
    title: \"Bonjour\\0\"
           ^
<work>/course/public/captions/a.vtt:1:1: error: expected 'WEBVTT' on the first line of a WebVTT file (captionFilePath of <work>/course/content/a.md:4:18)
    00:00:01.000 --> 00:00:02.000
    ^
<work>/course/public/captions/b.vtt:3:18: error: the cue ends before it starts (captionFilePath of <work>/course/content/b.md:4:18)
    00:00:05.000 --> 00:00:01.000
                     ^
<work>/course/public/pdf/empty.pdf: error: the PDF sheet is empty (0 bytes) (pdfFilePath of <work>/course/content/c.md:4:14)
<work>/course/content/con.md: error: the lesson's package path 'lessons/con/transcript.html' has 'con', a reserved device name on Windows; USB sticks (FAT32/exFAT) and Windows cannot hold it: rename the lesson file
<work>/course/public/pdf/page.pdf:1:1: error: not a PDF file: it does not start with '%PDF-' (it looks like an HTML page saved as .pdf) (pdfFilePath of <work>/course/content/d.md:4:14)"

run_packager build "$C/course.yaml" -o "$WORK/dist" --media-dir "$WORK/nowhere"
expect_status 3
expect_stderr "$expected
<work>/nowhere: error: the --media-dir folder does not exist
packager: error: 9 error(s) in the lesson files; nothing was built"
[ ! -e "$WORK/dist" ] || fail "the refused build left $(ls -A "$WORK/dist")"

run_packager check "$C/course.yaml"
expect_status 3
expect_stderr "$expected
1 lesson(s) OK, 7 with errors; 8 error(s), 0 warning(s)"

stop_server
served=$(sed -n 's/^bytes //p' "$WORK/server-stats")
[ "$served" = 0 ] || fail "the server sent $served bytes before the errors were reported"
echo "ok"
