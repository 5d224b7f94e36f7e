// The offline site (`packager build --format site`, issue 8) as someone with
// a USB stick meets it: opened from file://, no server, no network, the
// course index leads to the lesson, whose video plays, then to its
// transcript page and back to the index, with no console error. axe-core
// finds no serious or critical violation on the site's index, zips
// included (`--format both`).
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch } = require("./lib/chromium");
const { watchErrors } = require("./lib/harness");
const { serve } = require("./lib/server");
const { seriousViolations } = require("./lib/axe");
const pk = require("./lib/packages");

// Builds the bundled sample course (its video is on disk) as a site in
// work/<name>; returns the site folder.
function buildSite(work, name, format) {
  const out = path.join(work, name);
  const result = spawnSync(pk.env("PACKAGER"), ["build", path.join(pk.env("SOURCE_DIR"), "manifests", "sample.yaml"),
    "-o", out, "--offline", "--format", format, "--templates", path.join(pk.env("SOURCE_DIR"), "templates")], {
    encoding: "utf8",
    env: Object.assign({}, process.env, { XDG_CACHE_HOME: path.join(work, "cache") }),
  });
  assert.strictEqual(result.status, 0, `packager build --format ${format} failed (${result.status}):\n${result.stderr}`);
  assert.strictEqual(result.stdout.trim().split("\n").pop(), path.join(out, "index.html"));
  return out;
}

let browser, site, both, server;
before(async () => {
  const work = pk.workDir("site");
  site = buildSite(work, "site", "site");
  both = buildSite(work, "both", "both");
  browser = await launch();
  server = await serve({ "/site/": both });  // axe-core needs http for stylesheets
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("from file://: index -> lesson (the video plays) -> transcript -> back to the index", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const index = pathToFileURL(path.join(site, "index.html")).href;
  await page.goto(index);
  assert.strictEqual(await page.locator("h1").innerText(), "Exemple de cours packager");
  assert.strictEqual(await page.locator(".packages").count(), 0, "--format site offers no zip");
  assert.ok(await page.locator(".offline-note").isVisible(), "the index does not say it works offline");

  const lessonLink = page.locator(".lesson-card h3 a").first();
  const lessonHref = await lessonLink.evaluate((a) => a.href);
  await Promise.all([page.waitForNavigation(), lessonLink.click()]);
  assert.strictEqual(page.url(), lessonHref);
  assert.ok(page.url().endsWith("/lessons/sample-lesson/index.html"), page.url());

  // Played from file://, time advances and frames decode.
  const played = await page.evaluate(async () => {
    const v = document.getElementById("lesson-video");
    v.muted = true;
    await v.play();
    await new Promise((resolve) => {
      const tick = () => (v.currentTime > 0.5 ? resolve() : setTimeout(tick, 20));
      tick();
    });
    v.pause();
    return { at: v.currentTime, width: v.videoWidth };
  });
  assert.ok(played.at > 0.5 && played.width > 0, `the video did not play: ${JSON.stringify(played)}`);

  await Promise.all([page.waitForNavigation(), page.locator("a[href='transcript.html']").click()]);
  assert.ok(page.url().endsWith("/lessons/sample-lesson/transcript.html"), page.url());
  assert.match(await page.locator("main").innerText(), /Cette leçon d’exemple montre ce que produit/);

  await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Retour au sommaire du cours" }).click()]);
  assert.strictEqual(page.url(), index);

  // The index's own transcript link reaches the same page.
  await Promise.all([page.waitForNavigation(), page.locator(".transcript-link a").first().click()]);
  assert.ok(page.url().endsWith("/lessons/sample-lesson/transcript.html"), page.url());
  await page.screenshot({ path: pk.artifactPath("site-transcript-page.png"), fullPage: true });
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("the lesson page links back to the site's index", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(pathToFileURL(path.join(site, "lessons", "sample-lesson", "index.html")).href);
  await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Retour au sommaire du cours" }).click()]);
  assert.strictEqual(page.url(), pathToFileURL(path.join(site, "index.html")).href);
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("axe-core finds no serious or critical violation on the site's index with its zips", async () => {
  assert.ok(fs.existsSync(path.join(both, "scorm", "sample-1.0.0-scorm12.zip")));
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/site/index.html`);
  assert.match(await page.locator(".packages").innerText(), /sample-1\.0\.0-scorm12\.zip \([0-9.]+ kB\)/);
  assert.deepStrictEqual(await seriousViolations(page), []);
  assert.strictEqual(await page.locator("h1").count(), 1);
  const levels = await page.$$eval("h1, h2, h3, h4, h5, h6", (hs) => hs.map((h) => Number(h.tagName[1])));
  levels.forEach((level, i) => assert.ok(i === 0 || level <= levels[i - 1] + 1, `headings skip a level: ${levels}`));
  await page.screenshot({ path: pk.artifactPath("site-index.png"), fullPage: true });
  await page.close();
});
