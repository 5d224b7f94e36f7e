#!/usr/bin/env bash
# The download cache from the command line: a build fills it, `cache ls`
# lists the entry with the video's SHA-256, --offline builds from it, `cache
# verify` finds a damaged entry (exit 5) and --fix removes it, after which
# --offline fails clearly (exit 4); --max-download-size refuses a large
# video; `cache prune --all` empties the cache.
source "$E2E_LIB"

mkdir -p "$WORK/served/v" "$WORK/dist"
# ffmpeg: 1 s, 160x90, fragmented MP4 like PeerTube's.
ffmpeg -v error -f lavfi -i testsrc=size=160x90:rate=10 -f lavfi -i sine=frequency=440 -t 1 \
  -c:v libx264 -pix_fmt yuv420p -c:a aac -movflags frag_keyframe+empty_moov \
  "$WORK/served/v/lesson-1080-fragmented.mp4"
start_server "$WORK/served"
url="$BASE_URL/v/lesson-1080-fragmented.mp4"
cat >"$WORK/lesson.md" <<LESSON
---
title: Les fractions
videoDownloadHref: $url
---

## Transcription

Texte.
LESSON
sha=$(sha256sum "$WORK/served/v/lesson-1080-fragmented.mp4" | cut -d' ' -f1)
size=$(stat -c %s "$WORK/served/v/lesson-1080-fragmented.mp4")

run_packager -q build "$WORK/lesson.md" -o "$WORK/dist" -j 2
expect_status 0
expect_stderr ""

run_packager cache ls
expect_status 0
[ "$(printf '%s\n' "$STDOUT" | head -1)" = "$(printf 'download\t%s\t%s\t%s' "$sha" "$size" "$url")" ] ||
  fail "cache ls: $STDOUT"
[ "$(printf '%s\n' "$STDOUT" | sed -n 2p | cut -f1,4)" = "$(printf 'remuxed\tfrom %s' "$url")" ] ||
  fail "cache ls does not list the remuxed video with its source: $STDOUT"
[ -f "$XDG_CACHE_HOME/packager/blobs/$sha" ] || fail "the blob is not named after its SHA-256"

run_packager -q build "$WORK/lesson.md" -o "$WORK/dist" --offline
expect_status 0

run_packager cache verify
expect_status 0
expect_stderr "2 entries checked, 0 damaged"

# Flip one byte in the middle: same size, different hash.
printf 'X' | dd of="$XDG_CACHE_HOME/packager/blobs/$sha" bs=1 seek=$((size / 2)) conv=notrunc status=none
run_packager cache verify
expect_status 5
expect_stderr "damaged: http://127.0.0.1:<port>/v/lesson-1080-fragmented.mp4 (SHA-256 mismatch)
2 entries checked, 1 damaged"
run_packager cache verify --fix
expect_status 0
run_packager cache ls
printf '%s\n' "$STDOUT" | grep -q '^download' && fail "the damaged entry is still listed: $STDOUT"

run_packager build "$WORK/lesson.md" -o "$WORK/dist" --offline
expect_status 4
expect_stderr "packager: error: <work>/lesson.md: http://127.0.0.1:<port>/v/lesson-1080-fragmented.mp4: not in the cache (<work>/cache/packager) and --offline forbids downloading it"

run_packager build "$WORK/lesson.md" -o "$WORK/dist" --max-download-size 1000
expect_status 4
expect_stderr "packager: error: <work>/lesson.md: http://127.0.0.1:<port>/v/lesson-1080-fragmented.mp4: the video is $size bytes, more than --max-download-size (1000 bytes)"

run_packager -q build "$WORK/lesson.md" -o "$WORK/dist"
expect_status 0
run_packager cache prune --all
expect_status 0
case "$STDERR" in "removed "*" files ("*" bytes)") ;; *) fail "prune --all said: $STDERR" ;; esac
run_packager cache ls
[ -z "$STDOUT" ] || fail "prune --all left: $STDOUT"
[ -z "$(find "$XDG_CACHE_HOME/packager" -type f)" ] || fail "prune --all left files: $(find "$XDG_CACHE_HOME/packager" -type f)"
echo "ok"
