#!/usr/bin/env bash
# `packager check` on the whole real corpus: all 156 lesson files load; the
# only diagnostic is the real broken key the corpus README lists
# (description:Hameçonnage), a warning, so the exit status is 0.
source "$E2E_LIB"

cd "$SHARED_DIR/.."
run_packager check shared/corpus
expect_status 0
[ -z "$STDOUT" ] || fail "check prints nothing on stdout"
expect_stderr "shared/corpus/pix-tutos/content/sixieme/identifier-des-situations-d-arnaque-par-manipulation-psychologique.md:3:1: warning: unknown key 'description:'; did you mean 'description'? (a space is missing after ':')
    description:Hameçonnage, usurpation d’identité, faux support informatique : il existe de nombreuses techniques d'arnaque en ligne. Apprenez à les éviter à l'aide de cette vidéo.
    ^
156 lesson(s) OK, 0 with errors; 0 error(s), 1 warning(s)"
echo "ok"
