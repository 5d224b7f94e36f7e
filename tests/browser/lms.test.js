// Issue 16, item 1: inside an LMS the lesson page never takes itself away.
// The "back to the course index" link is gone, every other link opens a new
// window (the SCO frame and its session stay), and the course index page
// itself says to use the LMS's table of contents. From file:// the link is
// there and works. A page whose API was already terminated says so on the
// page and keeps nothing in localStorage. SCORM 1.2 and 2004, scorm-again.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch } = require("./lib/chromium");
const { startServer, openSco, events, watchErrors } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const courses = {};
function course(scorm) {
  if (!courses[scorm]) {
    courses[scorm] = buildCourse(`lms${scorm.replace(/\W/g, "")}`, {
      scorm,
      lessons: [{ slug: "liens", video: pk.sampleVideo(), fields: {
        transcript: "Une transcription avec [un lien externe](https://example.org/page).",
      } }],
    });
  }
  return courses[scorm];
}

for (const [scorm, version, finish] of [["1.2", "1.2", "LMSFinish"], ["2004-4th", "2004", "Terminate"]]) {
  test(`SCORM ${version}: in the LMS, no course-index link and every link opens a new window`, async () => {
    const built = course(scorm);
    const server = await startServer(built.pkg.dir);
    try {
      const { page, frame, errors } = await openSco(browser.context, server, { version, launch: built.launches[0] });
      await frame.waitForFunction(() => !document.querySelector(".course-nav"));
      assert.strictEqual(await frame.$$eval("a[href$='index.html']", (a) => a.length), 0,
                         "a link to the course index is still on the page");
      const links = await frame.$$eval("a[href]", (all) => all.map((a) => ({
        href: a.getAttribute("href"), target: a.getAttribute("target"), rel: a.getAttribute("rel"),
        download: a.hasAttribute("download"),
      })));
      const away = links.filter((l) => !l.href.startsWith("#") && !l.download);
      assert.ok(away.some((l) => l.href.endsWith("transcript.html")), "no transcript page link");
      assert.ok(away.some((l) => l.href === "https://example.org/page"), "the transcript's own link is missing");
      for (const l of away) {
        assert.strictEqual(l.target, "_blank", `${l.href} would replace the lesson in the LMS frame`);
        assert.strictEqual(l.rel, "noopener");
      }
      assert.ok(links.some((l) => l.href === "#content" && l.target === null), "the skip link changed");
      assert.strictEqual(await frame.isHidden("#lms-status"), true, "a working LMS shows the status note");

      // Following the transcript link opens a window; the lesson stays, its
      // session open.
      const url = frame.url();
      const [popup] = await Promise.all([
        browser.context.waitForEvent("page"),
        frame.click("a[href$='transcript.html']"),
      ]);
      await popup.waitForLoadState("load");
      assert.match(popup.url(), /transcript\.html$/);
      await popup.close();
      assert.strictEqual(frame.url(), url);
      assert.strictEqual((await events(page)).filter((e) => e.name === finish).length, 0,
                         `${finish} was called: the lesson left the frame`);
      assert.deepStrictEqual(errors, []);
      await page.close();
    } finally {
      await server.close();
    }
  });

  test(`SCORM ${version}: an API already terminated is said on the page, nothing goes to localStorage`, async () => {
    const built = course(scorm);
    const server = await startServer(built.pkg.dir);
    try {
      const { page, frame, errors } = await openSco(browser.context, server,
                                                    { version, launch: built.launches[0], terminated: true });
      await frame.waitForSelector("#lms-status", { state: "visible" });
      const text = await frame.locator("#lms-status").innerText();
      assert.match(text, /La plateforme a refusé d'ouvrir le suivi de cette leçon/);
      assert.strictEqual(await frame.getAttribute("#lms-status", "role"), "alert");
      // scorm-again's refusal code: 1.2 101 (already finished), 2004 104
      // (content instance terminated), as Moodle answers.
      assert.strictEqual(await frame.getAttribute("#lms-status", "data-lms-error"), version === "1.2" ? "101" : "104");
      // The note sits above the video, in the first screen.
      const box = await frame.$eval("#lms-status", (n) => n.getBoundingClientRect().bottom);
      assert.ok(box <= await frame.evaluate(() => innerHeight));
      // Watching still works but is kept nowhere.
      await frame.evaluate(async () => {
        const v = document.getElementById("lesson-video");
        v.muted = true;
        await v.play();
        await new Promise((r) => setTimeout(r, 600));
        v.pause();
      });
      assert.deepStrictEqual(await frame.evaluate(() => Object.keys(localStorage)), []);
      const sets = (await events(page)).filter((e) => /SetValue|Commit/.test(e.name));
      assert.deepStrictEqual(sets, [], "the page wrote to an API that refused it");
      // The refusal itself is scorm-again's console error (101 / 104),
      // nothing from the page.
      assert.ok(errors.every((e) => /^console: /.test(e) && !/pageerror/.test(e)), errors.join("\n"));
      await page.close();
    } finally {
      await server.close();
    }
  });
}

test("the course index inside an LMS points at the LMS's table of contents", async () => {
  const built = course("1.2");
  const server = await startServer(built.pkg.dir);
  try {
    const { page, frame, errors } = await openSco(browser.context, server,
                                                  { version: "1.2", launch: "index.html", video: false });
    await frame.waitForSelector("#lms-status", { state: "visible" });
    assert.match(await frame.locator("#lms-status").innerText(), /table des matières/);
    assert.strictEqual(await frame.locator(".lesson-list a").first().isVisible(), false, "the lessons are still listed");
    assert.deepStrictEqual((await events(page)).filter((e) => e.name !== "LMSGetValue"), [],
                           "the index page talked to the LMS");
    assert.deepStrictEqual(errors, []);
    await page.close();
  } finally {
    await server.close();
  }
});

test("from file:// the course-index link is there and opens the index", async () => {
  const built = course("1.2");
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(pathToFileURL(path.join(built.pkg.dir, built.launches[0])).href);
  const link = page.locator("nav.course-nav a");
  assert.strictEqual(await link.isVisible(), true, "no course-index link without an LMS");
  assert.strictEqual(await link.getAttribute("target"), null);
  assert.strictEqual(await page.locator("a[href$='transcript.html']").getAttribute("target"), null);
  assert.strictEqual(await page.isHidden("#lms-status"), true);
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.match(page.url(), /\/index\.html$/);
  assert.strictEqual(await page.isHidden("#lms-status"), true);
  assert.ok(await page.locator(".lesson-list a").first().isVisible());
  assert.deepStrictEqual(errors, []);
  await page.close();
});
