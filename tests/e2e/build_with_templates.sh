#!/usr/bin/env bash
# --templates DIR: a copy of the default templates with a changed lesson page
# and stylesheet is what the package holds, and a changed index.html.mustache
# is the offline site's index too; a folder missing a template stops the
# build (exit 3) naming the file, and nothing is written.
source "$E2E_LIB"

cp -r "$SOURCE_DIR/templates" "$WORK/mine"
sed -i 's#<h1>{{title}}</h1>#<h1 class="mine">{{title}}</h1>#' "$WORK/mine/lesson.html.mustache"
echo "/* mine */" >>"$WORK/mine/assets/style.css"
run_packager -q build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/dist" --offline --templates "$WORK/mine"
expect_status 0
zip="$WORK/dist/sample-1.0.0-scorm12.zip"
unzip -p "$zip" lessons/sample-lesson/index.html | grep -q '<h1 class="mine">Préparer une séance' ||
  fail "the lesson page does not come from --templates"
unzip -p "$zip" shared/style.css | grep -q '/\* mine \*/' || fail "the stylesheet does not come from --templates"
unzip -p "$zip" lessons/sample-lesson/transcript.html | grep -q '<h1>Préparer une séance' ||
  fail "the transcript page is missing"
unzip -p "$zip" index.html | grep -q '<h2 id="area-1">Domaine 1 : Utiliser le numérique pour agir et se former dans son environnement professionnel</h2>' || fail "the course index is missing its area"
unzip -p "$zip" index.html | grep -q 'href="lessons/sample-lesson/transcript.html"' || fail "the course index lacks the transcript link"
unzip -p "$zip" lessons/sample-lesson/index.html | grep -q '<a href="../../index.html">' || fail "the lesson page does not link back to the index"
# The offline site takes its index from the same index.html.mustache.
sed -i 's#<h1>{{course_title}}</h1>#<h1 class="mine">{{course_title}}</h1>#' "$WORK/mine/index.html.mustache"
run_packager -q build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/site" --offline --format site --templates "$WORK/mine"
expect_status 0
grep -q '<h1 class="mine">Exemple de cours packager</h1>' "$WORK/site/index.html" ||
  fail "the site's index does not come from --templates"

rm "$WORK/mine/transcript.html.mustache"
run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/none" --offline --templates "$WORK/mine"
expect_status 3
expect_stderr "packager: error: <work>/mine/transcript.html.mustache: missing template (expected transcript.html.mustache in the templates folder <work>/mine)"
[ ! -e "$WORK/none" ] || [ -z "$(ls -A "$WORK/none")" ] || fail "a failed build left files: $(ls -A "$WORK/none")"
echo "ok"
