// Scenario 3, "Seeking is not watching": jumping to the end and letting the
// video end leaves the lesson incomplete, in SCORM 1.2 and 2004, even after
// Finish; watching part of it and skipping the rest does too.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const { launch } = require("./lib/chromium");
const { startServer, openSco, events, cmi, leaveSco } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Seeks to `from` (a share of the duration) and plays to the end.
async function skipTo(frame, from) {
  await frame.evaluate(async (share) => {
    const v = document.getElementById("lesson-video");
    v.muted = true;
    v.playbackRate = 4;
    const seeked = new Promise((resolve) => v.addEventListener("seeked", resolve, { once: true }));
    v.currentTime = v.duration * share;
    await seeked;
    const ended = new Promise((resolve) => v.addEventListener("ended", resolve, { once: true }));
    await v.play();
    await ended;
  }, from);
}

for (const version of ["1.2", "2004"]) {
  test(`SCORM ${version}: seeking to the end does not complete the lesson`, async () => {
    const built = buildCourse(`seeking${version.replace(".", "")}`, {
      scorm: version === "1.2" ? "1.2" : "2004-4th",
      lessons: [{ slug: "seek", video: pk.sampleVideo() }],
    });
    const server = await startServer(built.pkg.dir);
    try {
      const status = (data) => (version === "1.2" ? data.cmi.core.lesson_status : data.cmi.completion_status);
      const { page, frame, errors } = await openSco(browser.context, server, { version, launch: built.launches[0] });
      await skipTo(frame, 0.97);
      const ended = await frame.$eval("#lesson-video", (v) => v.ended);
      assert.ok(ended, "the video did not reach its end");
      assert.strictEqual(status(await cmi(page)), "incomplete");

      // Watch about half, then skip the rest: still below the 90% threshold.
      await frame.evaluate(async () => {
        const v = document.getElementById("lesson-video");
        v.currentTime = 0;
        v.playbackRate = 2;  // slow enough that a busy machine does not overshoot to 90%
        await v.play();
        await new Promise((resolve) => {
          const tick = () => (v.currentTime >= v.duration * 0.5 ? resolve() : setTimeout(tick, 20));
          tick();
        });
        v.pause();
      });
      await skipTo(frame, 0.95);
      assert.strictEqual(status(await cmi(page)), "incomplete");
      if (version === "2004") {
        const p = Number((await cmi(page)).cmi.progress_measure);
        assert.ok(p >= 0.45 && p < 0.9, `progress_measure ${p} should count only the watched half`);
      }

      await leaveSco(page);
      const all = await events(page);
      assert.ok(all.some((e) => e.name === (version === "1.2" ? "LMSFinish" : "Terminate")));
      assert.strictEqual(status(await cmi(page)), "incomplete");
      assert.deepStrictEqual(errors, []);
    } finally {
      await server.close();
    }
  });
}

test("SCORM 1.2: stored watched ranges outside the video earn nothing", async () => {
  const built = buildCourse("outside12", { lessons: [{ slug: "outside", video: pk.sampleVideo() }] });
  const server = await startServer(built.pkg.dir);
  try {
    // suspend_data as if 100 s of another, longer video had been watched.
    const init = { core: { entry: "resume", lesson_status: "incomplete", lesson_location: "1" }, suspend_data: "w=0-0.5,100-200" };
    const { page, frame, errors } = await openSco(browser.context, server, { version: "1.2", launch: built.launches[0], init });
    await frame.waitForFunction(() => !document.getElementById("lesson-video").seeking);
    await leaveSco(page);
    const data = (await cmi(page)).cmi;
    assert.strictEqual(data.core.lesson_status, "incomplete");
    assert.strictEqual(data.suspend_data, "w=0-0.5", "ranges past the end should be dropped");
    assert.deepStrictEqual(errors, []);
  } finally {
    await server.close();
  }
});
