#!/usr/bin/env bash
# The shipped manifests/pix-edu.yaml (92 real lessons, six areas) as a ZIM,
# each video a 1 s stand-in of its own colour named as its URL's file name
# in a --media-dir: zimcheck -A passes with nothing reported, kiwix-serve on
# 127.0.0.1 opens the main page and finds a word of a real transcript.
source "$E2E_LIB"

mkdir -p "$WORK/media"
n=0
for f in "$SHARED_DIR"/corpus/pix-tutos/content/edu/*.md; do
  url=$(sed -n 's/^videoDownloadHref: *//p' "$f" | head -1 | tr -d '\r')
  name=$(basename "${url%%\?*}")
  [ -e "$WORK/media/$name" ] && continue
  # Command: a solid colour per lesson, so no two posters are alike.
  ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi \
    -i "color=c=0x$(printf '%06x' $(( (n * 2654435) % 16777216 ))):size=160x90:rate=10:duration=1" \
    -c:v libx264 -preset ultrafast -pix_fmt yuv420p -movflags +faststart "$WORK/media/$name"
  n=$((n + 1))
done
[ "$n" -ge 90 ] || fail "expected about 92 stand-in videos, made $n"

run_packager -q build "$SOURCE_DIR/manifests/pix-edu.yaml" -o "$WORK/out" --offline --media-dir "$WORK/media" --format zim
expect_status 0
zim="$WORK/out/pix-edu-1.0.0.zim"
[ "$STDOUT" = "$zim" ] || fail "unexpected stdout: $STDOUT"
zimcheck -A "$zim" >"$WORK/zimcheck.txt" 2>&1 || { cat "$WORK/zimcheck.txt"; fail "zimcheck -A failed"; }
grep -q '^\[INFO\] Overall Test Status: Pass$' "$WORK/zimcheck.txt" || fail "zimcheck did not pass"
! grep -Eq '^\[(WARNING|ERROR)\]' "$WORK/zimcheck.txt" || { cat "$WORK/zimcheck.txt"; fail "zimcheck reported problems"; }

# kiwix-serve on a free loopback port (python picks it).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
kiwix-serve --address=127.0.0.1 --port="$port" "$zim" >"$WORK/kiwix.log" 2>&1 &
SERVER_PID=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$base/catalog/v2/entries" >/dev/null && break; sleep 0.1; done
curl -sfL "$base/pix-edu-1.0.0/" >"$WORK/index.html" || fail "kiwix-serve did not serve the main page: $(cat "$WORK/kiwix.log")"
grep -q "<h1>Pix+ Édu, tutoriels vidéo pour les enseignants</h1>" "$WORK/index.html" || fail "the main page is not the course index"
[ "$(grep -c 'class="lesson-card"' "$WORK/index.html")" -eq 92 ] || fail "the main page does not list the 92 lessons"
# "cyberharcèlement" is spoken in the transcript of agir-face-au-cyberharcelement.
curl -sf "$base/search?content=pix-edu-1.0.0&pattern=cyberharc%C3%A8lement" >"$WORK/search.html" || fail "/search failed"
grep -q 'href="/pix-edu-1.0.0/lessons/agir-face-au-cyberharcelement/index.html"' "$WORK/search.html" \
  || fail "/search did not find the lesson: $(grep -A3 'class="header"' "$WORK/search.html")"
echo "ok"
