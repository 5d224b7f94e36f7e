// Scenario 6, "Accessibility": axe-core finds no serious or critical
// violation on the lesson page (WCAG 2.1 AA rules and best practices), which
// has lang, one h1 and landmarks. The transcript page and the course index
// are scanned by pending/pages.test.js once they exist.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const { launch } = require("./lib/chromium");
const { startServer, watchErrors } = require("./lib/harness");
const { seriousViolations } = require("./lib/axe");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser, built, server;
before(async () => {
  built = buildCourse("a11y", { lessons: [{ slug: "accessible", video: pk.sampleVideo() }] });
  browser = await launch();
  // Over http: axe-core reads stylesheets with XHR, which file:// forbids.
  server = await startServer(built.pkg.dir);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the lesson page has no serious or critical axe-core violation", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/pkg/${built.launches[0]}`);
  await page.waitForFunction(() => document.getElementById("lesson-video").readyState >= 1);
  assert.deepStrictEqual(await seriousViolations(page), []);
  assert.strictEqual(await page.getAttribute("html", "lang"), "fr");
  assert.strictEqual(await page.locator("h1").count(), 1);
  assert.strictEqual(await page.locator("main").count(), 1);
  // The transcript is reachable from the keyboard: the skip links come
  // first (main content, then transcript), and following the transcript's
  // moves focus to it.
  await page.keyboard.press("Tab");
  assert.strictEqual(await page.evaluate(() => document.activeElement.getAttribute("href")), "#content");
  await page.keyboard.press("Tab");
  assert.strictEqual(await page.evaluate(() => document.activeElement.getAttribute("href")), "#transcript");
  await page.keyboard.press("Enter");
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), "transcript");
  assert.deepStrictEqual(errors, []);
  await page.close();
});
