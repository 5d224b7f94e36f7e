// Progress across sessions and thresholds: watched time adds up through
// suspend_data; a 2004 LMS's completion_threshold overrides the page's; the
// page's data-completion-threshold sets the share a learner must watch; a
// page with no video (a PDF sheet) is completed once opened.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { launch } = require("./lib/chromium");
const { startServer, openSco, cmi, playToEnd, leaveSco } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("SCORM 1.2: watched time adds up across sessions through suspend_data", async () => {
  const built = buildCourse("sessions12", { lessons: [{ slug: "sessions", video: pk.sampleVideo() }] });
  const server = await startServer(built.pkg.dir);
  try {
    // Session 1: watch about 60%, then leave.
    const first = await openSco(browser.context, server, { version: "1.2", launch: built.launches[0] });
    await first.frame.evaluate(async () => {
      const v = document.getElementById("lesson-video");
      v.muted = true;
      v.playbackRate = 4;
      await v.play();
      await new Promise((resolve) => {
        const tick = () => (v.currentTime >= v.duration * 0.6 ? resolve() : setTimeout(tick, 20));
        tick();
      });
      v.pause();
    });
    await leaveSco(first.page);
    const stored = (await cmi(first.page)).cmi;
    assert.strictEqual(stored.core.lesson_status, "incomplete");
    assert.strictEqual(stored.core.exit, "suspend");
    await first.page.close();

    // Session 2: the LMS hands back what was stored; the lesson resumes
    // where it was left, and the rest completes it.
    const init = {
      core: { entry: "resume", lesson_status: stored.core.lesson_status, lesson_location: stored.core.lesson_location },
      suspend_data: stored.suspend_data,
    };
    const second = await openSco(browser.context, server, { version: "1.2", launch: built.launches[0], init });
    await second.frame.waitForFunction(() => !document.getElementById("lesson-video").seeking);
    const at = await second.frame.$eval("#lesson-video", (v) => v.currentTime);
    assert.ok(Math.abs(at - Number(stored.core.lesson_location)) < 0.3, `resumed at ${at}`);
    await playToEnd(second.frame, 4);
    assert.strictEqual((await cmi(second.page)).cmi.core.lesson_status, "completed");
    assert.deepStrictEqual([...first.errors, ...second.errors], []);
    await second.page.close();
  } finally {
    await server.close();
  }
});

test("SCORM 2004: the LMS's completion_threshold rules over the page's", async () => {
  const built = buildCourse("threshold2004", { scorm: "2004-4th", lessons: [{ slug: "threshold", video: pk.sampleVideo() }] });
  const server = await startServer(built.pkg.dir);
  try {
    const { page, frame, errors } = await openSco(browser.context, server,
      { version: "2004", launch: built.launches[0], init: { completion_threshold: "0.5" } });
    await frame.evaluate(async () => {
      const v = document.getElementById("lesson-video");
      v.muted = true;
      v.playbackRate = 4;
      await v.play();
      await new Promise((resolve) => {
        const tick = () => (v.currentTime >= v.duration * 0.4 ? resolve() : setTimeout(tick, 20));
        tick();
      });
      v.pause();
    });
    // Below 0.5 it is still incomplete; past it, completed (the page says 0.90).
    const early = (await cmi(page)).cmi;
    assert.ok(Number(early.progress_measure) < 0.5, `progress ${early.progress_measure}`);
    assert.strictEqual(early.completion_status, "incomplete");
    await frame.evaluate(() => document.getElementById("lesson-video").play());
    await frame.waitForFunction(() => document.getElementById("lesson-video").currentTime >=
                                      document.getElementById("lesson-video").duration * 0.6);
    await frame.evaluate(() => document.getElementById("lesson-video").pause());
    const data = (await cmi(page)).cmi;
    assert.ok(Number(data.progress_measure) < 0.9, `progress ${data.progress_measure}`);
    assert.strictEqual(data.completion_status, "completed");
    assert.deepStrictEqual(errors, []);
  } finally {
    await server.close();
  }
});

test("SCORM 1.2: the page's data-completion-threshold sets the share to watch", async () => {
  const built = buildCourse("pagethreshold12", { lessons: [{ slug: "threshold", video: pk.sampleVideo() }] });
  // The course's threshold reaches the page as this attribute; set it
  // directly, as the course key belongs to the lesson parser.
  const launchFile = path.join(built.pkg.dir, built.launches[0]);
  const html = fs.readFileSync(launchFile, "utf8");
  assert.match(html, /data-completion-threshold="0\.90"/);
  fs.writeFileSync(launchFile, html.replace(/data-completion-threshold="[^"]*"/, 'data-completion-threshold="0.50"'));
  const server = await startServer(built.pkg.dir);
  try {
    const { page, frame, errors } = await openSco(browser.context, server, { version: "1.2", launch: built.launches[0] });
    const watchTo = (share) => frame.evaluate(async (s) => {
      const v = document.getElementById("lesson-video");
      v.muted = true;
      v.playbackRate = 2;
      await v.play();
      await new Promise((resolve) => {
        const tick = () => (v.currentTime >= v.duration * s ? resolve() : setTimeout(tick, 20));
        tick();
      });
      v.pause();
    }, share);
    await watchTo(0.4);
    assert.strictEqual((await cmi(page)).cmi.core.lesson_status, "incomplete");
    await watchTo(0.6);
    assert.strictEqual((await cmi(page)).cmi.core.lesson_status, "completed");
    assert.deepStrictEqual(errors, []);
  } finally {
    await server.close();
  }
});

test("SCORM 2004: a lesson page with no video is completed once opened", async () => {
  const built = buildCourse("novideo2004", { scorm: "2004-4th", lessons: [{ slug: "sheet", video: pk.sampleVideo() }] });
  // A PDF-only lesson has no player: remove it from the built page.
  const launchFile = path.join(built.pkg.dir, built.launches[0]);
  const html = fs.readFileSync(launchFile, "utf8");
  const stripped = html.replace(/<section class="player"[\s\S]*?<\/section>/, "");
  assert.notStrictEqual(stripped, html, "the page has no player section to remove");
  fs.writeFileSync(launchFile, stripped);
  const server = await startServer(built.pkg.dir);
  try {
    const { page, frame, errors } = await openSco(browser.context, server,
      { version: "2004", launch: built.launches[0], video: false });
    await frame.waitForFunction(() => document.readyState === "complete");
    await page.waitForFunction(() => window.__events.some((e) => e.name === "Commit"));
    const data = (await cmi(page)).cmi;
    assert.strictEqual(data.completion_status, "completed");
    assert.strictEqual(Number(data.progress_measure), 1);
    assert.deepStrictEqual(errors, []);
  } finally {
    await server.close();
  }
});
