#!/usr/bin/env bash
# What packager says, verbatim: a bad --format lists the valid ones;
# --format both names the zip where it really is (scorm/); "wrote" is never
# printed for an output that is then refused; a template error gives
# line:col, not a byte offset.
source "$E2E_LIB"

run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/dist" --format zipp
expect_status 2
expect_stderr "--format: 'zipp' is not an output format; expected a comma-separated list of zip, site, zim, mbz (or both = zip,site)
Run with --help for more information."

run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/both" --format both --offline
expect_status 0
[ "$(grep '^wrote' "$WORK/stderr")" = "wrote $WORK/both/scorm/sample-1.0.0-scorm12.zip
wrote the site $WORK/both/index.html" ] || fail "wrote lines: $(grep '^wrote' "$WORK/stderr")"
[ -f "$WORK/both/scorm/sample-1.0.0-scorm12.zip" ] || fail "the zip is not where it was said to be"
[ "$STDOUT" = "$WORK/both/scorm/sample-1.0.0-scorm12.zip
$WORK/both/index.html" ] || fail "stdout: $STDOUT"

# The site does not fit the stick: refused, and no "wrote" for the zip.
run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/small" --format both --offline --target-size 64K
expect_status 6
if grep -q '^wrote' "$WORK/stderr"; then fail "\"wrote\" printed for a refused output: $STDERR"; fi
[ -z "$(find "$WORK/small" -name '*.zip' 2>/dev/null)" ] || fail "a zip was left behind"

cp -r "$SOURCE_DIR/templates" "$WORK/templates"
printf '<main>\n  <p>{{#lesson_title}}</p>\n</main>\n' >"$WORK/templates/transcript.html.mustache"
run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/t" --offline --templates "$WORK/templates" -q
expect_status 3
expect_stderr "packager: error: <work>/templates/transcript.html.mustache:2:6: unclosed section \"lesson_title\""
echo "ok"
