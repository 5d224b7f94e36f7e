#!/usr/bin/env bash
# tests/moodle/restore_mbz.sh X.mbz [--play [N]]
#   Restores X.mbz into the shared Moodle 4.5 (../shared/moodle, set up once by its setup.sh) with Moodle's own
#   admin/cli/restore_backup.php --categoryid=1, then checks with course_check.php that the new course holds the
#   sections and SCORM activities the backup lists: each section named as in the backup with as many activities,
#   each activity with a launchable SCO, automatic completion (2) on "passed or completed" (6), shown in the current
#   window, no attempt limit; completion enabled on the course.
#   --play [N]: then enrols student1 and has a headless Chromium student watch activity N (default 1) to the end
#   (the shared rig's play.mjs) and reads back what Moodle stored: passes when the SCORM status is completed/passed
#   and Moodle's activity completion says done.
#   Prints the course_check JSON, the play result JSON, and a verdict line. Exit 0 only if every check passed.
#   Not part of ctest: it needs the shared Moodle. MOODLE_TOOLS overrides where the rig is.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
TOOLS=${MOODLE_TOOLS:-$here/../../../shared/moodle}
mbz=${1:?usage: restore_mbz.sh X.mbz [--play [N]]}; shift
play=0; nth=1
while (($#)); do
  case $1 in
    --play) play=1; if [[ ${2:-} =~ ^[0-9]+$ ]]; then nth=$2; shift; fi ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac; shift
done
[[ -f $mbz ]] || { echo "no such file: $mbz" >&2; exit 2; }
mbz=$(realpath "$mbz")
. "$TOOLS/common.sh"
ensure_services
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# What the backup says it holds (read with Python's tarfile, not with packager).
python3 - "$mbz" > "$work/expected.json" <<'PY'
import json, sys, tarfile, xml.etree.ElementTree as ET
with tarfile.open(sys.argv[1], "r:gz") as t:
    info = ET.fromstring(t.extractfile("moodle_backup.xml").read()).find("information/contents")
sections = [{"id": s.findtext("sectionid"), "title": s.findtext("title")} for s in info.find("sections")]
acts = [{"section": a.findtext("sectionid"), "title": a.findtext("title")} for a in info.find("activities")]
for s in sections:
    s["activities"] = sum(1 for a in acts if a["section"] == s["id"])
print(json.dumps({"sections": sections, "activities": len(acts)}, ensure_ascii=False))
PY

restore_log=$work/restore.log
if ! php "$MOODLE_SRC/admin/cli/restore_backup.php" --file="$mbz" --categoryid=1 > "$restore_log" 2>&1; then
  echo "FAIL: restore_backup.php failed:"; tail -20 "$restore_log"; exit 1
fi
courseid=$(sed -n 's/.*Restored course ID: \([0-9]*\).*/\1/p' "$restore_log" | tail -1)
[[ -n $courseid ]] || { echo "FAIL: no 'Restored course ID' in the restore output:"; tail -20 "$restore_log"; exit 1; }
php "$TOOLS/course_check.php" "$MOODLE_SRC" "$courseid" > "$work/course.json"
cat "$work/course.json"

python3 - "$work/expected.json" "$work/course.json" "$work/cmids" <<'PY'
import json, sys
exp, got = (json.load(open(p)) for p in sys.argv[1:3])
bad = []
if got["enablecompletion"] != 1: bad.append("course completion is not enabled")
secs = sorted(got["sections"], key=lambda s: s["section"])
if len(secs) != len(exp["sections"]):
    bad.append(f"{len(secs)} sections, the backup lists {len(exp['sections'])}")
for want, have in zip(exp["sections"][1:], secs[1:]):
    if have["name"] != want["title"]: bad.append(f"section {have['section']} is named {have['name']!r}, expected {want['title']!r}")
    if have["modules"] != want["activities"]: bad.append(f"section {have['section']} holds {have['modules']} activities, expected {want['activities']}")
acts = got["activities"]
if len(acts) != exp["activities"]: bad.append(f"{len(acts)} SCORM activities, the backup lists {exp['activities']}")
for a in acts:
    for key, want in (("completion", 2), ("completionstatusrequired", 6), ("popup", 0), ("maxattempt", 0)):
        if a[key] != want: bad.append(f"activity {a['cmid']} {a['name']!r}: {key} is {a[key]}, expected {want}")
    if a["scos"] < 1: bad.append(f"activity {a['cmid']} {a['name']!r}: no launchable SCO")
    if not a["name"]: bad.append(f"activity {a['cmid']}: no name")
if bad:
    print("FAIL: " + "; ".join(bad[:20]), file=sys.stderr); sys.exit(1)
open(sys.argv[3], "w").write("\n".join(str(a["cmid"]) for a in sorted(acts, key=lambda a: a["cmid"])) + "\n")
print(f"restore: course {got['courseid']}: {len(secs) - 1} named sections, {len(acts)} SCORM activities, "
      f"each with a launchable SCO and completion 2")
PY
((play)) || { echo "PASS: restored course $courseid"; exit 0; }

cmid=$(sed -n "${nth}p" "$work/cmids")
[[ -n $cmid ]] || { echo "FAIL: there is no activity number $nth"; exit 1; }
scormid=$(php "$here/student.php" "$MOODLE_SRC" "$courseid" "$cmid" | python3 -c 'import json,sys; print(json.load(sys.stdin)["scormid"])')
label="mbz-course$courseid-cm$cmid-$(date +%m%d-%H%M%S)"
node "$TOOLS/play.mjs" --url "$MOODLE_URL" --cmid "$cmid" --mode full --label "$label" \
  --shots "$MOODLE_ROOT/shots" > "$work/browser.json" 2> "$work/browser.err" || true
sleep 1
php "$TOOLS/readtracks.php" "$MOODLE_SRC" "$scormid" student1 > "$work/db.json"
python3 - "$work/browser.json" "$work/db.json" "$cmid" <<'PY'
import json, sys
try: br = json.load(open(sys.argv[1]))
except Exception as e: br = {"error": f"browser: {e}"}
db = json.load(open(sys.argv[2]))
attempts = db.get("attempts") or {}
last = attempts[max(attempts, key=int)] if attempts else {}
status = None
for sco, vals in last.items():
    status = vals.get("cmi.core.lesson_status") or vals.get("cmi.completion_status") or status
ok = not br.get("error") and status in ("completed", "passed") and db.get("completionstate") in (1, 2)
print(json.dumps({"cmid": int(sys.argv[3]), "scormid": db["scormid"], "version": db["version"], "pass": ok,
                  "stored_status": status, "activity_completionstate": db.get("completionstate"), "grade": db.get("grade"),
                  "video": br.get("video"), "browser_error": br.get("error"),
                  "attempts": attempts}, ensure_ascii=False))
sys.exit(0 if ok else 1)
PY
echo "PASS: restored course $courseid, student1 completed activity $cmid"
