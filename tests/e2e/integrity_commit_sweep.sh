#!/usr/bin/env bash
# A bundle is committed whole. A rebuild (the course title changed, so every
# output changes) is interrupted at 20 points, by SIGINT, SIGTERM or SIGKILL
# delivered exactly when the build makes its Nth rename(2), unlink(2) or
# write(2) (strace's fault injection): inside the zip, the site, the report
# and checksums, and the commit itself. After each, `packager verify` passes
# and the folder holds either the whole earlier bundle or the whole new one,
# never a mix; the next build then gives the new bundle, byte for byte.
source "$E2E_LIB"
command -v strace >/dev/null || fail "strace is needed (scripts/install-deps.sh installs it)"

mkdir -p "$WORK/lessons"
for n in 1 2; do
  sed -e "s/^title: .*/title: Leçon $n/" "$SOURCE_DIR/samples/sample-lesson.md" >"$WORK/lessons/lesson$n.md"
done
course() {
  printf 'id: sweep\ntitle: %s\nversion: 1.0.0\nmedia_dir: %s\nlessons:\n  - lessons/*.md\n' \
    "$1" "$SOURCE_DIR/samples/media" >"$WORK/course.yaml"
}
build() { "$PACKAGER" -q build "$WORK/course.yaml" --format both "$@"; }

# The two bundles, as built in one go.
course "Ancien titre"
build -o "$WORK/old" >/dev/null 2>&1 || fail "the old bundle does not build"
course "Nouveau titre"
build -o "$WORK/new" >/dev/null 2>&1 || fail "the new bundle does not build"
cmp -s "$WORK/old/SHA256SUMS" "$WORK/new/SHA256SUMS" && fail "the two bundles do not differ"

# Which bundle a folder holds: its file list and every file's bytes.
# (The work folder of a killed build, or the journal it was writing, is not
# part of either: the next build removes them.)
fingerprint() {
  (cd "$1" && find . \( -path './.packager-work-*' -o -path './.packager-commit.json.tmp-*' \) -prune -o \
    -type f ! -name build-report.json -print0 | sort -z |
    xargs -0 sha256sum)
}
old_fp=$(fingerprint "$WORK/old")
new_fp=$(fingerprint "$WORK/new")

# A rebuild of this bundle makes 20 renames: 14 while staging (posters,
# zip, site, report) and 6 for the commit (the journal, then the changed
# outputs, the checksums and the report); 21 unlinks and about 200 writes.
points=(
  "KILL rename 1" "KILL rename 3" "KILL rename 6" "KILL rename 9" "KILL rename 11" "KILL rename 13"
  "KILL rename 14" "KILL rename 15" "KILL rename 16" "KILL rename 17" "KILL rename 18" "KILL rename 19"
  "KILL rename 20" "INT rename 12" "INT rename 16" "TERM rename 19"
  "KILL unlink 5" "TERM unlink 10" "INT write 60" "KILL write 150"
)
olds=0
news=0
for point in "${points[@]}"; do
  read -r sig call nth <<<"$point"
  case "$call" in
    rename) calls=rename,renameat,renameat2 ;;
    unlink) calls=unlink,unlinkat ;;
    *) calls=$call ;;
  esac
  rm -rf "$WORK/dist"
  cp -a "$WORK/old" "$WORK/dist"
  set +e
  strace -f -qq -o /dev/null -e trace="$calls" -e signal=none -e inject="$calls:signal=$sig:when=$nth" \
    "$PACKAGER" -q build "$WORK/course.yaml" --format both -o "$WORK/dist" >/dev/null 2>"$WORK/err"
  status=$?
  set -e
  # (bash reports a killed child itself: that line is expected.)
  run_packager verify "$WORK/dist"
  [ "$STATUS" = 0 ] || fail "after $point (exit $status): verify failed: $STDOUT $STDERR"
  fp=$(fingerprint "$WORK/dist")
  if [ "$fp" = "$old_fp" ]; then state=old; olds=$((olds + 1))
  elif [ "$fp" = "$new_fp" ]; then state=new; news=$((news + 1))
  else fail "after $point (exit $status) the folder is a mix of the two bundles: $(diff <(echo "$old_fp") <(echo "$fp"))"
  fi
  echo "commit_sweep: $point: exit $status, $state bundle"
  [ -z "$(find "$WORK/dist" -name '*.tmp-*')" ] || [ "$sig" = KILL ] || fail "after $point temporary files are left"
  # The next build completes the new bundle, byte for byte, and leaves
  # nothing of the interrupted one.
  build -o "$WORK/dist" >/dev/null 2>"$WORK/err" || fail "the build after $point failed: $(cat "$WORK/err")"
  [ "$(fingerprint "$WORK/dist")" = "$new_fp" ] || fail "the build after $point did not give the new bundle"
  no_leftovers "$WORK/dist"
done
# Both outcomes were reached, so the points really straddle the commit.
[ "$olds" -ge 5 ] && [ "$news" -ge 5 ] || fail "expected at least 5 of each outcome, got $olds old and $news new"
