#!/usr/bin/env bash
# A broken course manifest: every problem, in the manifest and in its
# lessons, is reported at once with path:line:col; exit 3; `build` refuses
# before downloading anything and writes nothing.
source "$E2E_LIB"

mkdir -p "$WORK/content"
printf -- '---\ntitle: Bonne\nvideoDownloadHref: https://h/a.mp4\n---\n' >"$WORK/content/a.md"
printf -- '---\ndescripton: x\nvideoDownloadHref: https://h/b.mp4\ncaptionFilePath: ../../etc/passwd\n---\n' >"$WORK/content/b.md"
mkdir -p "$WORK/public"
cat >"$WORK/course.yaml" <<'YAML'
id: demo
title: Démo
version: 1.0
scorm: "1.2"
packagng: per-lesson
lessons:
  - content/*.md
  - content/a.md
  - missing/*.md
YAML

run_packager check "$WORK/course.yaml"
expect_status 3
expected="<work>/course.yaml:5:1: error: unknown key 'packagng'; did you mean 'packaging'?
    packagng: per-lesson
    ^
<work>/course.yaml:3:10: error: 'version' must be a semantic version like 1.0.0, not '1.0'
    version: 1.0
             ^
<work>/course.yaml:8:5: error: lesson 'a.md' is listed twice (already by 'content/*.md')
      - content/a.md
        ^
<work>/course.yaml:9:5: error: 'missing/*.md' matches no lesson file in <work>
      - missing/*.md
        ^
<work>/content/b.md:2:1: warning: unknown key 'descripton'; did you mean 'description'?
    descripton: x
    ^
<work>/content/b.md:1:1: error: missing required field 'title'
    ---
    ^
<work>/content/b.md:4:18: error: 'captionFilePath': '../../etc/passwd' is outside the collection's public/ folder
    captionFilePath: ../../etc/passwd
                     ^"
expect_stderr "$expected
1 lesson(s) OK, 1 with errors; 6 error(s), 1 warning(s)"

run_packager build "$WORK/course.yaml" -o "$WORK/dist" --offline
expect_status 3
expect_stderr "$expected
packager: error: 6 error(s) in the lesson files; nothing was built"
[ ! -e "$WORK/dist" ] || fail "build wrote output despite errors"
echo "ok"
