#!/usr/bin/env bash
# Limits (packager/core/limits.hpp) are errors a user can act on: a
# transcript over 512 KiB and a lesson file over 1 MiB are refused by
# `check` and `build` with the path, the size and the limit, exit 3, and
# nothing is written.
source "$E2E_LIB"

mkdir -p "$WORK/dist"
{
  printf -- '---\ntitle: Long\nvideoDownloadHref: https://example.org/v/a-1080-fragmented.mp4\n---\n\n## Transcription\n\n'
  # 590 000 bytes of transcript: 10 000 lines of 59 bytes.
  awk 'BEGIN { for (i = 0; i < 10000; i++) print "Une phrase de transcription qui fait soixante octets, fin." }'
} >"$WORK/long.md"
run_packager check "$WORK/long.md"
expect_status 3
expect_stderr "packager: error: <work>/long.md: the transcript is 590000 bytes long; the limit is 524288 bytes"
run_packager build "$WORK/long.md" -o "$WORK/dist" --offline
expect_status 3
expect_stderr "packager: error: <work>/long.md: the transcript is 590000 bytes long; the limit is 524288 bytes"
[ -z "$(ls -A "$WORK/dist")" ] || fail "files written: $(ls -A "$WORK/dist")"

# Over the lesson file limit: refused before parsing.
{ cat "$WORK/long.md"; awk 'BEGIN { for (i = 0; i < 8000; i++) print "Encore une ligne de transcription pour passer un megaoctet." }'; } >"$WORK/huge.md"
run_packager check "$WORK/huge.md"
expect_status 3
grep -q "huge.md.*1048576" <<<"$STDERR" || fail "expected the lesson size limit, got: $STDERR"
echo "ok"
