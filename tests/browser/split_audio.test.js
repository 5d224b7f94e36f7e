// PeerTube as it really serves video: a lesson whose video the instance
// stores split (a video-only file and an audio-only file, resolution 0) is
// built through a loopback stand-in of the PeerTube API and plays in
// Chromium WITH sound; a direct link to a video-only file plays silent (the
// check can fail); a phone video with a 90-degree display matrix plays
// upright (videoWidth < videoHeight).
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const { execFileSync, spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { launch } = require("./lib/chromium");
const { startServer, openSco } = require("./lib/harness");
const { serve } = require("./lib/server");
const pk = require("./lib/packages");

const k_uuid = "3f6a1c2e-8d4b-4e7f-9a1b-2c3d4e5f6a7b";

// Commands of the fixtures: a 4 s H.264 video-only fragmented MP4 (PeerTube's
// video file), the 4 s AAC audio-only fragmented MP4 (its resolution-0
// file), and a plain H.264+AAC MP4 whose stream copy gets rotate=90.
function ffmpeg(args) { execFileSync("ffmpeg", ["-v", "error", "-y", ...args]); }
const k_frag = ["-movflags", "+frag_keyframe+empty_moov+default_base_moof"];
function makeFixtures(dir) {
  const video = path.join(dir, `${k_uuid}-240-fragmented.mp4`);
  const audio = path.join(dir, `${k_uuid}-0-fragmented.mp4`);
  ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=4", "-c:v", "libx264", "-preset", "ultrafast",
    "-pix_fmt", "yuv420p", "-g", "25", ...k_frag, video]);
  ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4", "-c:a", "aac", "-b:a", "64k",
    ...k_frag, audio]);
  const plain = pk.makeVideo(path.join(dir, "plain.mp4"), 3, { size: "320x180", rate: 10 });
  const rotated = path.join(dir, "rotated.mp4");
  ffmpeg(["-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated]);
  return { video, audio, rotated };
}

function lessonText(title, fields) {
  return ["---", "area: \"Domaine 1\"", `title: "${title}"`, `description: "${title}."`, ...fields, "---", "",
    "## Transcription", "", `Transcription de ${title}.`, ""].join("\n");
}

let browser, server, instance, built, stderr;
before(async () => {
  const work = pk.workDir("split");
  const files = path.join(work, "files");
  const api = path.join(work, "api");
  fs.mkdirSync(files);
  fs.mkdirSync(api);
  const fx = makeFixtures(files);
  // The stand-in instance: /api/v1/videos/UUID and the files.
  instance = await serve({ "/api/v1/videos/": api, "/download/": files });
  const file = (height, hasAudio, hasVideo, name) => ({
    resolution: { id: height, label: height ? `${height}p` : "Audio only" }, hasAudio, hasVideo,
    size: fs.statSync(path.join(files, name)).size, fps: height ? 25 : 0,
    fileUrl: `${instance.url}/download/${name}`, fileDownloadUrl: `${instance.url}/download/${name}`,
  });
  fs.writeFileSync(path.join(api, k_uuid), JSON.stringify({
    uuid: k_uuid, name: "Leçon scindée", duration: 4, files: [],
    streamingPlaylists: [{ id: 1, type: 1, files: [
      file(0, true, false, path.basename(fx.audio)), file(240, false, true, path.basename(fx.video))] }],
  }));

  const src = path.join(work, "lessons");
  const media = path.join(work, "media");
  fs.mkdirSync(src);
  fs.mkdirSync(media);
  fs.copyFileSync(fx.rotated, path.join(media, "telephone.mp4"));
  fs.writeFileSync(path.join(src, "scindee.md"),
    lessonText("Leçon scindée", [`videoEmbedSrc: "${instance.url}/videos/embed/${k_uuid}"`]));
  fs.writeFileSync(path.join(src, "muette.md"),
    lessonText("Leçon muette", [`videoDownloadHref: "${instance.url}/download/${path.basename(fx.video)}"`]));
  fs.writeFileSync(path.join(src, "telephone.md"),
    lessonText("Vidéo de téléphone", ["videoDownloadHref: \"http://127.0.0.1:9/videos/telephone.mp4\""]));
  const course = pk.writeCourse(work, { id: "split", lessons: ["lessons/scindee.md", "lessons/muette.md",
    "lessons/telephone.md"], extraKeys: { packaging: "per-lesson" } });

  // Asynchronously: the stand-in instance answers from this process.
  const out = path.join(work, "dist");
  const result = await new Promise((resolve) => {
    const child = spawn(pk.env("PACKAGER"), ["build", course, "-o", out, "--media-dir", media,
      "--templates", path.join(pk.env("SOURCE_DIR"), "templates")], {
      env: Object.assign({}, process.env, { XDG_CACHE_HOME: path.join(work, "cache") }),
    });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
  assert.strictEqual(result.status, 0, `packager build failed (${result.status}):\n${result.stderr}`);
  stderr = result.stderr;
  built = {};
  for (const zip of result.stdout.trim().split("\n")) {
    const dir = path.join(work, "x-" + path.basename(zip, ".zip"));
    fs.mkdirSync(dir);
    execFileSync("unzip", ["-q", zip, "-d", dir]);
    const manifest = fs.readFileSync(path.join(dir, "imsmanifest.xml"), "utf8");
    for (const slug of ["scindee", "muette", "telephone"])
      if (manifest.includes(`lessons/${slug}/`)) built[slug] = { dir, launch: pk.scoHrefs(manifest)[0] };
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await instance?.close();
});

// Plays the lesson's video for a second, unmuted, and reports what the
// media element decoded: audio bytes (Chromium's webkitAudioDecodedByteCount)
// and the loudness Web Audio hears from it.
async function play(slug) {
  server = await startServer(built[slug].dir);
  const { page, frame, errors } = await openSco(browser.context, server, { launch: built[slug].launch });
  const state = await frame.evaluate(async () => {
    const v = document.getElementById("lesson-video");
    if (v.readyState < 3) await new Promise((resolve) => v.addEventListener("canplay", resolve, { once: true }));
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    ctx.createMediaElementSource(v).connect(analyser);
    analyser.connect(ctx.destination);
    await ctx.resume();
    v.muted = false;
    v.volume = 1;
    await v.play();
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const deadline = Date.now() + 10000;
    while (v.currentTime < 1.5 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      analyser.getFloatTimeDomainData(samples);
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
    }
    v.pause();
    return { audioBytes: v.webkitAudioDecodedByteCount, videoBytes: v.webkitVideoDecodedByteCount, peak,
      context: ctx.state, width: v.videoWidth, height: v.videoHeight, time: v.currentTime,
      error: v.error && v.error.code };
  });
  await page.screenshot({ path: pk.artifactPath(`split-${slug}.png`) });
  await page.close();
  await server.close();
  server = null;
  return { state, errors };
}

test("a lesson made of PeerTube's split files plays with sound", async () => {
  const { state, errors } = await play("scindee");
  assert.strictEqual(state.error, null, "the media element reports an error");
  assert.ok(state.videoBytes > 0 && state.width === 320, `no video decoded: ${JSON.stringify(state)}`);
  assert.ok(state.audioBytes > 0, `no audio decoded: ${JSON.stringify(state)}`);
  assert.ok(state.peak > 0.05, `Web Audio hears silence (peak ${state.peak}, context ${state.context})`);
  assert.deepStrictEqual(errors, []);
});

test("a direct link to a video-only file plays silent, and the build said so", async () => {
  const { state, errors } = await play("muette");
  assert.strictEqual(state.error, null);
  assert.ok(state.videoBytes > 0, "no video decoded");
  assert.strictEqual(state.audioBytes, 0, "a video-only file cannot have decoded audio");
  assert.strictEqual(state.peak, 0);
  assert.match(stderr, /muette\.md: .*-240-fragmented\.mp4: the video has no sound \(no audio track\); it is packaged silent/);
  assert.deepStrictEqual(errors, []);
});

test("a phone video with a display matrix plays upright", async () => {
  const { state, errors } = await play("telephone");
  assert.strictEqual(state.error, null);
  assert.ok(state.width > 0, "no video decoded");
  // Coded 320x180, turned 90 degrees: the browser shows 180x320.
  assert.ok(state.width < state.height, `played sideways: ${state.width}x${state.height}`);
  assert.deepStrictEqual([state.width, state.height], [180, 320]);
  assert.ok(state.audioBytes > 0, "the phone video's sound did not decode");
  assert.deepStrictEqual(errors, []);
});
