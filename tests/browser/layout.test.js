// Issue 16, item 2: the lesson page fits its frame. In Moodle's default
// player frame (714x666 in a 1366x900 window), at 1024x600 and at 390x700
// (a phone), the whole video with its control bar is on the first screen,
// without scrolling, and the transcript comes below it. A lesson with a long
// title and description, as the real ones have. Screenshots:
// lesson-<W>x<H>.png in the artifacts folder.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const { launch } = require("./lib/chromium");
const { startServer, openSco } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser, built, server;
before(async () => {
  built = buildCourse("layout", {
    lessons: [{ slug: "cadre", video: pk.sampleVideo(), fields: {
      area: "Domaine 1",
      title: "Les acteurs institutionnels du numérique éducatif : qui fait quoi, de l'école au ministère ?",
      description: "Qui fait quoi dans le numérique éducatif ? Rectorat, DANE, collectivités, Canopé : " +
                   "cette vidéo présente chacun et ce qu'il peut apporter à votre établissement.",
      transcript: "Bonjour. ".repeat(200),
    } }],
  });
  browser = await launch();
  server = await startServer(built.pkg.dir);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// [frame, window]: the SCO frame's size, and the browser window holding it.
const k_sizes = [
  ["714x666", { width: 1366, height: 900 }],   // Moodle 4.5's default player frame
  ["1024x600", { width: 1024, height: 600 }],  // a small laptop, the SCO alone
  ["390x700", { width: 390, height: 700 }],    // a phone
];

for (const [frameSize, windowSize] of k_sizes) {
  test(`${frameSize}: the whole video and its controls are visible without scrolling`, async () => {
    await browser.context.pages()[0]?.setViewportSize(windowSize);
    const { page, frame, errors } = await openSco(browser.context, server,
                                                  { version: "1.2", launch: built.launches[0], frame: frameSize });
    await page.setViewportSize(windowSize);
    await frame.waitForFunction(() => document.getElementById("lesson-video").readyState >= 2);
    const [w, h] = frameSize.split("x").map(Number);
    const m = await frame.evaluate(() => {
      const v = document.getElementById("lesson-video").getBoundingClientRect();
      const t = document.getElementById("transcript").getBoundingClientRect();
      const v0 = document.getElementById("lesson-video");
      return {
        inner: [innerWidth, innerHeight], scrollY, scrollWidth: document.documentElement.scrollWidth,
        video: { top: v.top, bottom: v.bottom, left: v.left, right: v.right, width: v.width, height: v.height },
        natural: v0.videoWidth / v0.videoHeight, transcriptTop: t.top,
      };
    });
    assert.deepStrictEqual(m.inner, [w, h], "the frame is not the size asked");
    assert.strictEqual(m.scrollY, 0);
    assert.ok(m.scrollWidth <= w, `the page is wider than the frame (${m.scrollWidth} > ${w})`);
    assert.ok(m.video.top >= 0 && m.video.left >= 0 && m.video.right <= w, `video box ${JSON.stringify(m.video)}`);
    // The control bar is the bottom of the video's box.
    assert.ok(m.video.bottom <= h, `the video ends at ${m.video.bottom}px, below the ${h}px frame: its controls are hidden`);
    // Still a usable size: at least 9rem tall and the picture's aspect in the box.
    assert.ok(m.video.height >= 144, `the video is only ${m.video.height}px tall`);
    const pictureWidth = Math.min(m.video.width, m.video.height * m.natural);
    assert.ok(pictureWidth >= Math.min(w - 40, 300), `the picture is only ${pictureWidth}px wide`);
    assert.ok(m.transcriptTop >= m.video.bottom, "the transcript is not below the video");
    // The page still scrolls to its transcript.
    await frame.evaluate(() => document.getElementById("transcript").scrollIntoView());
    assert.ok(await frame.evaluate(() => scrollY) > 0, "the transcript cannot be scrolled to");
    await frame.evaluate(() => scrollTo(0, 0));
    const box = await (await page.$("iframe#sco")).boundingBox();
    await page.screenshot({ path: pk.artifactPath(`lesson-${frameSize}.png`), clip: box });
    assert.deepStrictEqual(errors, []);
    await page.close();
  });
}
