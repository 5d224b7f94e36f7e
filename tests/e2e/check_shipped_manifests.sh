#!/usr/bin/env bash
# `packager check` on each shipped manifest gives its pinned result; the
# manifests point at ../shared/corpus (their `collection` key).
source "$E2E_LIB"

cd "$SOURCE_DIR"
check_manifest() {
  run_packager check "manifests/$1"
  expect_status 0
  expect_stderr "$2"
}
check_manifest pix-edu.yaml "92 lesson(s) OK, 0 with errors; 0 error(s), 0 warning(s)"
check_manifest pix-mednum.yaml "7 lesson(s) OK, 0 with errors; 0 error(s), 0 warning(s)"
check_manifest pix-sixieme.yaml "../shared/corpus/pix-tutos/content/sixieme/identifier-des-situations-d-arnaque-par-manipulation-psychologique.md:3:1: warning: unknown key 'description:'; did you mean 'description'? (a space is missing after ':')
    description:Hameçonnage, usurpation d’identité, faux support informatique : il existe de nombreuses techniques d'arnaque en ligne. Apprenez à les éviter à l'aide de cette vidéo.
    ^
7 lesson(s) OK, 0 with errors; 0 error(s), 1 warning(s)"
check_manifest sample.yaml "1 lesson(s) OK, 0 with errors; 0 error(s), 0 warning(s)"
echo "ok"
