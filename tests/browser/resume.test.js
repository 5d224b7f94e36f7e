// Scenario 4, "Resume": opened with entry = resume and a bookmark of 42 s,
// playback starts at 42 s (SCORM 1.2 lesson_location, 2004 location); without
// entry = resume it starts at 0; on leaving, the bookmark is the position.
// The video is a 50 s lavfi fixture (160x90, 5 fps): a bookmark at 42 s needs
// a video longer than that.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { launch } = require("./lib/chromium");
const { startServer, openSco, cmi, leaveSco } = require("./lib/harness");
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
