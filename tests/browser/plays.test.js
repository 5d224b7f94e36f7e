// Scenario 1, "Plays": the packaged video reaches canplaythrough in real
// Chromium, its duration matches ffprobe's within 0.5 s, frames decode and
// time advances; captions load with cues and the poster shows when the page
// has them. Saves a screenshot of the lesson page.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { launch } = require("./lib/chromium");
const { startServer, openSco } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser, server, built;

before(async () => {
  built = buildCourse("plays", { lessons: [{ slug: "lecon-video", video: pk.sampleVideo() }] });
  browser = await launch();
  server = await startServer(built.pkg.dir);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the packaged video plays to canplaythrough with the probed duration", async () => {
  assert.strictEqual(built.launches.length, 1);
  const { page, frame, errors } = await openSco(browser.context, server, { launch: built.launches[0] });
  const launchDir = path.dirname(path.join(built.pkg.dir, built.launches[0]));
  const src = await frame.$eval("#lesson-video", (v) => v.getAttribute("src"));
  const probed = pk.probeDuration(path.join(launchDir, src));

  const state = await frame.evaluate(async () => {
    const v = document.getElementById("lesson-video");
    const ready = v.readyState >= 4 ? Promise.resolve()
      : new Promise((resolve) => v.addEventListener("canplaythrough", resolve, { once: true }));
    v.preload = "auto";
    v.load();
    await ready;
    v.muted = true;
    await v.play();
    const t0 = v.currentTime;
    // Time advances; give a busy machine up to 10 s to show it.
    const deadline = Date.now() + 10000;
    while (v.currentTime - t0 < 0.5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    v.pause();
    return { duration: v.duration, width: v.videoWidth, height: v.videoHeight,
             advanced: v.currentTime - t0, error: v.error && v.error.code };
  });
  assert.strictEqual(state.error, null, "the media element reports an error");
  assert.ok(Math.abs(state.duration - probed) < 0.5, `duration ${state.duration} vs probe ${probed}`);
  assert.ok(state.width > 0 && state.height > 0, "no video frames decoded");
  assert.ok(state.advanced >= 0.5, `playback did not advance (${state.advanced} s)`);

  // Captions and poster, when the page has them (see pending/media.test.js,
  // which requires them).
  const track = await frame.$("#lesson-video track");
  if (track) {
    const cues = await frame.evaluate(async () => {
      const t = document.querySelector("#lesson-video track");
      t.track.mode = "showing";
      if (t.readyState !== 2) {
        await new Promise((resolve, reject) => {
          t.addEventListener("load", resolve, { once: true });
          t.addEventListener("error", () => reject(new Error("captions track failed to load")), { once: true });
        });
      }
      return t.track.cues.length;
    });
    assert.ok(cues > 0, "the captions track has no cues");
  }
  const poster = await frame.$eval("#lesson-video", (v) => v.getAttribute("poster"));
  if (poster) {
    const size = await frame.evaluate((src) => new Promise((resolve) => {
      const img = new Image();
      img.onload = () => resolve(img.naturalWidth);
      img.onerror = () => resolve(0);
      img.src = src;
    }), poster);
    assert.ok(size > 0, `the poster ${poster} does not load`);
  }

  await page.screenshot({ path: pk.artifactPath("lesson-page.png"), fullPage: true });
  assert.deepStrictEqual(errors, []);
});
