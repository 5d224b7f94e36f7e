// Scenario 4, "Resume": opened with entry = resume and a bookmark of 42 s,
// playback starts at 42 s (SCORM 1.2 lesson_location, 2004 location); without
// entry = resume it starts at 0; on leaving, the bookmark is the position.
// The video is a 50 s lavfi fixture (160x90, 5 fps): a bookmark at 42 s needs
// a video longer than that. Also: SCORM 1.2 suspend_data stays within its
// 4096 characters however many ranges a learner leaves.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { launch } = require("./lib/chromium");
const { startServer, openSco, events, cmi, leaveSco } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser, video;
before(async () => {
  video = pk.makeVideo(path.join(pk.workDir("resume-fixture"), "fifty.mp4"), 50);
  browser = await launch();
});
after(async () => { await browser?.close(); });

const currentTime = (frame) => frame.$eval("#lesson-video", (v) => v.currentTime);

const cases = [
  { version: "1.2", scorm: "1.2", resume: { core: { entry: "resume", lesson_location: "42" } },
    fresh: { core: { entry: "ab-initio", lesson_location: "42" } }, location: (d) => d.cmi.core.lesson_location,
    exit: (d) => d.cmi.core.exit },
  { version: "2004", scorm: "2004-4th", resume: { entry: "resume", location: "42" },
    fresh: { entry: "ab-initio", location: "42" }, location: (d) => d.cmi.location, exit: (d) => d.cmi.exit },
];

for (const c of cases) {
  test(`SCORM ${c.version}: entry=resume with a bookmark of 42 s starts playback at 42 s`, async () => {
    const built = buildCourse(`resume${c.version.replace(".", "")}`, {
      scorm: c.scorm,
      lessons: [{ slug: "resume", video }],
    });
    const server = await startServer(built.pkg.dir);
    try {
      const { page, frame, errors } = await openSco(browser.context, server,
        { version: c.version, launch: built.launches[0], init: c.resume });
      await frame.waitForFunction(() => !document.getElementById("lesson-video").seeking);
      const at = await currentTime(frame);
      assert.ok(Math.abs(at - 42) < 0.5, `playback starts at ${at} s, not 42 s`);
      // It plays on from there.
      await frame.evaluate(async () => {
        const v = document.getElementById("lesson-video");
        v.muted = true;
        v.playbackRate = 4;
        await v.play();
        await new Promise((resolve) => {
          const tick = () => (v.currentTime >= 44 ? resolve() : setTimeout(tick, 20));
          tick();
        });
        v.pause();
      });
      const left = await currentTime(frame);
      await leaveSco(page);
      const data = await cmi(page);
      assert.ok(Math.abs(Number(c.location(data)) - left) < 0.5, `bookmark ${c.location(data)} vs position ${left}`);
      assert.strictEqual(c.exit(data), "suspend");
      assert.deepStrictEqual(errors, []);
      await page.close();

      // A new attempt (entry = ab-initio) starts from the beginning.
      const again = await openSco(browser.context, server,
        { version: c.version, launch: built.launches[0], init: c.fresh });
      assert.strictEqual(await currentTime(again.frame), 0);
      await again.page.close();
    } finally {
      await server.close();
    }
  });
}

test("SCORM 1.2: suspend_data stays within 4096 characters, dropping the shortest ranges", async () => {
  // A long, silent, 1 fps fixture: enough room for hundreds of ranges.
  const long = pk.makeVideo(path.join(pk.workDir("suspend-fixture"), "long.mp4"), 700,
                            { size: "64x36", rate: 1, audio: false });
  const built = buildCourse("suspend12", { lessons: [{ slug: "long", video: long }] });
  // ~4090 characters of short, disjoint ranges below 640 s, as a learner
  // who skipped around would leave.
  const ranges = [];
  let text = "w=";
  for (let i = 0; ; i += 1) {
    // Written as the runtime writes numbers ("1.5-2", not "1.5-2.0").
    const r = `${i * 1.5}-${i * 1.5 + 0.5}`;
    assert.ok(i * 1.5 < 640, "the ranges must stay below the part watched");
    if (text.length + r.length + 1 > 4094) break;
    ranges.push(r);
    text += (i ? "," : "") + r;
  }
  const server = await startServer(built.pkg.dir);
  try {
    const init = { core: { entry: "resume", lesson_status: "incomplete", lesson_location: "650" }, suspend_data: text };
    const { page, frame, errors } = await openSco(browser.context, server, { version: "1.2", launch: built.launches[0], init });
    await frame.waitForFunction(() => !document.getElementById("lesson-video").seeking);
    await frame.evaluate(async () => {
      const v = document.getElementById("lesson-video");
      v.muted = true;
      v.playbackRate = 16;
      await v.play();
      await new Promise((resolve) => {
        const tick = () => (v.currentTime >= 670 ? resolve() : setTimeout(tick, 20));
        tick();
      });
      v.pause();
    });
    await leaveSco(page);
    const data = (await cmi(page)).cmi;
    const sets = (await events(page)).filter((e) => e.name === "LMSSetValue" && e.element === "cmi.suspend_data");
    assert.ok(sets.length > 0);
    for (const s of sets) assert.ok(s.value.length <= 4096, `suspend_data of ${s.value.length} characters`);
    assert.strictEqual(data.suspend_data, sets[sets.length - 1].value, "the runtime refused the last suspend_data");
    const kept = data.suspend_data.slice(2).split(",");
    assert.ok(kept.some((r) => /^650(\.\d)?-6[78]\d/.test(r)), `the newly watched range is missing: ${kept.slice(-3)}`);
    assert.ok(kept.length < ranges.length + 1, "no range was dropped");
    assert.deepStrictEqual(errors, []);
  } finally {
    await server.close();
  }
});
