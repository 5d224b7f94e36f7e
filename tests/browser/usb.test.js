// Scenario 5, "No LMS, from a USB stick": the extracted package opened from
// file:// with no SCORM API plays, shows its transcript, keeps its bookmark
// in localStorage and resumes from it, and logs no console errors.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch } = require("./lib/chromium");
const { watchErrors } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser, built;
before(async () => {
  built = buildCourse("usb", {
    lessons: [{ slug: "cle-usb", video: pk.sampleVideo(),
                fields: { transcript: "Sur une clé USB, la leçon fonctionne sans plateforme." } }],
  });
  browser = await launch();
});
after(async () => { await browser?.close(); });

test("from file:// with no LMS: plays, shows the transcript, bookmarks in localStorage", async () => {
  const file = path.join(built.pkg.dir, built.launches[0]);
  const url = pathToFileURL(file).href;
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  assert.deepStrictEqual(await page.evaluate(() => [typeof window.API, typeof window.API_1484_11]),
                         ["undefined", "undefined"]);

  const transcript = page.locator("#transcript");
  assert.ok(await transcript.isVisible(), "the transcript is not shown");
  assert.match(await transcript.innerText(), /Sur une clé USB, la leçon fonctionne sans plateforme\./);

  const stopped = await page.evaluate(async () => {
    const v = document.getElementById("lesson-video");
    v.muted = true;
    v.playbackRate = 2;
    await v.play();
    await new Promise((resolve) => {
      const tick = () => (v.currentTime >= 2 ? resolve() : setTimeout(tick, 20));
      tick();
    });
    const paused = new Promise((resolve) => v.addEventListener("pause", resolve, { once: true }));
    v.pause();
    await paused;  // the runtime saves the bookmark on pause
    return { at: v.currentTime, width: v.videoWidth };
  });
  assert.ok(stopped.width > 0, "no video frames decoded");
  const stored = await page.evaluate(() => {
    const keys = Object.keys(localStorage);
    return keys.map((k) => [k, localStorage.getItem(k)]);
  });
  assert.strictEqual(stored.length, 1, `expected one localStorage entry, got ${JSON.stringify(stored)}`);
  const [key, value] = stored[0];
  assert.ok(key.endsWith(path.posix.join("/", built.launches[0])), `key ${key} does not name the lesson`);
  const bookmark = JSON.parse(value);
  assert.ok(Math.abs(bookmark.position - stopped.at) < 0.3, `bookmark ${bookmark.position} vs ${stopped.at}`);
  await page.screenshot({ path: pk.artifactPath("usb-lesson-page.png"), fullPage: true });

  // Opened again, it resumes at the bookmark.
  await page.reload();
  await page.waitForFunction(() => {
    const v = document.getElementById("lesson-video");
    return v.readyState >= 1 && !v.seeking && v.currentTime > 0;
  }, null, { timeout: 10000 });
  const resumed = await page.$eval("#lesson-video", (v) => v.currentTime);
  assert.ok(Math.abs(resumed - bookmark.position) < 0.3, `resumed at ${resumed}, bookmark ${bookmark.position}`);

  // The printable transcript page, when the lesson links to one (issue 6;
  // pending/pages.test.js requires it).
  const link = await page.$("a[href$='transcript.html']");
  if (link) {
    await Promise.all([page.waitForNavigation(), link.click()]);
    assert.match(await page.locator("body").innerText(), /Sur une clé USB, la leçon fonctionne sans plateforme\./);
  }
  assert.deepStrictEqual(errors, []);
  await page.close();
});
