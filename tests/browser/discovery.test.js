// ADL API discovery: the SCO finds the LMS's API through nested frames
// (parents, up to 7 levels) and through window.opener when the LMS opens it
// in a new window, for SCORM 1.2 (API) and 2004 (API_1484_11).
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const { launch } = require("./lib/chromium");
const { startServer, watchErrors } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

let browser, built12, built2004, server12, server2004;
before(async () => {
  built12 = buildCourse("discovery12", { lessons: [{ slug: "api", video: pk.sampleVideo() }] });
  built2004 = buildCourse("discovery2004", { scorm: "2004-4th", lessons: [{ slug: "api", video: pk.sampleVideo() }] });
  browser = await launch();
  server12 = await startServer(built12.pkg.dir);
  server2004 = await startServer(built2004.pkg.dir);
});
after(async () => {
  await browser?.close();
  await server12?.close();
  await server2004?.close();
});

// Opens the harness with a launch URL of its own choosing and waits for the
// SCO to initialize.
async function initializedVia(server, version, launchUrl, popup) {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  const q = new URLSearchParams({ version, launch: popup ? "about:blank" : launchUrl });
  await page.goto(`${server.url}/harness/harness.html?${q}`);
  let popupPage = null;
  let popupErrors = [];
  if (popup) {
    [popupPage] = await Promise.all([
      page.waitForEvent("popup"),
      page.evaluate((url) => { window.open(url, "sco"); }, launchUrl),
    ]);
    popupErrors = watchErrors(popupPage);
  }
  const init = version === "1.2" ? "LMSInitialize" : "Initialize";
  await page.waitForFunction((name) => window.__events.some((e) => e.name === name), init, { timeout: 10000 });
  const status = await page.evaluate((v) => {
    const d = window.__api.renderCMIToJSONObject().cmi;
    return v === "1.2" ? d.core.lesson_status : d.completion_status;
  }, version);
  await popupPage?.close();
  await page.close();
  return { status, errors: [...errors, ...popupErrors] };
}

for (const [version, built, server] of [["1.2", () => built12, () => server12], ["2004", () => built2004, () => server2004]]) {
  test(`SCORM ${version}: the API is found 6 parent frames up`, async () => {
    const sco = `/pkg/${built().launches[0]}`;
    const url = `/harness/frameset.html?${new URLSearchParams({ launch: sco, depth: "4" })}`;
    const { status, errors } = await initializedVia(server(), version, url, false);
    assert.strictEqual(status, "incomplete");
    assert.deepStrictEqual(errors, []);
  });

  test(`SCORM ${version}: the API is found through window.opener`, async () => {
    const sco = `${server().url}/pkg/${built().launches[0]}`;
    const { status, errors } = await initializedVia(server(), version, sco, true);
    assert.strictEqual(status, "incomplete");
    assert.deepStrictEqual(errors, []);
  });
}
