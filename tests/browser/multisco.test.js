// Scenario 8, "Multi-SCO": in a two-lesson course package each lesson is its
// own SCO (its own sco resource and launch file); completing one lesson does
// not complete the other, neither in the LMS (one runtime per SCO, as an LMS
// keeps one CMI record per SCO) nor from file:// (localStorage per lesson).
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch } = require("./lib/chromium");
const { startServer, openSco, cmi, playToEnd, leaveSco, watchErrors } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser, built, server;
before(async () => {
  built = buildCourse("multisco", {
    lessons: [
      { slug: "premiere", video: pk.sampleVideo() },
      { slug: "seconde", video: pk.sampleVideo() },
    ],
  });
  browser = await launch();
  server = await startServer(built.pkg.dir);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the course package has one SCO per lesson", () => {
  assert.strictEqual(built.launches.length, 2);
  assert.notStrictEqual(built.launches[0], built.launches[1]);
  const refs = [...built.pkg.manifest.matchAll(/<item\b[^>]*identifierref="([^"]+)"/g)].map((m) => m[1]);
  assert.strictEqual(new Set(refs).size, 2, `items should reference two distinct resources: ${refs}`);
});

test("in the LMS, completing the first lesson leaves the second incomplete", async () => {
  const first = await openSco(browser.context, server, { launch: built.launches[0] });
  await playToEnd(first.frame);
  await leaveSco(first.page);
  assert.strictEqual((await cmi(first.page)).cmi.core.lesson_status, "completed");

  const second = await openSco(browser.context, server, { launch: built.launches[1] });
  const data = (await cmi(second.page)).cmi;
  assert.strictEqual(data.core.lesson_status, "incomplete");
  assert.strictEqual(Number(data.core.lesson_location || "0"), 0, "the second lesson got a bookmark");
  assert.strictEqual(await second.frame.$eval("#lesson-video", (v) => v.currentTime), 0);
  assert.deepStrictEqual([...first.errors, ...second.errors], []);
  await first.page.close();
  await second.page.close();
});

test("from file://, each lesson keeps its own bookmark and completion", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const open = async (i) => {
    await page.goto(pathToFileURL(path.join(built.pkg.dir, built.launches[i])).href);
    await page.waitForFunction(() => document.getElementById("lesson-video").readyState >= 1);
  };
  await open(0);
  await playToEnd(page.mainFrame());
  const entries = () => page.evaluate(() => Object.keys(localStorage).map((k) => [k, JSON.parse(localStorage.getItem(k))]));
  const afterFirst = await entries();
  assert.strictEqual(afterFirst.length, 1);
  assert.strictEqual(afterFirst[0][1].completed, true);

  await open(1);
  assert.strictEqual(await page.$eval("#lesson-video", (v) => v.currentTime), 0);
  await page.evaluate(async () => {
    const v = document.getElementById("lesson-video");
    v.muted = true;
    await v.play();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const paused = new Promise((resolve) => v.addEventListener("pause", resolve, { once: true }));
    v.pause();
    await paused;  // the runtime saves to localStorage on pause
  });
  const both = new Map(await entries());
  assert.strictEqual(both.size, 2, "the two lessons share one localStorage entry");
  const second = [...both.entries()].find(([k]) => k.endsWith(built.launches[1]));
  assert.ok(second, `no entry for ${built.launches[1]}`);
  assert.strictEqual(second[1].completed, false);
  assert.deepStrictEqual(errors, []);
  await page.close();
});
