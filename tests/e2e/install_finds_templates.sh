#!/usr/bin/env bash
# `cmake --install` puts the binary and the default templates in standard
# places, and the installed binary uses its own installed templates (not
# the source tree's): a marker added to the installed template shows up.
source "$E2E_LIB"

build_dir=$(dirname "$(dirname "$PACKAGER")")
cmake --install "$build_dir" --prefix "$WORK/prefix" >/dev/null || fail "cmake --install failed"
[ -x "$WORK/prefix/bin/packager" ] || fail "no bin/packager in the prefix"
templates="$WORK/prefix/share/packager/templates"
[ -f "$templates/lesson.html.mustache" ] || fail "no templates in share/packager/templates"
sed -i 's#<main#<!-- installed-template-marker --><main#' "$templates/lesson.html.mustache"

cd "$WORK"
set +e
PACKAGER_TEMPLATES= "$WORK/prefix/bin/packager" -q build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/dist" --offline \
  >"$WORK/stdout" 2>"$WORK/stderr"
status=$?
set -e
[ "$status" -eq 0 ] || { cat "$WORK/stderr"; fail "the installed packager failed ($status)"; }
unzip -p "$WORK/dist/sample-1.0.0-scorm12.zip" lessons/sample-lesson/index.html | grep -q "installed-template-marker" ||
  fail "the installed packager did not use its installed templates"
echo "ok"
