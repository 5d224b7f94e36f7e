// The LMS stand-in: serves the harness page (scorm-again) and an extracted
// package on 127.0.0.1, opens a SCO in the harness's iframe as Moodle does,
// and reads back what the SCO told the runtime.
"use strict";

const path = require("node:path");
const { serve } = require("./server");

const k_here = path.join(__dirname, "..");

// Serves /harness/, /scorm-again/ and /pkg/ (the extracted package), with
// `headers` on every answer.
async function startServer(packageDir, headers = {}) {
  return serve({
    "/harness/": path.join(k_here, "harness"),
    "/scorm-again/": path.join(k_here, "node_modules", "scorm-again", "dist"),
    "/pkg/": packageDir,
  }, headers);
}

// Collects console errors and uncaught exceptions of a page and its frames.
function watchErrors(page) {
  const errors = [];
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(`console: ${msg.text()}`); });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("response", (res) => { if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`); });
  page.on("requestfailed", (req) => {
    // A media element aborts its own requests when it seeks or reloads.
    if (req.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on("dialog", (dialog) => { errors.push(`dialog: ${dialog.message()}`); dialog.dismiss().catch(() => {}); });
  return errors;
}

// Opens `launch` (a path in the package) inside the harness with scorm-again
// for `version` ("1.2" or "2004") and `init` as the LMS's stored data.
// Returns { page, frame, errors }, once the SCO's video has its metadata
// (or once loaded, with video: false).
// Options: frame "WxH" (the iframe's size), terminated (the API already
// ended before the SCO loads).
async function openSco(context, server, { version = "1.2", launch, init = null, video = true, frame: size = null,
                                          terminated = false }) {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const q = new URLSearchParams({ version, launch: `/pkg/${launch}` });
  if (init) q.set("init", JSON.stringify(init));
  if (size) q.set("frame", size);
  if (terminated) q.set("terminated", "1");
  await page.goto(`${server.url}/harness/harness.html?${q}`);
  const handle = await page.waitForSelector("iframe#sco");
  let frame = await handle.contentFrame();
  for (let i = 0; (!frame || !frame.url().includes("/pkg/")) && i < 100; i += 1) {
    await page.waitForTimeout(50);
    frame = await handle.contentFrame();
  }
  await frame.waitForLoadState("load");
  if (!video) return { page, frame, errors };
  await frame.waitForFunction(() => {
    const v = document.getElementById("lesson-video");
    return v && v.readyState >= 1;
  }, null, { timeout: 15000 });
  return { page, frame, errors };
}

// Everything the SCO called on the runtime, in order.
async function events(page) {
  return page.evaluate(() => window.__events);
}

// The runtime's CMI data model as JSON (scorm-again's renderCMIToJSONObject).
async function cmi(page) {
  return page.evaluate(() => window.__api.renderCMIToJSONObject());
}

// Plays the SCO's video to its end, muted at `rate` (Chromium allows ≤ 16).
async function playToEnd(frame, rate = 16) {
  await frame.evaluate(async (r) => {
    const v = document.getElementById("lesson-video");
    v.muted = true;
    v.playbackRate = r;
    const ended = new Promise((resolve) => v.addEventListener("ended", resolve, { once: true }));
    await v.play();
    await ended;
  }, rate);
}

// Navigates the SCO's frame away, which fires pagehide in it (not unload).
async function leaveSco(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const f = document.getElementById("sco");
    f.addEventListener("load", resolve, { once: true });
    f.src = "about:blank";
  }));
}

module.exports = { startServer, watchErrors, openSco, events, cmi, playToEnd, leaveSco };
