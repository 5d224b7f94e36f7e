#!/usr/bin/env bash
# Runs one libFuzzer target for N minutes, in one process (the machine is shared).
#   scripts/fuzz.sh TARGET MINUTES      e.g. scripts/fuzz.sh lesson 10
# Targets: lesson (front matter + Markdown, lesson::parse_lesson),
#          course (course manifests, lesson::load_course),
#          vtt (WebVTT captions, media::check_webvtt),
#          validate (`packager validate` on arbitrary zips and manifests).
# Configures build-fuzz/ with clang (-DPACKAGER_FUZZ=ON: libFuzzer + ASan +
# UBSan), seeds build-fuzz/corpus/TARGET (scripts/fuzz-corpus.sh), and keeps
# what it finds in build-fuzz/artifacts/TARGET/. A crash there belongs in
# tests/fuzz/regressions/TARGET/ once fixed; ctest replays that folder.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET MINUTES}
minutes=${2:?usage: scripts/fuzz.sh TARGET MINUTES}

if [ ! -f build-fuzz/CMakeCache.txt ]; then
  cmake -S . -B build-fuzz -DPACKAGER_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++
fi
cmake --build build-fuzz -j"${JOBS:-2}" --target "fuzz_$target"
bash scripts/fuzz-corpus.sh "$target"
mkdir -p "build-fuzz/artifacts/$target"

# -timeout: an input taking 10 s is a hang worth keeping; -rss_limit_mb
# catches memory blow-ups (YAML aliases, deep nesting).
exec "build-fuzz/tests/fuzz/fuzz_$target" \
  -max_total_time=$((minutes * 60)) \
  -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="build-fuzz/artifacts/$target/" \
  "build-fuzz/corpus/$target"
