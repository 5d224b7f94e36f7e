#!/usr/bin/env bash
# Assembles the seed corpus of one fuzz target into a folder (default
# build-fuzz/corpus/<target>) from ../shared/corpus, the test fixtures and the
# target's regression inputs. Nothing is copied into the repository.
#   scripts/fuzz-corpus.sh TARGET [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz-corpus.sh TARGET [OUT_DIR]}
out=${2:-build-fuzz/corpus/$target}
shared=${PACKAGER_SHARED_DIR:-../shared}
mkdir -p "$out"

# Files are named by content hash, so assembling twice adds nothing.
add() {
  local file
  for file in "$@"; do
    [ -f "$file" ] || continue
    cp "$file" "$out/seed-$(sha1sum "$file" | cut -c1-16)"
  done
}

case "$target" in
  lesson)
    add samples/*.md "$shared"/seed/* tests/fuzz/regressions/lesson/*
    while IFS= read -r -d '' f; do add "$f"; done < <(find "$shared/corpus" -name '*.md' -print0)
    while IFS= read -r -d '' f; do add "$f"; done < <(find tests -path tests/fuzz -prune -o -name '*.md' -print0)
    ;;
  course)
    add manifests/*.yaml tests/fuzz/regressions/course/*
    while IFS= read -r -d '' f; do add "$f"; done < <(find tests -path tests/fuzz -prune -o \( -name '*.yaml' -o -name '*.yml' \) -print0)
    ;;
  vtt)
    add tests/fuzz/regressions/vtt/*
    while IFS= read -r -d '' f; do add "$f"; done < <(find "$shared/corpus" tests -name '*.vtt' -print0)
    ;;
  validate)
    # Our own packages (built from the sample) and the schema examples.
    add tests/fuzz/regressions/validate/* "$shared"/scorm-xsd/examples/*.xml
    while IFS= read -r -d '' f; do add "$f"; done < <(find build dist -maxdepth 3 -name '*.zip' -print0 2>/dev/null)
    ;;
  *)
    echo "fuzz-corpus.sh: unknown target '$target' (lesson, course, vtt, validate)" >&2
    exit 2
    ;;
esac
echo "$out: $(find "$out" -type f | wc -l) seed(s)" >&2
