#!/usr/bin/env bash
# `packager validate`: our sample course passes as SCORM 1.2 and as SCORM
# 2004 with the official schemas (zip and extracted folder); a hand-broken
# package gets one line per defect and exit 3; --json gives the same report
# as JSON; a missing package is a usage error.
source "$E2E_LIB"

schemas="$SHARED_DIR/scorm-xsd"
run_packager -q build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/dist" --offline
expect_status 0
zip12="$STDOUT"
sed -e "s#\.\./samples#$SOURCE_DIR/samples#" -e 's/scorm: "1.2"/scorm: "2004-4th"/' \
  "$SOURCE_DIR/manifests/sample.yaml" >"$WORK/sample-2004.yaml"
# One folder holds one bundle: the 2004 variant goes into its own.
run_packager -q build "$WORK/sample-2004.yaml" -o "$WORK/dist2004" --offline
expect_status 0
zip2004="$STDOUT"
[ "$zip2004" = "$WORK/dist2004/sample-1.0.0-scorm2004.zip" ] || fail "unexpected 2004 package: $zip2004"

for zip in "$zip12" "$zip2004"; do
  run_packager validate "$zip" --schemas "$schemas"
  expect_status 0
  [ "$STDOUT" = "$zip: 0 error(s), 0 warning(s): valid" ] || fail "validate $zip: $STDOUT"
done
"$schemas/validate.sh" <(unzip -p "$zip2004" imsmanifest.xml) 2004 || fail "the 2004 manifest does not validate"
unzip -p "$zip2004" imsmanifest.xml | grep -q 'adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.90"' ||
  fail "the 2004 manifest lacks the completion threshold"

# An extracted package is a folder; break it by hand.
mkdir "$WORK/x"
(cd "$WORK/x" && unzip -q "$zip12")
run_packager validate "$WORK/x"
expect_status 0
sed -i -e 's#<schemaversion>1.2</schemaversion>#<schemaversion>1.2 </schemaversion>#' \
  -e 's#adlcp:scormtype="sco"#adlcp:scormtype="SCO"#' "$WORK/x/imsmanifest.xml"
rm "$WORK/x/shared/style.css"
echo "notes" >"$WORK/x/notes.txt"
run_packager validate "$WORK/x" --schemas "$schemas"
expect_status 3
got=$(printf '%s\n' "$STDOUT" | sed "s#$WORK#<work>#g")
# Line numbers as they are in the broken file, so layout changes elsewhere
# in the manifest do not matter.
m="$WORK/x/imsmanifest.xml"
sv=$(grep -n '<schemaversion>' "$m" | cut -d: -f1)
sco=$(grep -n 'scormtype="SCO"' "$m" | cut -d: -f1)
css=$(grep -n 'href="shared/style.css"' "$m" | cut -d: -f1)
want='<work>/x: imsmanifest.xml:'$sv': error: schemaversion is "1.2 ", expected exactly "1.2" (LMSs compare it verbatim)
<work>/x: imsmanifest.xml:'$sco': error: resource RES-sample--sample-lesson: adlcp:scormtype="SCO", expected "sco" or "asset" (lower case)
<work>/x: imsmanifest.xml:'$css': error: href "shared/style.css" is not in the package
<work>/x: notes.txt: warning: in the package but listed by no resource
<work>/x: imsmanifest.xml:'$sco': error: XSD: element resource: Schemas validity error : Element '"'"'{http://www.imsproject.org/xsd/imscp_rootv1p1p2}resource'"'"', attribute '"'"'{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype'"'"': [facet '"'"'enumeration'"'"'] The value '"'"'SCO'"'"' is not an element of the set {'"'"'asset'"'"', '"'"'sco'"'"'}.
<work>/x: 4 error(s), 1 warning(s)'
[ "$got" = "$want" ] || { printf 'expected:\n%s\n--- got:\n%s\n' "$want" "$got" >&2; fail "validate output differs"; }

run_packager validate "$WORK/x" --json
expect_status 3
printf '%s\n' "$STDOUT" | sed -e "s#$WORK#<work>#g" -E -e 's/"line": [1-9][0-9]*/"line": "<n>"/' >"$WORK/report.json"
golden validate-report.json "$WORK/report.json"

run_packager validate "$WORK/nothing.zip"
expect_status 2
expect_stderr "packager: error: <work>/nothing.zip: no such file or folder"
echo "ok"
