#!/usr/bin/env bash
# `packager validate --target`: the sample's 1.2 zip is fine for the Moodle
# app and reports its size, the room Moodle needs to unzip it and the 1.2
# suspend_data our runtime writes at most; the 2004 zip is refused for the
# app; --upload-limit counts the room to unzip; a page loading a script from
# the network is an error for the app (played offline), a warning for Moodle
# in a browser. And `build` warns when the manifest's `target` cannot play
# its settings.
source "$E2E_LIB"

run_packager -q build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/dist" --offline
expect_status 0
zip12="$STDOUT"
sed -e "s#\.\./samples#$SOURCE_DIR/samples#" -e 's/scorm: "1.2"/scorm: "2004-4th"/' \
  "$SOURCE_DIR/manifests/sample.yaml" >"$WORK/sample-2004.yaml"
# One folder holds one bundle: the 2004 variant goes into its own.
run_packager -q build "$WORK/sample-2004.yaml" -o "$WORK/dist2004" --offline
expect_status 0
zip2004="$STDOUT"
size=$(stat -c %s "$zip12")
unpacked=$(unzip -l "$zip12" | tail -1 | awk '{print $1}')

run_packager validate "$zip12" --target moodle-app
expect_status 0
room=$(python3 -c "print(f'{($size + $unpacked) / 1024:.1f} KiB')")
zipk=$(python3 -c "print(f'{$size / 1024:.1f} KiB')")
[ "$STDOUT" = "$zip12: target moodle-app: SCORM 1.2, $zipk ($room of room to unzip), 1.2 suspend_data up to 4096 characters
$zip12: 0 error(s), 0 warning(s): valid" ] || fail "validate --target moodle-app: $STDOUT"

run_packager validate "$zip2004" --target moodle-app
expect_status 3
[ "$(printf '%s\n' "$STDOUT" | head -1)" = "$zip2004: error: SCORM 2004: the Moodle app plays SCORM 1.2 packages only; build it with scorm: \"1.2\"" ] ||
  fail "2004 for the app: $STDOUT"
run_packager validate "$zip2004" --target moodle
expect_status 0

# The upload limit: the zip fits, but not with its unpacked files beside it.
limit=$(( (size + unpacked) / 1024 - 8 ))K
run_packager validate "$zip12" --upload-limit "$limit"
expect_status 0
printf '%s\n' "$STDOUT" | grep -q "^$zip12: warning: the package is $zipk, within the upload limit of .*, but Moodle keeps the zip and unpacks its files beside it: it needs $room of room" ||
  fail "no room warning: $STDOUT"
run_packager validate "$zip12" --upload-limit 100K
expect_status 3
printf '%s\n' "$STDOUT" | grep -q "^$zip12: error: the package is $zipk, over the upload limit of 100.0 KiB" || fail "no limit error: $STDOUT"
run_packager validate "$zip12" --upload-limit 1Q
expect_status 2

# A page that needs the network.
mkdir "$WORK/x"
(cd "$WORK/x" && unzip -q "$zip12")
sed -i 's#</head>#<script src="https://cdn.example.org/tracker.js"></script>\n</head>#' "$WORK/x/lessons/sample-lesson/index.html"
line=$(grep -n 'cdn.example.org' "$WORK/x/lessons/sample-lesson/index.html" | cut -d: -f1)
run_packager validate "$WORK/x" --target moodle-app --json
expect_status 3
python3 - "$STDOUT" "$line" <<'PY' || fail "JSON report: $STDOUT"
import json, sys
r = json.loads(sys.argv[1])
assert r["target"]["name"] == "moodle-app" and r["target"]["suspend_data_limit_12"] == 4096, r["target"]
assert r["target"]["room_bytes"] == r["target"]["package_bytes"] + r["target"]["unpacked_bytes"], r["target"]
f = [x for x in r["findings"] if "cdn.example.org" in x["message"]]
assert len(f) == 1 and f[0]["severity"] == "error" and f[0]["file"] == "lessons/sample-lesson/index.html" \
    and f[0]["line"] == int(sys.argv[2]), f
PY
run_packager validate "$WORK/x" --target moodle
expect_status 0
printf '%s\n' "$STDOUT" | grep -qF "lessons/sample-lesson/index.html:$line: warning: <script src> loads https://cdn.example.org/tracker.js from outside the package: it needs the network" ||
  fail "not a warning for Moodle: $STDOUT"

# build: the manifest's target.
printf 'target: moodle-app\n' >>"$WORK/sample-2004.yaml"
run_packager build "$WORK/sample-2004.yaml" -o "$WORK/dist2" --offline
expect_status 0
printf '%s\n' "$STDERR" | grep -qF "sample-2004.yaml:7:8: warning: scorm 2004 will not play on target moodle-app: the Moodle app plays SCORM 1.2 packages only; use scorm: \"1.2\"" ||
  fail "no target warning: $STDERR"
grep -qF 'scorm 2004 will not play on target moodle-app' "$WORK/dist2/build-report.json" || fail "the warning is not in the report"
echo "ok"
