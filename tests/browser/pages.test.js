// Scenario 5's transcript half and scenario 6's other pages: from file://,
// the index lists the lessons by area and opens them, the lesson links to its
// transcript page, which shows the transcript and links back to the course
// index; axe-core finds no serious or
// critical violation on the transcript page or the index; screenshots of the
// index are kept.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch } = require("./lib/chromium");
const { startServer, watchErrors } = require("./lib/harness");
const { seriousViolations } = require("./lib/axe");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser, built, server;
before(async () => {
  built = buildCourse("pages", {
    lessons: [
      { slug: "premiere", video: pk.sampleVideo(),
        fields: { area: "Domaine 1", title: "Première leçon", transcript: "Texte de la première leçon." } },
      { slug: "seconde", video: pk.sampleVideo(),
        fields: { area: "Domaine 2", title: "Seconde leçon", transcript: "Texte de la seconde leçon." } },
    ],
  });
  browser = await launch();
  server = await startServer(built.pkg.dir);  // axe-core needs http for stylesheets
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const transcriptOf = (launch) => path.posix.join(path.posix.dirname(launch), "transcript.html");

test("the package has a course index and a transcript page per lesson", () => {
  assert.ok(fs.existsSync(path.join(built.pkg.dir, "index.html")), "no index.html at the package root");
  for (const launch of built.launches) {
    assert.ok(fs.existsSync(path.join(built.pkg.dir, transcriptOf(launch))), `no ${transcriptOf(launch)}`);
  }
});

test("from file://, the index opens the lessons, which link to their transcript", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(pathToFileURL(path.join(built.pkg.dir, "index.html")).href);
  const text = await page.locator("body").innerText();
  for (const expected of ["Domaine 1", "Domaine 2", "Première leçon", "Seconde leçon"]) {
    assert.ok(text.includes(expected), `the index does not show ${expected}`);
  }
  await page.screenshot({ path: pk.artifactPath("index-page.png"), fullPage: true });

  await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Première leçon" }).first().click()]);
  assert.ok(page.url().endsWith(built.launches[0]), `the index opened ${page.url()}`);
  await page.waitForFunction(() => document.getElementById("lesson-video").readyState >= 1);

  const link = page.locator("a[href$='transcript.html']");
  assert.strictEqual(await link.count(), 1, "the lesson does not link to its transcript page");
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.match(await page.locator("main").innerText(), /Texte de la première leçon\./);
  await page.screenshot({ path: pk.artifactPath("transcript-page.png"), fullPage: true });
  // Both pages lead back to the course index at the package root.
  await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Retour au sommaire du cours" }).click()]);
  assert.strictEqual(page.url(), pathToFileURL(path.join(built.pkg.dir, "index.html")).href);
  assert.deepStrictEqual(errors, []);
  await page.close();
});

test("axe-core finds no serious or critical violation on the index and the transcript page", async () => {
  const page = await browser.context.newPage();
  for (const target of ["index.html", transcriptOf(built.launches[0])]) {
    await page.goto(`${server.url}/pkg/${target}`);
    assert.deepStrictEqual(await seriousViolations(page), [], `on ${target}`);
    assert.strictEqual(await page.locator("h1").count(), 1, `on ${target}`);
    assert.strictEqual(await page.getAttribute("html", "lang"), "fr", `on ${target}`);
  }
  await page.close();
});
