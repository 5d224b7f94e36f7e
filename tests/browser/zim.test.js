// The ZIM (`packager build --format zim`, issue 18) as a school meets it:
// served by Debian's kiwix-serve on 127.0.0.1 (a hotspot or a Raspberry Pi)
// and read in Chromium. The main page lists the course by area with
// posters and durations; a lesson's video plays and seeks to the middle
// through byte ranges; its captions track loads; a transcript word is found
// through kiwix-serve's /search; and no request leaves 127.0.0.1. The same
// for each file of a course split by --max-file-size into one ZIM per area.
// Every test also fails on a console error, an uncaught exception, a dialog
// or a failed request (kiwix-serve's own toolbar included).
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const { spawn, spawnSync, execFileSync } = require("node:child_process");
const fs = require("node:fs");
const net = require("node:net");
const path = require("node:path");
const { launch } = require("./lib/chromium");
const { watchErrors: watchAll } = require("./lib/harness");
const pk = require("./lib/packages");

function build(course, out, extra = []) {
  const result = spawnSync(pk.env("PACKAGER"), ["build", path.join(course, "course.yaml"), "-o", out, "--offline",
    "--format", "zim", "--templates", path.join(pk.env("SOURCE_DIR"), "templates"), ...extra], {
    encoding: "utf8",
    env: Object.assign({}, process.env, { XDG_CACHE_HOME: path.join(course, "..", "cache") }),
  });
  assert.strictEqual(result.status, 0, `packager build --format zim failed (${result.status}):\n${result.stderr}`);
  return result.stdout.trim().split("\n");
}

// A port nobody listens on now (kiwix-serve takes a port number, not 0).
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Starts kiwix-serve on 127.0.0.1 for `zims`; resolves when it answers.
async function kiwixServe(zims) {
  for (let attempt = 0; attempt < 3; ++attempt) {
    const port = await freePort();
    const child = spawn("kiwix-serve", ["--address=127.0.0.1", `--port=${port}`, ...zims], { stdio: "ignore" });
    let exited = false;
    child.on("exit", () => { exited = true; });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100 && !exited; ++i) {
      try {
        const r = await fetch(`${base}/catalog/v2/entries`);
        if (r.ok) return { base, close: () => new Promise((res) => { if (exited) res(); else { child.on("exit", res); child.kill(); } }) };
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill();
  }
  throw new Error("kiwix-serve did not start");
}

let browser, server, one, parts;
const requests = [];
before(async () => {
  const work = pk.workDir("zim");
  const course = path.join(work, "course");
  execFileSync("bash", [path.join(pk.env("SOURCE_DIR"), "tests", "support", "make_zim_course.sh"), course]);
  [one] = build(course, path.join(work, "one"));
  const size = fs.statSync(one).size;
  parts = build(course, path.join(work, "parts"), ["--max-file-size", String(Math.floor(size * 3 / 4))]);
  assert.deepStrictEqual(parts.map((p) => path.basename(p)), ["demo-zim-1.0.0-domaine-1.zim", "demo-zim-1.0.0-domaine-2.zim"]);
  server = await kiwixServe([one, ...parts]);
  browser = await launch();
  browser.context.on("request", (r) => requests.push(r.url()));
});
after(async () => {
  await browser?.close();
  await server?.close();
  // Every request the pages made went to kiwix-serve on 127.0.0.1.
  const outside = requests.filter((u) => !/^(http:\/\/127\.0\.0\.1:\d+\/|data:|about:)/.test(u));
  assert.deepStrictEqual(outside, [], "requests outside 127.0.0.1");
  assert.ok(requests.length > 10, `too few requests recorded: ${requests.length}`);
});

// The harness's error watch, but for the 404 of /favicon.ico that Chromium
// asks kiwix-serve for by itself (no part of the ZIM, nor asked by a page).
function watchErrors(page) {
  const errors = watchAll(page);
  page.on("console", (msg) => {
    if (msg.type() === "error" && /\/favicon\.ico$/.test(msg.location().url || "")) {
      const i = errors.lastIndexOf(`console: ${msg.text()}`);
      if (i >= 0) errors.splice(i, 1);
    }
  });
  return errors;
}

// The book's main page, as the Kiwix library links it.
async function openMain(page, book) {
  await page.goto(`${server.base}/${book}/`);
  assert.ok(page.url().endsWith(`/${book}/index.html`), page.url());
}

test("the main page is the course index by area, with posters and durations", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await openMain(page, "demo-zim-1.0.0");
  assert.strictEqual(await page.locator("h1").first().innerText(), "Cours de démonstration");
  const areas = await page.locator(".area-group h2").allInnerTexts();
  assert.strictEqual(areas.length, 2, `areas: ${areas}`);
  assert.match(areas[0], /^Domaine 1/);
  assert.match(areas[1], /^Domaine 2/);
  assert.strictEqual(await page.locator(".lesson-card").count(), 3);
  assert.deepStrictEqual(await page.locator(".lesson-card .duration").allInnerTexts(), Array(3).fill("Durée : 6 s"));
  const posters = await page.$$eval("img.thumbnail", (imgs) => imgs.map((i) => i.complete && i.naturalWidth));
  assert.deepStrictEqual(posters, [320, 320, 320]);
  await page.screenshot({ path: pk.artifactPath("zim-index.png"), fullPage: true });
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("a lesson's video plays, seeks to the middle by byte ranges, with its captions track", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const ranges = [];
  page.on("response", (r) => {
    if (r.url().endsWith("/video.mp4")) ranges.push({ status: r.status(), range: r.headers()["content-range"] || "" });
  });
  await openMain(page, "demo-zim-1.0.0");
  await Promise.all([page.waitForNavigation(), page.locator(".lesson-card h3 a", { hasText: "Deuxième leçon" }).click()]);
  assert.ok(page.url().endsWith("/demo-zim-1.0.0/lessons/deuxieme-lecon/index.html"), page.url());
  assert.strictEqual(await page.locator("script[src*='scorm']").count(), 0, "a ZIM page loads no SCORM runtime");
  const result = await page.evaluate(async () => {
    const v = document.getElementById("lesson-video");
    const track = v.querySelector("track");
    const trackLoaded = track.readyState === 2 ? Promise.resolve()
      : new Promise((resolve, reject) => { track.onload = resolve; track.onerror = () => reject(new Error("track error")); });
    v.muted = true;
    await v.play();
    await new Promise((resolve) => { const tick = () => (v.currentTime > 0.5 ? resolve() : setTimeout(tick, 20)); tick(); });
    v.pause();
    const middle = v.duration / 2;
    await new Promise((resolve) => { v.onseeked = resolve; v.currentTime = middle; });
    await trackLoaded;
    return { duration: v.duration, at: v.currentTime, middle, ready: v.readyState, width: v.videoWidth,
             cues: Array.from(track.track.cues || []).map((c) => c.text) };
  });
  assert.ok(result.width === 320 && result.duration > 5.5, JSON.stringify(result));
  assert.ok(Math.abs(result.at - result.middle) < 0.5 && result.ready >= 2, `did not seek: ${JSON.stringify(result)}`);
  assert.deepStrictEqual(result.cues, ["Bonjour, nous parlons de ornithorynque.", "Fin de la leçon."]);
  assert.ok(ranges.some((r) => r.status === 206 && /^bytes \d+-\d+\/\d+$/.test(r.range)), `no byte range: ${JSON.stringify(ranges)}`);
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("a transcript word is found through /search and leads to its lesson", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.base}/search?content=demo-zim-1.0.0&pattern=ornithorynque`);
  const hits = page.locator(".results a");
  assert.strictEqual(await hits.count(), 1, await page.locator("body").innerText());
  assert.strictEqual((await hits.first().innerText()).trim(), "Deuxième leçon");
  await Promise.all([page.waitForNavigation(), hits.first().click()]);
  assert.ok(page.url().endsWith("/lessons/deuxieme-lecon/index.html"), page.url());
  assert.strictEqual(await page.locator("h1").first().innerText(), "Deuxième leçon");
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("split by --max-file-size: each area's ZIM opens, plays and searches on its own", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  for (const [book, lesson, word, lessons] of [["demo-zim-1.0.0-domaine-1", "premiere-lecon", "hippocampe", 2],
    ["demo-zim-1.0.0-domaine-2", "troisieme-lecon", "tamanoir", 1]]) {
    await openMain(page, book);
    assert.strictEqual(await page.locator(".lesson-card").count(), lessons, book);
    await page.goto(`${server.base}/${book}/lessons/${lesson}/index.html`);
    const played = await page.evaluate(async () => {
      const v = document.getElementById("lesson-video");
      v.muted = true;
      await v.play();
      await new Promise((resolve) => { const tick = () => (v.currentTime > 0.3 ? resolve() : setTimeout(tick, 20)); tick(); });
      await new Promise((resolve) => { v.onseeked = resolve; v.currentTime = v.duration / 2; });
      return v.currentTime;
    });
    assert.ok(played > 2.5, `${book}: did not seek (${played})`);
    await page.goto(`${server.base}/search?content=${book}&pattern=${word}`);
    assert.strictEqual(await page.locator(`.results a[href$='/lessons/${lesson}/index.html']`).count(), 1, book);
    // The other area's words are not in this file.
    await page.goto(`${server.base}/search?content=${book}&pattern=${word === "tamanoir" ? "hippocampe" : "tamanoir"}`);
    assert.strictEqual(await page.locator(".results a").count(), 0, `${book} holds the other area`);
  }
  assert.deepStrictEqual(errors, []);
  await page.close();
});
