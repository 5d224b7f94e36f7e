#!/usr/bin/env bash
# Caption files given by URL (captionFilePath: https://…) are fetched and
# checked as WebVTT before any video is downloaded, every broken one in one
# run, in the form the first pass uses for local files: the URL's line and
# column, and the lesson line that points at it. The server that holds the
# videos is never asked for one.
source "$E2E_LIB"

C="$WORK/course"
mkdir -p "$WORK/served" "$C/content"
cp "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4" "$WORK/served/a-1080-fragmented.mp4"
printf '00:00:01.000 --> 00:00:02.000\nBonjour\n' >"$WORK/served/a.vtt"
printf 'WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBonjour\n' >"$WORK/served/b.vtt"
printf 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n' >"$WORK/served/ok.vtt"
start_server "$WORK/served"

for name in a b gone ok; do
  printf -- '---\ntitle: %s\nvideoDownloadHref: %s/a-1080-fragmented.mp4\ncaptionFilePath: %s/%s.vtt\n---\n\n## Transcription\n\nTexte.\n' \
    "$name" "$BASE_URL" "$BASE_URL" "$name" >"$C/content/$name.md"
done
printf 'id: captions\ntitle: Captions first\nlessons:\n  - content/*.md\n' >"$C/course.yaml"

run_packager build "$C/course.yaml" -o "$WORK/dist"
# 4: one of the problems is the network's (HTTP 404), not the file's.
expect_status 4
expect_stderr "http://127.0.0.1:<port>/a.vtt:1:1: error: expected 'WEBVTT' on the first line of a WebVTT file (captionFilePath of <work>/course/content/a.md:4:18)
    00:00:01.000 --> 00:00:02.000
    ^
http://127.0.0.1:<port>/b.vtt:3:18: error: the cue ends before it starts (captionFilePath of <work>/course/content/b.md:4:18)
    00:00:05.000 --> 00:00:01.000
                     ^
<work>/course/content/gone.md:4:18: error: captionFilePath: http://127.0.0.1:<port>/gone.vtt: HTTP 404
packager: error: 3 error(s) in the caption files; no video was downloaded"
[ ! -e "$WORK/dist" ] || fail "the refused build left $(ls -A "$WORK/dist")"

stop_server
grep -q '^/a-1080-fragmented.mp4 ' "$WORK/server-stats" && fail "the video was requested: $(cat "$WORK/server-stats")"
vtt_bytes=$(cat "$WORK/served/a.vtt" "$WORK/served/b.vtt" "$WORK/served/ok.vtt" | wc -c)
served=$(sed -n 's/^bytes //p' "$WORK/server-stats")
[ "$served" -le "$((vtt_bytes + 64))" ] || fail "the server sent $served bytes, more than the captions ($vtt_bytes)"
echo "ok"
