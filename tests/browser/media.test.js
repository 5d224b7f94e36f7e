// Scenario 1's media half: the captions track of a lesson with a WebVTT file
// (captionFilePath, resolved against the course's public_dir) loads with
// its cues, and the poster image shows.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { launch } = require("./lib/chromium");
const { startServer, openSco } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

const k_vtt = `WEBVTT

00:00:00.000 --> 00:00:02.000
Bonjour, voici la leçon.

00:00:02.000 --> 00:00:04.500
Les sous-titres s'affichent sous la vidéo.
`;

let browser, server, built;
before(async () => {
  const pub = pk.workDir("media-public");
  fs.mkdirSync(path.join(pub, "captions"));
  fs.writeFileSync(path.join(pub, "captions", "lecon.vtt"), k_vtt);
  built = buildCourse("media", {
    courseFields: { extraKeys: { public_dir: pub } },
    lessons: [{ slug: "lecon", video: pk.sampleVideo(), fields: { frontMatter: { captionFilePath: "/captions/lecon.vtt" } } }],
  });
  browser = await launch();
  server = await startServer(built.pkg.dir);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the captions track loads with its cues", async () => {
  const { page, frame, errors } = await openSco(browser.context, server, { launch: built.launches[0] });
  assert.ok(await frame.$("#lesson-video track[kind='captions']"), "the page has no captions track");
  const cues = await frame.evaluate(async () => {
    const t = document.querySelector("#lesson-video track");
    t.track.mode = "showing";
    if (t.readyState !== 2) {
      await new Promise((resolve, reject) => {
        t.addEventListener("load", resolve, { once: true });
        t.addEventListener("error", () => reject(new Error("captions track failed to load")), { once: true });
      });
    }
    return Array.from(t.track.cues).map((c) => c.text);
  });
  assert.deepStrictEqual(cues, ["Bonjour, voici la leçon.", "Les sous-titres s'affichent sous la vidéo."]);
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("the poster shows before playback", async () => {
  const { page, frame, errors } = await openSco(browser.context, server, { launch: built.launches[0] });
  const poster = await frame.$eval("#lesson-video", (v) => v.getAttribute("poster"));
  assert.ok(poster, "the video has no poster");
  const size = await frame.evaluate((src) => new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve([img.naturalWidth, img.naturalHeight]);
    img.onerror = () => resolve([0, 0]);
    img.src = src;
  }), poster);
  assert.ok(size[0] > 0 && size[1] > 0, `the poster ${poster} does not load`);
  await page.screenshot({ path: pk.artifactPath("lesson-page-poster.png") });
  assert.deepStrictEqual(errors, []);
  await page.close();
});
