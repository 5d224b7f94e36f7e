#!/usr/bin/env bash
# SIGINT / SIGTERM at 20 random moments of a build (download, remux, zip):
# every killed run exits 130 / 143 with one message, leaves no temporary file
# and no partial package, keeps the earlier package byte for byte, and keeps
# the download cache consistent; the next run then completes and gives a
# byte-identical package. Kill times come from a seeded PRNG: rerun a failure
# with KILL_SEED=<seed printed below>.
source "$E2E_LIB"
: "${SLOW_SERVER:?set by ctest}"

SEED=${KILL_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$SEED
echo "interrupt_random_kills: KILL_SEED=$SEED"
fail() { echo "FAIL (KILL_SEED=$SEED): $*" >&2; exit 1; }

# Three lessons, each with its own video URL, served at ~2 MB/s: the
# downloads take a few hundred milliseconds, long enough to be hit.
mkdir -p "$WORK/served" "$WORK/lessons" "$WORK/dist" "$WORK/tmp"
"$SLOW_SERVER" "$WORK/served" "$WORK/port" 2000000 &
SERVER_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
[ -s "$WORK/port" ] || fail "slow_server did not start"
base="http://127.0.0.1:$(cat "$WORK/port")"
for n in 1 2 3; do
  cp "$SOURCE_DIR/samples/media/sample-lesson-1080-fragmented.mp4" "$WORK/served/lesson$n-1080-fragmented.mp4"
  cat >"$WORK/lessons/lesson$n.md" <<LESSON
---
title: Leçon $n
videoDownloadHref: $base/lesson$n-1080-fragmented.mp4
---

## Transcription

Texte de la leçon $n.
LESSON
done
cat >"$WORK/course.yaml" <<'YAML'
id: kills
title: Interruptions
version: 1.0.0
lessons:
  - lessons/*.md
YAML
export TMPDIR="$WORK/tmp"
cache="$WORK/cache/packager"
zip="$WORK/dist/kills-1.0.0-scorm12.zip"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The cache holds only complete entries: every record's data file has the
# recorded size and SHA-256, and nothing temporary is left.
check_cache() {
  [ -d "$cache/media" ] || return 0
  local left record data size sha
  left=$(find "$cache" -name '*.tmp-*')
  [ -z "$left" ] || fail "temporary files left in the cache: $left"
  for record in "$cache"/media/*.json; do
    [ -e "$record" ] || continue
    data=${record%.json}.data
    size=$(sed -n 's/.*"size": *\([0-9]*\).*/\1/p' "$record")
    sha=$(sed -n 's/.*"sha256": *"\([0-9a-f]*\)".*/\1/p' "$record")
    [ -f "$data" ] || fail "cache record $record has no data file"
    [ "$(stat -c %s "$data")" = "$size" ] || fail "cache data $data is not $size bytes"
    [ "$(sha256sum "$data" | cut -d' ' -f1)" = "$sha" ] || fail "cache data $data does not match its SHA-256"
  done
}

full_run() {
  run_packager build "$WORK/course.yaml" -o "$WORK/dist"
  expect_status 0
  [ "$STDOUT" = "$zip" ] || fail "stdout should be the zip path, got: $STDOUT"
}

# start_build: starts a verbose build in the background (PID) and returns
# once its first progress line is out, i.e. once its signal handlers are
# installed: before that a signal only proves what the shell does with it.
start_build() {
  : >"$WORK/stderr"
  "$PACKAGER" -v build "$WORK/course.yaml" -o "$WORK/dist" >"$WORK/stdout" 2>"$WORK/stderr" &
  PID=$!
  for _ in $(seq 1 1000); do [ -s "$WORK/stderr" ] && return 0; kill -0 "$PID" 2>/dev/null || return 0; sleep 0.01; done
}

# timed_run: a full run; sets SPAN to the milliseconds from its first
# progress line to its end, the window the kills are drawn from.
timed_run() {
  local t0
  start_build; t0=$(now_ms)
  set +e; wait "$PID"; STATUS=$?; set -e
  SPAN=$(( $(now_ms) - t0 ))
  [ "$STATUS" -eq 0 ] || { cat "$WORK/stderr" >&2; fail "a reference run failed"; }
}

# Reference runs, cold (downloads) and warm (cache hits); the shortest
# window of two is used so that kills land inside runs on a busy machine.
rm -rf "$cache"; timed_run; cold_ms=$SPAN
rm -rf "$cache"; timed_run; (( SPAN < cold_ms )) && cold_ms=$SPAN
timed_run; warm_ms=$SPAN
timed_run; (( SPAN < warm_ms )) && warm_ms=$SPAN
# A warm run takes a few milliseconds: too short to hit with a timer on a
# busy machine, so warm kills follow a random progress line instead.
warm_lines=$(wc -l <"$WORK/stderr")
(( warm_lines >= 2 )) || fail "a warm run printed too few progress lines"
reference=$(sha256sum "$zip" | cut -d' ' -f1)
echo "reference windows: cold ${cold_ms} ms, warm ${warm_ms} ms over $warm_lines progress lines"

landed=0
for kill in $(seq 1 20); do
  # Odd kills start from an empty cache (they land mostly in downloads),
  # even ones from a warm cache (remux, render and zip).
  if (( kill % 2 )); then
    rm -rf "$cache"; after_line=1; delay_ms=$(( RANDOM % (cold_ms + 1) ))
  else
    after_line=$(( 1 + RANDOM % (warm_lines - 1) )); delay_ms=$(( RANDOM % 5 ))
  fi
  if (( RANDOM % 2 )); then sig=INT; want=130; else sig=TERM; want=143; fi
  # An earlier package that must survive byte for byte.
  printf 'earlier good package %s\n' "$kill" >"$zip"
  earlier=$(sha256sum "$zip" | cut -d' ' -f1)

  start_build
  while (( $(wc -l <"$WORK/stderr") < after_line )) && kill -0 "$PID" 2>/dev/null; do sleep 0.001; done
  sleep "$(( delay_ms / 1000 )).$(printf '%03d' $(( delay_ms % 1000 )))"
  kill -s "$sig" "$PID" 2>/dev/null || true
  set +e; wait "$PID"; STATUS=$?; set -e
  last=$(grep -v '^packager: error' "$WORK/stderr" | tail -n 1 || true)
  if [ "$STATUS" -eq 0 ]; then
    # The signal came after the run ended: its package is the reference.
    echo "kill $kill: SIG$sig at line $after_line +${delay_ms} ms came after the end"
    [ "$(sha256sum "$zip" | cut -d' ' -f1)" = "$reference" ] || fail "kill $kill: completed package differs"
  else
    landed=$((landed + 1))
    echo "kill $kill: SIG$sig at line $after_line +${delay_ms} ms: exit $STATUS after '${last:-start}'"
    [ "$STATUS" -eq "$want" ] || { cat "$WORK/stderr" >&2; fail "kill $kill: expected exit $want, got $STATUS"; }
    grep -qx 'packager: error: interrupted; temporary files removed, earlier packages untouched' "$WORK/stderr" ||
      { cat "$WORK/stderr" >&2; fail "kill $kill: no interruption message"; }
    [ -s "$WORK/stdout" ] && fail "kill $kill: an interrupted run printed a package path"
    [ "$(sha256sum "$zip" | cut -d' ' -f1)" = "$earlier" ] || fail "kill $kill: the earlier package was touched"
  fi
  no_leftovers "$WORK/dist"
  [ "$(ls -A "$WORK/dist" | tr '\n' ' ')" = "SHA256SUMS build-report.json kills-1.0.0-scorm12.zip " ] || fail "kill $kill: unexpected files: $(ls -A "$WORK/dist")"
  [ -z "$(ls -A "$WORK/tmp")" ] || fail "kill $kill: files left in TMPDIR: $(ls -A "$WORK/tmp")"
  check_cache

  # The next run completes and gives the same bytes.
  full_run
  [ "$(sha256sum "$zip" | cut -d' ' -f1)" = "$reference" ] || fail "kill $kill: the next run's package differs"
  check_cache
done
# Kills that all miss would prove nothing.
(( landed >= 8 )) || fail "only $landed of 20 kills landed during a run"
echo "ok ($landed of 20 kills landed)"
