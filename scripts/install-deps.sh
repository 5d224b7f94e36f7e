#!/usr/bin/env bash
# Installs everything packager needs to build and test on Debian 12, from
# Debian's own packages. Safe to run again; uses sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

packages=(
  # toolchain
  g++ make cmake pkg-config ca-certificates
  # the design card's libraries
  libzip-dev libpugixml-dev libyaml-cpp-dev libcmark-dev libcurl4-openssl-dev
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev
  # the Moodle backup (.mbz): a reproducible ustar + gzip
  libarchive-dev
  # small header libraries
  libcli11-dev libkainjow-mustache-dev libexpected-dev libfmt-dev nlohmann-json3-dev
  libssl-dev
  # --format zim: libzim's writer; its readers for the tests (zimcheck,
  # kiwix-serve)
  libzim-dev zim-tools kiwix-tools
  # tests: GoogleTest, Google Benchmark, the loopback HTTP server, fixtures,
  # the official-XSD validator and zip tools
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
  ffmpeg libxml2-utils zip unzip
  # tests/e2e/build_mbz.sh reads the backup's XML with Python's own parser
  python3
  # browser tests (tests/browser, the site scenario): Debian's Chromium and
  # Node.js; jq reads build-report.json in the scenarios
  chromium nodejs jq
  # tests/bench: peak RSS with /usr/bin/time -v
  time
  # tests/e2e/integrity_commit_sweep.sh: signals injected at chosen syscalls
  strace
  # tests/e2e/scale_slurm.sh: a single-node Slurm (sharded builds), ss for free ports
  slurm-wlm munge iproute2
  # fuzzing (scripts/fuzz.sh): clang with libFuzzer and its sanitizer runtimes
  clang libclang-rt-14-dev
)

$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${packages[@]}"

# npm: Debian's package, unless a Node.js that bundles its own npm is
# already installed (such a nodejs conflicts with Debian's npm).
if ! command -v npm >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends npm
fi

# The browser tests' npm packages, exactly as package-lock.json pins them.
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
