# Shared helpers for the CLI scenarios in tests/e2e/*.sh.
# Each scenario runs the real binary ($PACKAGER) and asserts what a user
# would see: exit status, the exact error text, and what is left on disk.
set -euo pipefail

: "${PACKAGER:?set by ctest}"
: "${SOURCE_DIR:?set by ctest}"
: "${SHARED_DIR:?set by ctest}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/packager-e2e.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
export XDG_CACHE_HOME="$WORK/cache"

fail() { echo "FAIL: $*" >&2; exit 1; }

# run_packager ARGS...: runs the binary, keeping stdout, stderr and status.
run_packager() {
  set +e
  "$PACKAGER" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  STATUS=$?
  set -e
  STDOUT=$(cat "$WORK/stdout")
  STDERR=$(cat "$WORK/stderr")
}

expect_status() {
  [ "$STATUS" -eq "$1" ] || { echo "--- stderr:"; echo "$STDERR"; fail "expected exit status $1, got $STATUS"; }
}

# expect_stderr TEXT: stderr must equal TEXT exactly (after $WORK is
# replaced by <work> and the server port by <port>).
expect_stderr() {
  local got
  got=$(printf '%s' "$STDERR" | sed -e "s#$WORK#<work>#g" -e "s#127\.0\.0\.1:[0-9]*#127.0.0.1:<port>#g")
  [ "$got" = "$1" ] || { printf 'expected stderr:\n%s\n--- got:\n%s\n' "$1" "$got" >&2; fail "stderr differs"; }
}

# golden NAME FILE: compares FILE with tests/e2e/golden/NAME; with
# UPDATE_GOLDEN=1 rewrites the golden file instead.
golden() {
  local want="$SOURCE_DIR/tests/e2e/golden/$1"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$2" "$want"; echo "updated $want"; return 0; fi
  diff -u "$want" "$2" || fail "$2 differs from golden $1 (UPDATE_GOLDEN=1 to accept)"
}

# start_server DIR: serves DIR on 127.0.0.1; sets BASE_URL. stop_server
# stops it and leaves its request counts in $WORK/server-stats (see
# tests/support/fault_server_main.cpp).
start_server() {
  : "${FAULT_SERVER:?set by ctest}"
  "$FAULT_SERVER" "$1" "$WORK/port" "$WORK/server-stats" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
  [ -s "$WORK/port" ] || fail "fault_server did not start"
  BASE_URL="http://127.0.0.1:$(cat "$WORK/port")"
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
  for _ in $(seq 1 100); do [ -s "$WORK/server-stats" ] && return 0; sleep 0.05; done
  fail "fault_server left no stats"
}

# top_level_boxes FILE: the MP4's top-level box types, in order, one per line.
top_level_boxes() {
  ffprobe -v trace -i "$1" 2>&1 | sed -n "s/.*type:'\([a-z0-9 ]*\)' parent:'root'.*/\1/p"
}

# no_leftovers DIR: nothing temporary may remain in an output folder.
no_leftovers() {
  local left
  left=$(find "$1" -name '*.tmp-*' -o -name '.packager-work-*' 2>/dev/null || true)
  [ -z "$left" ] || fail "temporary files left behind: $left"
}
