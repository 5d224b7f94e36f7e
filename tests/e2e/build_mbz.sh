#!/usr/bin/env bash
# --format mbz writes a Moodle course backup: a section per area (long
# title, course order), a SCORM activity per lesson holding the very zip
# `packaging: per-lesson` writes, completion set up; every XML file parses
# and carries that structure; each package inside passes validate and the
# official XSDs; two builds (other folder, time zone, locale) are
# byte-identical; validate, verify and the up-to-date check understand it.
source "$E2E_LIB"

col="$WORK/collection"
mkdir -p "$col/content"
sample="$SOURCE_DIR/samples/sample-lesson.md"
cp "$sample" "$col/content/a-first.md"
sed -e 's/^area : Domaine 1/area: Domaine 2/' -e 's/^title:.*/title: Deuxième leçon/' \
    -e 's/^description:.*/description: Texte \& <balises> à échapper./' "$sample" >"$col/content/b-second.md"
sed -e 's/^title:.*/title: Troisième leçon/' "$sample" >"$col/content/c-third.md"
cat >"$WORK/course.yaml" <<YAML
id: demo
title: Démo Moodle
summary: Un cours & <démo> pour Moodle.
version: 1.2.0
packaging: per-lesson
collection: collection
lessons:
  - content/*.md
media_dir: $SOURCE_DIR/samples/media
YAML

# 1. The backup and the per-lesson zips in one build.
TZ=America/New_York LC_ALL=C run_packager build "$WORK/course.yaml" -o "$WORK/one" --offline --format zip,mbz
expect_status 0
[ "$STDOUT" = "$WORK/one/demo-a-first-1.2.0-scorm12.zip
$WORK/one/demo-c-third-1.2.0-scorm12.zip
$WORK/one/demo-b-second-1.2.0-scorm12.zip
$WORK/one/demo-1.2.0.mbz" ] || fail "unexpected outputs: $STDOUT"
no_leftovers "$WORK/one"
grep -q '  demo-1.2.0.mbz$' "$WORK/one/SHA256SUMS" || fail "SHA256SUMS does not list the backup"
(cd "$WORK/one" && sha256sum -c --quiet SHA256SUMS) || fail "sha256sum -c fails"
[ "$(jq -r '.outputs[].path' "$WORK/one/build-report.json" | grep -c 'mbz$')" = 1 ] || fail "the report does not list the backup"

# 2. Byte-identical from another folder, time zone and locale (mbz only).
TZ=Asia/Tokyo LC_ALL=C.UTF-8 run_packager build "$WORK/course.yaml" -o "$WORK/two" --offline --format mbz
expect_status 0
[ "$STDOUT" = "$WORK/two/demo-1.2.0.mbz" ] || fail "unexpected outputs: $STDOUT"
cmp "$WORK/one/demo-1.2.0.mbz" "$WORK/two/demo-1.2.0.mbz" || fail "two builds of the backup differ"

# 3. The structure, read with Python's own tar and XML readers.
mkdir "$WORK/x"
python3 - "$WORK/one" "$WORK/x" <<'PY' || fail "the backup's structure is wrong"
import hashlib, os, sys, tarfile, xml.etree.ElementTree as ET
dist, x = sys.argv[1:3]
with tarfile.open(os.path.join(dist, "demo-1.2.0.mbz"), "r:gz") as t:
    members = t.getmembers()
    assert all(m.isfile() and m.uid == 0 and m.gid == 0 and m.mtime == 946684800 for m in members)
    assert t.format == tarfile.USTAR_FORMAT or all(m.pax_headers == {} for m in members)
    t.extractall(x, filter="data")
docs = {}
for root, _, files in os.walk(x):
    for f in files:
        if f.endswith(".xml"):
            rel = os.path.relpath(os.path.join(root, f), x)
            docs[rel] = ET.parse(os.path.join(root, f)).getroot()   # every XML file parses
def text(el, path): return el.findtext(path)
info = docs["moodle_backup.xml"].find("information")
assert text(info, "details/detail/format") == "moodle2" and text(info, "details/detail/type") == "course"
d1 = "Utiliser le numérique pour agir et se former dans son environnement professionnel"
d2 = "Sélectionner, créer et gérer des ressources"
sections = [(text(s, "sectionid"), text(s, "title")) for s in info.find("contents/sections")]
assert [t for _, t in sections] == ["0", d1, d2], sections
acts = [(text(a, "title"), text(a, "sectionid"), text(a, "directory")) for a in info.find("contents/activities")]
first = "Préparer une séance avec une vidéo hors ligne"
assert [a[0] for a in acts] == [first, "Troisième leçon", "Deuxième leçon"], acts
assert [a[1] for a in acts] == [sections[1][0], sections[1][0], sections[2][0]], acts
course = docs["course/course.xml"]
assert text(course, "fullname") == "Démo Moodle" and text(course, "shortname") == "demo"
assert text(course, "summary") == "<p>Un cours &amp; &lt;démo&gt; pour Moodle.</p>", text(course, "summary")
assert text(course, "enablecompletion") == "1"
crit = [text(c, "moduleinstance") for c in docs["completion.xml"].findall("course_completion_criteria")]
modids = [text(a, "moduleid") for a in info.find("contents/activities")]
assert crit == modids, (crit, modids)          # the course completes when every lesson does
seqs = {}
for n, (sid, _) in enumerate(sections):
    sec = docs[f"sections/section_{sid}/section.xml"]
    assert text(sec, "number") == str(n)
    seqs[sid] = (text(sec, "sequence") or "").split(",")
files = {f.get("id"): f for f in docs["files.xml"]}
slugs = ["a-first", "c-third", "b-second"]
for (title, sid, directory), slug, modid in zip(acts, slugs, modids):
    assert modid in seqs[sid], (modid, seqs)
    module = docs[f"{directory}/module.xml"]
    assert text(module, "modulename") == "scorm" and text(module, "completion") == "2"
    assert text(module, "idnumber") == f"demo-{slug}", text(module, "idnumber")
    scorm = docs[f"{directory}/scorm.xml"].find("scorm")
    want = {"name": title, "scormtype": "local", "version": "SCORM_1.2", "completionstatusrequired": "6",
            "popup": "0", "maxattempt": "0", "grademethod": "0", "whatgrade": "0",
            "reference": f"demo-{slug}-1.2.0-scorm12.zip"}
    for k, v in want.items(): assert text(scorm, k) == v, (directory, k, text(scorm, k))
    if slug == "b-second":
        assert text(scorm, "intro") == "<p>Texte &amp; &lt;balises&gt; à échapper.</p>", text(scorm, "intro")
    launch = [s for s in scorm.find("scoes") if s.get("id") == text(scorm, "launch")]
    assert launch and text(launch[0], "scormtype") == "sco"
    assert text(launch[0], "launch") == f"lessons/{slug}/index.html"
    assert text(launch[0], "identifier") == f"ITEM-demo-{slug}--{slug}"
    ids = [text(f, "id") for f in docs[f"{directory}/inforef.xml"].find("fileref")]
    package = [files[i] for i in ids if text(files[i], "filearea") == "package"]
    assert len(package) == 1
    sha1 = text(package[0], "contenthash")
    stored = open(os.path.join(x, "files", sha1[:2], sha1), "rb").read()
    assert hashlib.sha1(stored).hexdigest() == sha1
    # The very bytes `packaging: per-lesson` wrote beside it.
    assert stored == open(os.path.join(dist, text(scorm, "reference")), "rb").read(), directory
    os.makedirs(os.path.join(x, "pkg"), exist_ok=True)
    open(os.path.join(x, "pkg", slug + ".zip"), "wb").write(stored)
    content = {text(files[i], "filepath") + text(files[i], "filename") for i in ids
               if text(files[i], "filearea") == "content"}
    assert {"/imsmanifest.xml", f"/lessons/{slug}/index.html", f"/lessons/{slug}/video.mp4"} <= content, content
print("structure ok")
PY

# 4. Each package inside passes validate and the official XSDs.
for slug in a-first c-third b-second; do
  run_packager validate "$WORK/x/pkg/$slug.zip" --schemas "$SHARED_DIR/scorm-xsd"
  expect_status 0
  mkdir "$WORK/x/pkg/$slug" && (cd "$WORK/x/pkg/$slug" && unzip -q "../$slug.zip")
  "$SHARED_DIR/scorm-xsd/validate.sh" "$WORK/x/pkg/$slug/imsmanifest.xml" 12 >/dev/null || fail "$slug: XSD"
done

# 5. validate and verify understand the backup; damage is found.
run_packager validate "$WORK/one/demo-1.2.0.mbz" --schemas "$SHARED_DIR/scorm-xsd"
expect_status 0
[ "$STDOUT" = "$WORK/one/demo-1.2.0.mbz: 0 error(s), 0 warning(s): valid" ] || fail "validate: $STDOUT"
run_packager verify "$WORK/one"
expect_status 0
run_packager diff "$WORK/one/build-report.json" "$WORK/two/build-report.json"
expect_status 0
expect_stderr "1.2.0 -> 1.2.0: 0 added, 0 removed, 0 changed"
cp -r "$WORK/one" "$WORK/damaged"
size=$(stat -c %s "$WORK/damaged/demo-1.2.0.mbz")
printf '\377' | dd of="$WORK/damaged/demo-1.2.0.mbz" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
run_packager verify "$WORK/damaged"
expect_status 1
printf '%s\n' "$STDOUT" | grep -q '^changed: demo-1.2.0.mbz: sha256 is ' || fail "verify: $STDOUT"
printf '%s\n' "$STDOUT" | grep -q '^corrupt: demo-1.2.0.mbz: damaged gzip stream' || fail "verify: $STDOUT"
run_packager validate "$WORK/damaged/demo-1.2.0.mbz"
expect_status 3

# 6. Nothing changed: nothing rewritten, the backup still listed.
before=$(stat -c %Y.%i "$WORK/two/demo-1.2.0.mbz")
run_packager build "$WORK/course.yaml" -o "$WORK/two" --offline --format mbz
expect_status 0
[ "$STDOUT" = "$WORK/two/demo-1.2.0.mbz" ] || fail "up to date: $STDOUT"
printf '%s\n' "$STDERR" | grep -q '^up to date' || fail "not up to date: $STDERR"
[ "$(stat -c %Y.%i "$WORK/two/demo-1.2.0.mbz")" = "$before" ] || fail "the backup was rewritten"
echo "ok"
