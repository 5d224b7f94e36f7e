#!/usr/bin/env bash
# A "video" that is really an HTML page (a captive portal answering 200):
# rejected from its first bytes, exit 5 (media), no zip.
source "$E2E_LIB"

mkdir -p "$WORK/served"
printf '<!DOCTYPE html>\n<html><body>Connectez-vous au portail</body></html>\n' >"$WORK/served/portal.html"
start_server "$WORK/served"
cat >"$WORK/lesson.md" <<LESSON
---
title: Portail captif
videoDownloadHref: $BASE_URL/portal.html
---
LESSON
run_packager build "$WORK/lesson.md" -o "$WORK/dist"
expect_status 5
expect_stderr "packager: error: <work>/lesson.md: http://127.0.0.1:<port>/portal.html: expected an MP4 video but the server sent an HTML page (text/html; charset=utf-8); a login page or a captive portal may be in the way"
[ -z "$(ls -A "$WORK/dist" 2>/dev/null)" ] || fail "output folder is not empty: $(ls -A "$WORK/dist")"
echo "ok"
