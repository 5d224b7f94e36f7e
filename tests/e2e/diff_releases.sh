#!/usr/bin/env bash
# `packager diff` between two releases' build reports lists the lessons
# added, removed and changed (by their stable slug), and exits 1 as diff(1)
# when there are changes, 0 when there are none.
source "$E2E_LIB"

course="$WORK/course"
mkdir -p "$course"
cp "$SOURCE_DIR/samples/sample-lesson.md" "$course/kept.md"
cp "$SOURCE_DIR/samples/sample-lesson.md" "$course/dropped.md"
manifest() {  # manifest VERSION LESSON...
  local version=$1; shift
  { echo "id: diff-demo"; echo "title: Diff demo"; echo "version: $version"
    echo "media_dir: $SOURCE_DIR/samples/media"; echo "lessons:"
    for l in "$@"; do echo "  - $l"; done; } >"$course/course.yaml"
}
manifest 1.0.0 kept.md dropped.md
run_packager build "$course/course.yaml" -o "$WORK/v1" --offline
expect_status 0

# Release 1.1.0: one lesson edited, one dropped, one added.
sed -i 's/hors ligne/hors ligne (révisé)/' "$course/kept.md"
cp "$SOURCE_DIR/samples/sample-lesson.md" "$course/added.md"
manifest 1.1.0 kept.md added.md
run_packager build "$course/course.yaml" -o "$WORK/v2" --offline
expect_status 0

title=$(jq -r '.lessons[0].title' "$WORK/v1/build-report.json")
run_packager diff "$WORK/v1/build-report.json" "$WORK/v2/build-report.json"
expect_status 1
[ "$STDOUT" = "added: added ($title)
removed: dropped ($title)
changed: kept: source" ] || fail "unexpected diff: $STDOUT"
expect_stderr "1.0.0 -> 1.1.0: 1 added, 1 removed, 1 changed"

run_packager diff "$WORK/v2/build-report.json" "$WORK/v2/build-report.json"
expect_status 0
[ -z "$STDOUT" ] || fail "a report compared with itself should list nothing: $STDOUT"

echo '{"format": "something-else"}' >"$WORK/other.json"
run_packager diff "$WORK/other.json" "$WORK/v2/build-report.json"
expect_status 3
expect_stderr "packager: error: <work>/other.json: not a packager build report (expected \"format\": \"packager-build-report/1\")"
echo "ok"
