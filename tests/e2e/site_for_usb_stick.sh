#!/usr/bin/env bash
# `--format both` writes an offline site at the output folder's root, with
# the SCORM zip in scorm/: the course index (the same page as in the
# packages) lists the lesson by area with its duration and transcript link
# and offers the zip, every link resolves on disk, nothing needs a server (no
# fetch/XHR, no ES modules), names fit FAT32/exFAT, SHA256SUMS covers every
# file and `verify` passes. --target-size refuses a site too big for the
# stick, leaving nothing behind. (The site in headless Chromium from file://:
# tests/browser/site.test.js.)
source "$E2E_LIB"

run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/stick" --offline --format both
expect_status 0
site="$WORK/stick"
[ "$STDOUT" = "$site/scorm/sample-1.0.0-scorm12.zip
$site/index.html" ] || fail "stdout should list the zip and the index, got: $STDOUT"
no_leftovers "$site"
[ "$(cd "$site" && find . -type f | sed 's#^\./##' | sort | tr '\n' ' ')" = \
  "SHA256SUMS build-report.json index.html lessons/sample-lesson/index.html lessons/sample-lesson/poster.jpg lessons/sample-lesson/transcript.html lessons/sample-lesson/video.mp4 scorm/sample-1.0.0-scorm12.zip shared/scorm.js shared/style.css " ] ||
  fail "unexpected site files: $(cd "$site" && find . -type f | sort)"

index="$site/index.html"
grep -q '<h2 id="area-1">Domaine 1 : Utiliser le numérique pour agir et se former dans son environnement professionnel</h2>' "$index" ||
  fail "the index does not group lessons by area"
grep -q '<img class="thumbnail" src="lessons/sample-lesson/poster.jpg"' "$index" || fail "the index lacks the poster"
grep -q '<h3><a href="lessons/sample-lesson/index.html">Préparer une séance avec une vidéo hors ligne</a></h3>' "$index" ||
  fail "the index does not link the lesson"
grep -q '<time datetime="PT5S">5 s</time>' "$index" || fail "the index lacks the lesson duration"
grep -q 'href="lessons/sample-lesson/transcript.html">Transcription<' "$index" || fail "the index lacks the transcript link"
grep -q '<p class="offline-note">' "$index" || fail "the index does not say it works offline"
grep -q '<a href="scorm/sample-1.0.0-scorm12.zip" download>sample-1.0.0-scorm12.zip</a> ([0-9.]* kB)' "$index" ||
  fail "the index does not offer the SCORM zip with its size"
grep -q 'Version 1.0.0' "$index" || fail "the index does not show the course version"
# Inside the zip, the same page without the zips.
unzip -p "$site/scorm/sample-1.0.0-scorm12.zip" index.html >"$WORK/package-index.html"
grep -q 'href="lessons/sample-lesson/transcript.html"' "$WORK/package-index.html" ||
  fail "the package index lacks the transcript link"
grep -q 'packages-heading' "$WORK/package-index.html" && fail "the package index offers zips"

# Every local link and source of every page exists on disk.
for page in "$index" "$site/lessons/sample-lesson/index.html" "$site/lessons/sample-lesson/transcript.html"; do
  dir=$(dirname "$page")
  grep -oE '(href|src|poster)="[^"#]*' "$page" | sed 's/^[a-z]*="//' | while read -r ref; do
    case "$ref" in https://*|http://*|"") continue ;; esac
    [ -e "$dir/$ref" ] || fail "$page links to $ref, which is not on the stick"
  done
done
# file:// forbids fetch/XHR of local files and ES modules.
! grep -rEl 'fetch\(|XMLHttpRequest|type="module"|^import ' "$site" --include='*.html' --include='*.js' ||
  fail "a page needs a server (fetch, XHR or ES modules)"
# FAT32/exFAT: no reserved characters, short paths, no file of 4 GiB.
(cd "$site" && find . -type f | sed 's#^\./##') | while read -r f; do
  case "$f" in *[\"*:\<\>?\\\|]*) fail "'$f' is not a FAT32 name" ;; esac
  [ ${#f} -le 200 ] || fail "'$f' is too long for a stick"
done
[ -z "$(find "$site" -type f -size +4194303k)" ] || fail "a file is 4 GiB or more"

(cd "$site" && sha256sum -c --quiet SHA256SUMS) || fail "SHA256SUMS does not check"
run_packager verify "$site"
expect_status 0
expect_stderr "8 file(s) checked against build-report.json and SHA256SUMS: all intact"
# The zip in scorm/ verifies against the records at the site's root.
run_packager verify "$site/scorm/sample-1.0.0-scorm12.zip"
expect_status 0
expect_stderr "1 file(s) checked against build-report.json and SHA256SUMS: all intact"
[ "$(jq -r .settings.format "$site/build-report.json")" = zip,site ] || fail "the report does not record the format"

# A site too big for the stick: an output error, and nothing written.
run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/small" --offline --format site --target-size 100kB
expect_status 6
expect_stderr "fetched https://tube.example.org/download/streaming-playlists/hls/videos/sample-lesson-1080-fragmented.mp4 (local copy)
packager: error: the site needs 458752 bytes (458.8 kB) but --target-size is 100000 bytes (100.0 kB)"
[ -z "$(ls -A "$WORK/small")" ] || fail "a refused site left files: $(ls -A "$WORK/small")"

# --format site alone: no zip at all.
run_packager build "$SOURCE_DIR/manifests/sample.yaml" -o "$WORK/siteonly" --offline --format site --target-size 1GB
expect_status 0
[ "$STDOUT" = "$WORK/siteonly/index.html" ] || fail "stdout should be the index, got: $STDOUT"
[ ! -e "$WORK/siteonly/scorm" ] || fail "--format site should write no zip"
grep -q 'packages-heading' "$WORK/siteonly/index.html" && fail "the index offers zips that are not there"
echo "ok"
