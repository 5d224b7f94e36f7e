// Scenario 2, "Completes": played to the end at 16x, muted, the lesson is
// completed in the real scorm-again runtime, with commits, a session time in
// the version's format, and Finish/Terminate after pagehide. For SCORM 1.2
// (Scorm12API) and SCORM 2004 (Scorm2004API).
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { launch } = require("./lib/chromium");
const { startServer, openSco, events, cmi, playToEnd, leaveSco } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const names = (evts, name) => evts.filter((e) => e.name === name);
const setsOf = (evts, setName, element) =>
  evts.filter((e) => e.name === setName && e.element === element).map((e) => e.value);

test("SCORM 1.2: watched to the end, the lesson is completed and finished on pagehide", async () => {
  const built = buildCourse("completes12", { lessons: [{ slug: "complete", video: pk.sampleVideo() }] });
  assert.match(built.pkg.manifest, /<schemaversion>1\.2<\/schemaversion>/);
  const server = await startServer(built.pkg.dir);
  try {
    const { page, frame, errors } = await openSco(browser.context, server, { version: "1.2", launch: built.launches[0] });
    assert.deepStrictEqual(names(await events(page), "LMSInitialize").length, 1);
    assert.strictEqual((await cmi(page)).cmi.core.lesson_status, "incomplete", "not incomplete on start");
    const src = await frame.$eval("script[src$='scorm.js']", (s) => s.getAttribute("src"));

    // Hiding the page commits. Headless Chromium never hides a page by
    // itself, so the tab switch is played by the document's own event.
    const before = (await events(page)).length;
    await frame.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
      delete document.visibilityState;
    });
    const onHide = (await events(page)).slice(before);
    assert.ok(onHide.some((e) => e.name === "LMSCommit"), "no LMSCommit on visibilitychange");
    assert.ok(onHide.some((e) => e.name === "LMSSetValue" && e.element === "cmi.core.lesson_location"),
              "the bookmark was not saved on visibilitychange");

    await playToEnd(frame);
    const played = await events(page);
    const data = (await cmi(page)).cmi;
    assert.strictEqual(data.core.lesson_status, "completed");
    assert.ok(names(played, "LMSCommit").length >= 2, "LMSCommit was not called after completion");
    assert.strictEqual(names(played, "LMSFinish").length, 0, "finished before the page was left");

    await leaveSco(page);
    const all = await events(page);
    const finish = all.findIndex((e) => e.name === "LMSFinish");
    assert.ok(finish >= 0, "LMSFinish was not called on pagehide");
    assert.strictEqual(names(all, "LMSFinish").length, 1);
    const sessionTimes = setsOf(all, "LMSSetValue", "cmi.core.session_time");
    assert.ok(sessionTimes.length >= 1, "no session time was written");
    // CMITimespan: HHHH:MM:SS.SS, hours 2-4 digits, optional 1-2 decimals.
    for (const t of sessionTimes) assert.match(t, /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/);
    assert.ok(all.slice(0, finish).some((e) => e.name === "LMSCommit"), "no commit before LMSFinish");
    const after = (await cmi(page)).cmi;
    assert.strictEqual(after.core.lesson_status, "completed");
    assert.strictEqual(after.core.exit, "suspend");
    // pagehide, never unload: an unload handler breaks the back/forward cache.
    const runtime = fs.readFileSync(path.join(built.pkg.dir, path.dirname(built.launches[0]), src), "utf8");
    assert.doesNotMatch(runtime, /["'](?:before)?unload["']|onunload/);
    assert.ok(after.suspend_data.length <= 4096);
    assert.match(after.suspend_data, /^w=0-\d/);
    assert.deepStrictEqual(errors, []);
  } finally {
    await server.close();
  }
});

test("SCORM 2004: watched to the end, completion_status and progress_measure, Terminate on pagehide", async () => {
  const built = buildCourse("completes2004", {
    scorm: "2004-4th",
    lessons: [{ slug: "complete", video: pk.sampleVideo() }],
  });
  assert.match(built.pkg.manifest, /2004 4th Edition/);
  const server = await startServer(built.pkg.dir);
  try {
    const { page, frame, errors } = await openSco(browser.context, server, { version: "2004", launch: built.launches[0] });
    assert.strictEqual(names(await events(page), "Initialize").length, 1);
    assert.strictEqual((await cmi(page)).cmi.completion_status, "incomplete");

    await playToEnd(frame);
    const data = (await cmi(page)).cmi;
    assert.strictEqual(data.completion_status, "completed");
    assert.strictEqual(Number(data.progress_measure), 1);
    const progress = setsOf(await events(page), "SetValue", "cmi.progress_measure").map(Number);
    assert.ok(progress.some((p) => p > 0 && p < 1), "progress_measure never reported partial progress");
    assert.ok(names(await events(page), "Commit").length >= 2, "Commit was not called after completion");
    // A commit follows each 25/50/75/100% milestone of watched time.
    const evts = await events(page);
    for (const milestone of [0.25, 0.5, 0.75, 1]) {
      const reached = evts.findIndex((e) => e.name === "SetValue" && e.element === "cmi.progress_measure" &&
                                            Number(e.value) >= milestone);
      assert.ok(reached >= 0, `progress_measure never reached ${milestone}`);
      assert.ok(evts.slice(reached).some((e) => e.name === "Commit"), `no commit after ${milestone}`);
    }

    await leaveSco(page);
    const all = await events(page);
    assert.strictEqual(names(all, "Terminate").length, 1, "Terminate was not called once on pagehide");
    const sessionTimes = setsOf(all, "SetValue", "cmi.session_time");
    assert.ok(sessionTimes.length >= 1, "no session time was written");
    // ISO 8601 duration as SCORM 2004's timeinterval.
    for (const t of sessionTimes) assert.match(t, /^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)$/);
    assert.strictEqual((await cmi(page)).cmi.completion_status, "completed");
    assert.deepStrictEqual(errors, []);
  } finally {
    await server.close();
  }
});
