// Builds the packages under test with the real `packager` binary, from
// lesson files written here, and extracts them as an LMS would.
// PACKAGER and SOURCE_DIR come from ctest (tests/browser/CMakeLists.txt).
"use strict";

const assert = require("node:assert");
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through ctest (ctest -L browser)`);
  return value;
}

// A scratch folder for one test file, removed at exit unless KEEP_WORK=1.
function workDir(tag) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `packager-browser-${tag}-`));
  if (process.env.KEEP_WORK !== "1") {
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return dir;
}

// Where screenshots go: <build>/browser-artifacts (BROWSER_ARTIFACTS).
function artifactPath(name) {
  const dir = process.env.BROWSER_ARTIFACTS || path.join(os.tmpdir(), "packager-browser-artifacts");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

// The bundled sample video (H.264 + AAC, fragmented as PeerTube serves it).
function sampleVideo() {
  return path.join(env("SOURCE_DIR"), "samples", "media", "sample-lesson-1080-fragmented.mp4");
}

// Makes an H.264 MP4 of `seconds` with ffmpeg's lavfi sources, tiny: by
// default 160x90 at 5 fps with AAC sound; long ones smaller and silent.
// Command: see the args below.
function makeVideo(file, seconds, { size = "160x90", rate = 5, audio = true } = {}) {
  const args = ["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`];
  if (audio) args.push("-f", "lavfi", "-i", `sine=frequency=440:sample_rate=22050:duration=${seconds}`);
  args.push("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", String(rate * 2));
  if (audio) args.push("-c:a", "aac", "-b:a", "32k", "-shortest");
  args.push(file);
  execFileSync("ffmpeg", args);
  return file;
}

// Duration in seconds as ffprobe reads it: what the browser must agree with.
function probeDuration(file) {
  const out = execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file]);
  return Number(String(out).trim());
}

// Writes a lesson file. `video` is the media file name the download URL ends
// with (found in the media folder, as packager's --media-dir expects).
function writeLesson(dir, slug, fields) {
  const f = Object.assign({
    area: "Domaine 1",
    title: `Leçon ${slug}`,
    description: `Description de la leçon ${slug}.`,
    transcript: `Transcription de la leçon ${slug}. La vidéo montre une mire de test.`,
    credits: "- **Scénario** : Équipe packager\n- **Licence** : [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.fr)",
    extra: "",
  }, fields);
  const yaml = (s) => JSON.stringify(String(s)); // JSON strings are YAML strings
  const lines = ["---"];
  if (f.area !== null) lines.push(`area: ${yaml(f.area)}`);
  lines.push(`title: ${yaml(f.title)}`);
  lines.push(`description: ${yaml(f.description)}`);
  lines.push(`videoEmbedSrc: ${yaml("https://tube.example.org/videos/embed/00000000-0000-4000-8000-000000000001")}`);
  lines.push(`videoDownloadHref: ${yaml(`https://tube.example.org/download/streaming-playlists/hls/videos/${f.video}`)}`);
  for (const [key, value] of Object.entries(f.frontMatter || {})) lines.push(`${key}: ${yaml(value)}`);
  lines.push("---", "", f.extra, "", "## Transcription", "", f.transcript, "", "## Crédits", "", f.credits, "");
  const file = path.join(dir, `${slug}.md`);
  fs.writeFileSync(file, lines.join("\n"));
  return file;
}

// Writes a course manifest naming the lesson files.
function writeCourse(dir, fields) {
  const f = Object.assign({ id: "browser", title: "Cours de test", version: "1.0.0", scorm: "1.2" }, fields);
  const lines = [
    `id: ${f.id}`,
    `title: ${JSON.stringify(f.title)}`,
    `version: ${f.version}`,
    "language: fr",
    `scorm: "${f.scorm}"`,
    "licence: CC BY 4.0",
  ];
  for (const [key, value] of Object.entries(f.extraKeys || {})) lines.push(`${key}: ${JSON.stringify(value)}`);
  lines.push("lessons:");
  for (const lesson of f.lessons) lines.push(`  - ${JSON.stringify(lesson)}`);
  const file = path.join(dir, `${f.id}.yaml`);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

// Runs `packager build INPUT -o OUT --offline --media-dir MEDIA --templates
// SOURCE_DIR/templates`, asserts it
// succeeds with one zip, extracts it and returns { zip, dir, manifest }.
function buildPackage(work, input, mediaDir) {
  const out = path.join(work, "dist");
  const result = spawnSync(env("PACKAGER"), ["build", input, "-o", out, "--offline", "--media-dir", mediaDir,
    // The templates of this source tree, never an installed copy.
    "--templates", path.join(env("SOURCE_DIR"), "templates")], {
    encoding: "utf8",
    env: Object.assign({}, process.env, { XDG_CACHE_HOME: path.join(work, "cache") }),
  });
  assert.strictEqual(result.status, 0, `packager build failed (${result.status}):\n${result.stderr}`);
  const zip = result.stdout.trim().split("\n").pop();
  assert.ok(fs.existsSync(zip), `packager printed no zip path: ${result.stdout}`);
  const dir = path.join(work, "extracted-" + path.basename(zip, ".zip"));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  execFileSync("unzip", ["-q", zip, "-d", dir]);
  const manifest = fs.readFileSync(path.join(dir, "imsmanifest.xml"), "utf8");
  return { zip, dir, manifest };
}

// The launch files of the manifest's sco resources, in document order.
function scoHrefs(manifest) {
  const hrefs = [];
  const re = /<resource\b[^>]*>/g;
  let m;
  while ((m = re.exec(manifest))) {
    const tag = m[0];
    if (!/scorm[tT]ype="sco"/.test(tag)) continue;
    const href = /\bhref="([^"]+)"/.exec(tag);
    if (href) hrefs.push(href[1]);
  }
  return hrefs;
}

module.exports = {
  env, workDir, artifactPath, sampleVideo, makeVideo, probeDuration,
  writeLesson, writeCourse, buildPackage, scoHrefs,
};
