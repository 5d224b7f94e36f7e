// Issue 16, item 4: tracking never relies on unload / beforeunload. Moodle
// 4.5 serves its player with `Permissions-Policy: unload=()`, under which
// Chromium never runs unload handlers. Here the harness and the package are
// served with that header: the policy is in force in the SCO's frame, the
// runtime adds no unload handler (Chromium would log a policy violation),
// the bookmark is committed when the page is hidden and Finish/Terminate
// come on pagehide, with the data kept.
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

const k_policy = { "Permissions-Policy": "unload=()" };

for (const [scorm, version] of [["1.2", "1.2"], ["2004-4th", "2004"]]) {
  test(`SCORM ${version}: in a frame with Permissions-Policy unload=(), hidden commits and pagehide finishes`, async () => {
    const built = buildCourse(`unload${version.replace(".", "")}`, {
      scorm, lessons: [{ slug: "sans-unload", video: pk.sampleVideo() }],
    });
    const server = await startServer(built.pkg.dir, k_policy);
    try {
      const console = [];
      const { page, frame, errors } = await openSco(browser.context, server, { version, launch: built.launches[0] });
      page.on("console", (m) => console.push(`${m.type()}: ${m.text()}`));
      assert.strictEqual(await frame.evaluate(() => document.featurePolicy.allowsFeature("unload")), false,
                         "the unload policy is not in force in the SCO frame");
      // A handler added here would never run: the page must not need one.
      assert.strictEqual(await frame.evaluate(() => typeof window.onunload === "function" ||
                                                    typeof window.onbeforeunload === "function"), false);

      const stoppedAt = await frame.evaluate(async () => {
        const v = document.getElementById("lesson-video");
        v.muted = true;
        v.playbackRate = 2;
        await v.play();
        await new Promise((resolve) => {
          const tick = () => (v.currentTime >= 2 ? resolve() : setTimeout(tick, 20));
          tick();
        });
        v.pause();
        return v.currentTime;
      });
      const v12 = version === "1.2";
      const [commit, setValue, finish] = v12 ? ["LMSCommit", "LMSSetValue", "LMSFinish"] : ["Commit", "SetValue", "Terminate"];
      const location = v12 ? "cmi.core.lesson_location" : "cmi.location";

      // The tab is hidden (headless Chromium never hides a page itself).
      const before = (await events(page)).length;
      await frame.evaluate(() => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
        document.dispatchEvent(new Event("visibilitychange"));
        delete document.visibilityState;
      });
      const onHide = (await events(page)).slice(before);
      const saved = onHide.filter((e) => e.name === setValue && e.element === location).map((e) => Number(e.value));
      assert.ok(saved.length && Math.abs(saved.pop() - stoppedAt) < 0.3, "the bookmark was not saved when hidden");
      const lastSet = onHide.map((e) => e.name).lastIndexOf(setValue);
      assert.ok(onHide.slice(lastSet).some((e) => e.name === commit), `no ${commit} after the values, when hidden`);

      await leaveSco(page);
      const all = await events(page);
      assert.strictEqual(all.filter((e) => e.name === finish).length, 1, `${finish} did not come on pagehide`);
      const data = (await cmi(page)).cmi;
      const stored = v12 ? data.core.lesson_location : data.location;
      assert.ok(Math.abs(Number(stored) - stoppedAt) < 0.3, `stored bookmark ${stored}, stopped at ${stoppedAt}`);
      assert.strictEqual(v12 ? data.core.exit : data.exit, "suspend");
      // Chromium reports an unload handler added under the policy as a
      // violation; none may come from the lesson.
      assert.deepStrictEqual(console.filter((m) => /unload/i.test(m)), []);
      assert.deepStrictEqual(errors, []);
      await page.close();
    } finally {
      await server.close();
    }
  });
}

test("control: under that policy, Chromium does not run an unload handler", async () => {
  const built = buildCourse("unloadcontrol", { lessons: [{ slug: "controle", video: pk.sampleVideo() }] });
  const server = await startServer(built.pkg.dir, k_policy);
  try {
    const { page, frame } = await openSco(browser.context, server, { version: "1.2", launch: built.launches[0] });
    await frame.evaluate(() => {
      window.addEventListener("pagehide", () => { parent.__pagehide = true; });
      window.addEventListener("unload", () => { parent.__unload = true; });
    });
    await leaveSco(page);
    assert.deepStrictEqual(await page.evaluate(() => [window.__pagehide === true, window.__unload === true]),
                           [true, false], "the policy did not block unload: this test would prove nothing");
    await page.close();
  } finally {
    await server.close();
  }
});
