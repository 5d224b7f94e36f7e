#!/usr/bin/env bash
# Fetch benchmark (prints figures; not part of ctest):
#   cmake --build build --target fetch_once fault_server
#   tests/bench/fetch_bench.sh [build-dir] [size-MB] [rounds]
# Serves a SIZE-MB (default 300) MP4-looking file (or FILE=path, an existing
# video, whose size then wins) from the loopback fault_server, then downloads it ROUNDS (default 5) times with packager's
# fetcher (fetch_once, a fresh cache each time) and with the curl CLI,
# alternating. Prints the median wall time and throughput of each, the
# packager/curl throughput ratio (target >= 1.0 in every round, issue 20), the
# per-round ratios, and peak RSS of each.
set -euo pipefail
build=${1:-build}
size_mb=${2:-300}
rounds=${3:-5}
fetch_once="$build/tests/fetch_once"
server="$build/tests/fault_server"
for tool in "$fetch_once" "$server" /usr/bin/time curl; do
  [ -x "$tool" ] || command -v "$tool" >/dev/null || { echo "missing $tool (build fetch_once and fault_server)" >&2; exit 2; }
done

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/served"
if [ -n "${FILE:-}" ]; then
  # A real file (the server names routes by their resolved path, so no
  # symlink): a hard link when on the same file system, else a copy.
  ln "$(realpath "$FILE")" "$work/served/big.mp4" 2>/dev/null || cp "$(realpath "$FILE")" "$work/served/big.mp4"
  size_mb=$(( $(stat -L -c %s "$FILE") / 1024 / 1024 ))
else
  # An ISO-BMFF 'ftyp' box so the fetcher's sniffing accepts it, then random bytes.
  { printf '\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2'; head -c $((size_mb * 1024 * 1024 - 24)) /dev/urandom; } \
    >"$work/served/big.mp4"
fi
expected=$(sha256sum "$work/served/big.mp4" | cut -d' ' -f1)
"$server" "$work/served" "$work/port" &
server_pid=$!
for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")/big.mp4"

# Runs a command under /usr/bin/time; appends "seconds kB" to $2.
# Each run starts from a clean page cache state: the previous run's
# deletions and dirty pages are flushed first, not charged to this run.
measure() {
  local out=$1; shift
  sync
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/stdout"
  cat "$work/time" >>"$out"
}

for round in $(seq "$rounds"); do
  rm -rf "$work/cache"
  measure "$work/packager.times" "$fetch_once" "$url" "$work/cache"
  [ "$(cat "$work/stdout")" = "$expected" ] || { echo "packager: wrong SHA-256" >&2; exit 1; }
  rm -f "$work/curl.mp4"
  measure "$work/curl.times" curl -sS -o "$work/curl.mp4" "$url"
  [ "$(sha256sum "$work/curl.mp4" | cut -d' ' -f1)" = "$expected" ] || { echo "curl: wrong SHA-256" >&2; exit 1; }
  echo "round $round: packager $(tail -1 "$work/packager.times" | cut -d' ' -f1) s, curl $(tail -1 "$work/curl.times" | cut -d' ' -f1) s"
done

paste -d' ' "$work/packager.times" "$work/curl.times" |
  awk '{ printf "round %d ratio packager/curl: %.2f\n", NR, $3 / $1 }'
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
p_time=$(cut -d' ' -f1 "$work/packager.times" | median)
c_time=$(cut -d' ' -f1 "$work/curl.times" | median)
p_rss=$(cut -d' ' -f2 "$work/packager.times" | sort -n | tail -1)
c_rss=$(cut -d' ' -f2 "$work/curl.times" | sort -n | tail -1)
awk -v size="$size_mb" -v p="$p_time" -v c="$c_time" -v pr="$p_rss" -v cr="$c_rss" 'BEGIN {
  printf "file: %d MB over loopback, median of the rounds\n", size
  printf "packager: %.2f s  %.1f MB/s  peak RSS %.1f MB\n", p, size / p, pr / 1024
  printf "curl:     %.2f s  %.1f MB/s  peak RSS %.1f MB\n", c, size / c, cr / 1024
  printf "throughput ratio packager/curl: %.3f (target >= 1.0 in every round)\n", c / p
}'
