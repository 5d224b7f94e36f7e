#!/usr/bin/env bash
# --format zim: a two-area course (tests/support/make_zim_course.sh) gives a
# ZIM that zimcheck -A passes with no warning, listed in build-report.json and
# SHA256SUMS and re-hashed by `verify`; two builds in other folders, time
# zones and locales give the same bytes; over --max-file-size the course is
# one ZIM per area, each passing zimcheck; a --templates folder without the
# ZIM page is refused before anything is fetched.
source "$E2E_LIB"

bash "$SOURCE_DIR/tests/support/make_zim_course.sh" "$WORK/course" >/dev/null

# zimcheck_clean FILE: every check passes and nothing is reported.
zimcheck_clean() {
  zimcheck -A "$1" >"$WORK/zimcheck.txt" 2>&1 || { cat "$WORK/zimcheck.txt"; fail "zimcheck -A failed on $1"; }
  grep -q '^\[INFO\] Overall Test Status: Pass$' "$WORK/zimcheck.txt" || fail "zimcheck did not pass $1"
  ! grep -Eq '^\[(WARNING|ERROR)\]' "$WORK/zimcheck.txt" || { cat "$WORK/zimcheck.txt"; fail "zimcheck reported problems in $1"; }
}

build_in() {  # build_in DIR TZ LOCALE [OPTIONS...]
  local dir=$1 tz=$2 locale=$3
  shift 3
  mkdir -p "$dir"
  set +e
  (cd "$dir" && TZ="$tz" LC_ALL="$locale" "$PACKAGER" build "$WORK/course/course.yaml" -o out --offline "$@" \
    >"$WORK/stdout" 2>"$WORK/stderr")
  STATUS=$?
  set -e
  STDOUT=$(cat "$WORK/stdout")
  STDERR=$(cat "$WORK/stderr")
}

# 1. One ZIM beside the zip, both in the records.
build_in "$WORK/a" America/New_York C --format zip,zim
expect_status 0
out="$WORK/a/out"
[ "$STDOUT" = "out/demo-zim-1.0.0-scorm12.zip
out/demo-zim-1.0.0.zim" ] || fail "unexpected stdout: $STDOUT"
zimcheck_clean "$out/demo-zim-1.0.0.zim"
[ "$(zimdump info "$out/demo-zim-1.0.0.zim" | sed -n 's/^main page: //p')" = "index.html" ] || fail "main page is not index.html"
# The metadata as a Kiwix library reads it (kiwix-manage).
book() {  # book FILE: its <book .../> line in a kiwix library
  rm -f "$WORK/library.xml"
  kiwix-manage "$WORK/library.xml" add "$1" >/dev/null
  grep -o '<book [^>]*>' "$WORK/library.xml" | sed 's/ favicon="[^"]*"//'
}
book "$out/demo-zim-1.0.0.zim" >"$WORK/book.txt"
for want in 'title="Cours de démonstration"' 'description="Trois leçons vidéo pour essayer la version Kiwix."' \
  'language="fra"' 'creator="Équipe de démonstration"' 'publisher="packager tests"' 'name="demo-zim_fr"' \
  'flavour="all"' 'date="2000-01-01"' 'faviconMimeType="image/png"' 'articleCount="4"'; do
  grep -qF "$want" "$WORK/book.txt" || fail "the library entry lacks $want: $(cat "$WORK/book.txt")"
done
# Pages that need no script (Kiwix on old phones), and no SCORM runtime.
zimdump dump --dir="$WORK/dump" "$out/demo-zim-1.0.0.zim" >/dev/null
[ -f "$WORK/dump/lessons/premiere-lecon/video.mp4" ] || fail "the ZIM lacks a lesson's video"
! grep -rl "<script" "$WORK/dump" --include='*.html' || fail "a ZIM page holds a script"
[ -z "$(find "$WORK/dump" -name '*.js')" ] || fail "the ZIM holds JavaScript: $(find "$WORK/dump" -name '*.js')"
grep -q '<track kind="captions" srclang="fr"' "$WORK/dump/lessons/premiere-lecon/index.html" || fail "no captions track"
grep -q 'href="sheet.pdf"' "$WORK/dump/lessons/premiere-lecon/index.html" || fail "no PDF sheet link"
grep -q "  demo-zim-1.0.0.zim$" "$out/SHA256SUMS" || fail "SHA256SUMS does not list the ZIM"
(cd "$out" && sha256sum -c --quiet SHA256SUMS) || fail "sha256sum -c SHA256SUMS failed"
[ "$(jq -r '.outputs[] | select(.path == "demo-zim-1.0.0.zim") | .size' "$out/build-report.json")" = \
  "$(stat -c %s "$out/demo-zim-1.0.0.zim")" ] || fail "build-report.json does not list the ZIM with its size"
[ "$(jq -r .settings.format "$out/build-report.json")" = "zip,zim" ] || fail "the report's format is not zip,zim"
run_packager verify "$out"
expect_status 0
# Nothing changed: nothing rewritten, the ZIM still printed.
build_in "$WORK/a" America/New_York C --format zip,zim
expect_status 0
echo "$STDOUT" | grep -qx "out/demo-zim-1.0.0.zim" || fail "an up-to-date build does not print the ZIM: $STDOUT"
echo "$STDERR" | grep -q "^up to date" || fail "the second build was not up to date: $STDERR"
# One changed byte in the ZIM: verify says so.
cp "$out/demo-zim-1.0.0.zim" "$WORK/saved.zim"
printf 'X' | dd of="$out/demo-zim-1.0.0.zim" bs=1 seek=5000 conv=notrunc status=none
run_packager verify "$out"
expect_status 1
echo "$STDOUT" | grep -q "^changed: demo-zim-1.0.0.zim: sha256 is " || fail "verify did not report the damaged ZIM: $STDOUT"
no_leftovers "$out"

# 2. Another folder, time zone and locale, --format zim alone: same bytes.
build_in "$WORK/b/deeper folder" Asia/Tokyo C.UTF-8 --format zim
expect_status 0
cmp "$WORK/saved.zim" "$WORK/b/deeper folder/out/demo-zim-1.0.0.zim" || fail "the two builds' ZIM files differ"

# 3. Over --max-file-size: one ZIM per area, each complete on its own.
size=$(stat -c %s "$WORK/saved.zim")
build_in "$WORK/c" UTC C --format zim --max-file-size "$((size * 3 / 4))"
expect_status 0
[ "$STDOUT" = "out/demo-zim-1.0.0-domaine-1.zim
out/demo-zim-1.0.0-domaine-2.zim" ] || fail "expected one ZIM per area, got: $STDOUT"
for f in domaine-1 domaine-2; do
  zimcheck_clean "$WORK/c/out/demo-zim-1.0.0-$f.zim"
  [ "$(stat -c %s "$WORK/c/out/demo-zim-1.0.0-$f.zim")" -le "$((size * 3 / 4))" ] || fail "$f is over --max-file-size"
done
zimdump list "$WORK/c/out/demo-zim-1.0.0-domaine-2.zim" | grep -q "^lessons/troisieme-lecon/video.mp4$" || fail "domaine-2 lacks its lesson"
! zimdump list "$WORK/c/out/demo-zim-1.0.0-domaine-2.zim" | grep -q "premiere-lecon" || fail "domaine-2 holds a lesson of domaine 1"
book "$WORK/c/out/demo-zim-1.0.0-domaine-1.zim" | grep -qF 'name="demo-zim_fr_domaine-1"' || fail "the part's Name"
[ "$(cut -d' ' -f3 "$WORK/c/out/SHA256SUMS")" = "demo-zim-1.0.0-domaine-1.zim
demo-zim-1.0.0-domaine-2.zim" ] || fail "SHA256SUMS does not list both parts"
# An area bigger than the limit on its own is refused, nothing written.
build_in "$WORK/d" UTC C --format zim --max-file-size 100K
expect_status 5
last=$(printf '%s\n' "$STDERR" | tail -1 | sed 's/about [0-9.]* MiB/about <size>/')
[ "$last" = "packager: error: the area 'Domaine 1' alone would make a ZIM of about <size>, over --max-file-size 100.0 KiB (try --max-height)" ] \
  || fail "unexpected error: $STDERR"
[ ! -e "$WORK/d/out" ] || [ -z "$(ls -A "$WORK/d/out")" ] || fail "a refused build left files: $(ls -A "$WORK/d/out")"

# 4. A templates folder from before ZIM output: a clear error, up front.
cp -r "$SOURCE_DIR/templates" "$WORK/old-templates"
rm "$WORK/old-templates/zim-lesson.html.mustache"
build_in "$WORK/e" UTC C --format zim --templates "$WORK/old-templates"
expect_status 3
expect_stderr "packager: error: <work>/old-templates/zim-lesson.html.mustache: missing template (expected zim-lesson.html.mustache in the templates folder for --format zim)"
echo "ok"
