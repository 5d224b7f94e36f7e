#!/usr/bin/env bash
# TLS verification is never turned off: a download from an HTTPS server with
# a self-signed certificate (a real one, `openssl s_server` on 127.0.0.1)
# fails with a network error naming the URL, and no cache entry or package
# is written. The sources are also checked for options that would disable it.
source "$E2E_LIB"

mkdir -p "$WORK/served" "$WORK/dist"
cp "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4" "$WORK/served/v-1080-fragmented.mp4"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
port=""
for _ in 1 2 3 4 5; do
  candidate=$(( 20000 + RANDOM % 20000 ))
  (cd "$WORK/served" && exec openssl s_server -quiet -accept "127.0.0.1:$candidate" \
     -cert "$WORK/cert.pem" -key "$WORK/key.pem" -WWW) >/dev/null 2>&1 &
  SERVER_PID=$!
  sleep 0.5
  if kill -0 "$SERVER_PID" 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || fail "openssl s_server did not start"
url="https://127.0.0.1:$port/v-1080-fragmented.mp4"
# The server really serves the file when the certificate is trusted.
printf 'GET /v-1080-fragmented.mp4 HTTP/1.0\r\n\r\n' |
  timeout 20 openssl s_client -quiet -connect "127.0.0.1:$port" -CAfile "$WORK/cert.pem" -verify_return_error \
    >"$WORK/probe" 2>/dev/null || true
[[ "$(head -c 16 "$WORK/probe")" == "HTTP/1.0 200"* ]] || fail "the TLS server does not serve the video to a client trusting it"

cat >"$WORK/lesson.md" <<LESSON
---
title: TLS
videoDownloadHref: $url
---

## Transcription

Texte.
LESSON
run_packager build "$WORK/lesson.md" -o "$WORK/dist"
expect_status 4
case "$STDERR" in
  "packager: error: $WORK/lesson.md: $url: "*certificate*) ;;
  *) fail "expected a certificate error, got: $STDERR" ;;
esac
[ -z "$(ls -A "$WORK/dist")" ] || fail "files written: $(ls -A "$WORK/dist")"
# (A lock file, taken while the URL was fetched, is not content.)
[ -z "$(find "$WORK/cache" -type f ! -path '*/locks/*' 2>/dev/null)" ] || fail "cache written: $(find "$WORK/cache" -type f)"

# No code path may switch verification off.
if grep -rnE 'SSL_VERIFY(PEER|HOST)|PROXY_SSL_VERIFY|CURLSSLOPT_NO_REVOKE|insecure' "$SOURCE_DIR/packager"; then
  fail "the sources touch TLS verification options"
fi
echo "ok"
