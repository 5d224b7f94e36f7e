// A student's visit to a SCORM activity in the real Moodle, for what
// ../shared/moodle/play.mjs does not do (run by tests/moodle/run.sh).
//   node visit.mjs --url URL --cmid N --mode toc --a SCOID --b SCOID[,SCOID…] [--shots DIR --label L]
//     In-player navigation through Moodle's own table of contents: watch 30%
//     of lesson A, open each lesson B from the TOC (watch 20% of a video;
//     a PDF lesson is only looked at), open A again from the TOC, check it
//     resumes at its bookmark (entry=resume), watch it to the end, Exit
//     activity.
//   node visit.mjs --url URL --cmid N --mode open [...]
//     A lesson without a video (a PDF sheet): enter, let the page load,
//     Exit activity.
// Both check that no lesson page showed its "not tracked" note (#lms-status)
// and that none offers a link to the package's course index. Prints one JSON
// object; the caller reads what Moodle stored (readtracks.php).
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const require = createRequire((process.env.MOODLE_NODE_DIR || "/tmp/moodle/node") + "/");
const { chromium } = require("playwright-core");

const base = args.url;
const shots = args.shots || "/tmp/moodle/shots";
const label = args.label || `cm${args.cmid}-${args.mode}`;
fs.mkdirSync(shots, { recursive: true });
const out = { mode: args.mode, steps: [], frames: [], shots: [], error: null };
const step = (s) => out.steps.push(`${new Date().toISOString().slice(11, 23)} ${s}`);
const shot = async (page, name) => {
  const file = path.join(shots, `${label}-${name}.png`);
  await page.screenshot({ path: file });
  out.shots.push(file);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--disable-gpu", "--mute-audio"],
});
const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "en-GB" })).newPage();
// Every datamodel.php call (the SCO's commits and finishes), for the record.
out.datamodel = [];
page.context().on("request", (r) => {
  if (!/\/mod\/scorm\/datamodel\.php/.test(r.url())) return;
  const post = decodeURIComponent((r.postData() || "").replace(/\+/g, " "));
  const pick = (k) => (new RegExp(`(?:^|&)${k}=([^&]*)`).exec(post) || [])[1];
  out.datamodel.push({ t: new Date().toISOString().slice(11, 23), beacon: /api=beacon/.test(r.url()), scoid: pick("scoid"),
    status: pick("cmi__core__lesson_status") || pick("cmi__completion_status"),
    location: pick("cmi__core__lesson_location") || pick("cmi__location"),
    suspend: pick("cmi__suspend_data"), exit: pick("cmi__core__exit") || pick("cmi__exit") });
});
const scoPattern = /\/pluginfile\.php\/\d+\/mod_scorm\/content\//;

// The SCO frame once it holds a page other than `previous`.
async function scoFrame(previous) {
  for (let i = 0; i < 160; i += 1) {
    const f = page.frames().find((fr) => scoPattern.test(fr.url()) && fr.url() !== previous);
    if (f) {
      await f.waitForLoadState("load");
      return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error("no SCO frame; frames: " + page.frames().map((f) => f.url()).join(" | "));
}

// What the lesson page shows about the LMS, and Moodle's API values.
async function observe(frame) {
  await page.waitForTimeout(800);  // the runtime starts on DOMContentLoaded and seeks on loadedmetadata
  const o = await frame.evaluate(() => {
    const v = document.getElementById("lesson-video");
    const s = document.getElementById("lms-status");
    return {
      url: location.pathname.replace(/^.*\/content\/\d+\//, ""),
      status_note_shown: !!(s && !s.hidden),
      index_links: document.querySelectorAll("a[href$='index.html'], .course-nav").length,
      start_time: v ? v.currentTime : null,
      duration: v ? v.duration : null,
    };
  });
  o.api = await page.evaluate(() => (window.API_1484_11
    ? { entry: API_1484_11.GetValue("cmi.entry"), location: API_1484_11.GetValue("cmi.location"),
        status: API_1484_11.GetValue("cmi.completion_status") }
    : { entry: API.LMSGetValue("cmi.core.entry"), location: API.LMSGetValue("cmi.core.lesson_location"),
        status: API.LMSGetValue("cmi.core.lesson_status") }));
  out.frames.push(o);
  return o;
}

async function play(frame, until) {
  await frame.waitForFunction(() => { const v = document.getElementById("lesson-video"); return v && v.readyState >= 1; },
                              null, { timeout: 20000 });
  await frame.evaluate(async () => { const v = document.getElementById("lesson-video"); v.muted = true; await v.play(); });
  if (until === "end") {
    await frame.waitForFunction(() => document.getElementById("lesson-video").ended, null, { timeout: 120000, polling: 100 });
  } else {
    await frame.waitForFunction((f) => { const v = document.getElementById("lesson-video"); return v.currentTime >= v.duration * f; },
                                until, { timeout: 120000, polling: 50 });
    await frame.evaluate(() => document.getElementById("lesson-video").pause());
  }
  await page.waitForTimeout(1200);  // the SCO's commit after a pause / the end goes out
  return frame.evaluate(() => document.getElementById("lesson-video").currentTime);
}

async function openFromToc(scoid, previousUrl) {
  const link = page.locator(`#scorm_toc a[data-scoid="${scoid}"]`);
  if (!(await link.count())) throw new Error(`no TOC entry for sco ${scoid}`);
  step(`TOC -> ${(await link.first().innerText()).trim()}`);
  await link.first().click();
  return scoFrame(previousUrl);
}

try {
  for (let attempt = 1; ; attempt += 1) {
    await page.goto(`${base}/login/index.php`, { waitUntil: "networkidle" });
    await page.fill("#username", "student1");
    await page.fill("#password", "Student-pass-1");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click("#loginbtn")]);
    if (!(await page.$("#loginerrormessage, .loginerrors"))) break;
    if (attempt >= 2) throw new Error("login failed");
    step("login refused once, retrying");
  }
  await page.goto(`${base}/mod/scorm/view.php?id=${args.cmid}`, { waitUntil: "load" });
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.locator("#scormviewform button#n").click()]);
  let frame = await scoFrame(null);
  step(`entered: ${frame.url()}`);
  // Moodle's player frame alone (714x666 by default), as the learner sees it
  // on entering: the video with its control bar.
  await page.waitForTimeout(1000);
  const player = page.locator("#scorm_object");
  out.frame_box = await player.boundingBox();
  const frameShot = path.join(shots, `${label}-frame.png`);
  await player.screenshot({ path: frameShot });
  out.shots.push(frameShot);
  if (args.mode === "toc") {
    const first = await observe(frame);
    out.a_paused_at = await play(frame, 0.3);
    step(`A paused at ${out.a_paused_at.toFixed(2)}s`);
    out.b_paused_at = {};
    for (const b of args.b.split(",")) {
      frame = await openFromToc(b, frame.url());
      const seen = await observe(frame);
      if (seen.duration) {
        out.b_paused_at[b] = await play(frame, 0.2);
        step(`${seen.url} paused at ${out.b_paused_at[b].toFixed(2)}s`);
      } else {
        await page.waitForTimeout(1500);
        step(`${seen.url}: no video, looked at`);
      }
    }
    frame = await openFromToc(args.a, frame.url());
    const back = await observe(frame);
    out.a_resumed_at = back.start_time;
    out.a_entry_again = back.api.entry;
    step(`A again: entry=${back.api.entry}, starts at ${back.start_time}`);
    await shot(page, "toc-back-in-a");
    await play(frame, "end");
    step("A watched to the end");
    out.first_url = first.url;
  } else {
    await observe(frame);
    await page.waitForTimeout(1500);
    await shot(page, "open");
  }
  out.api_before_exit = (await observe(frame)).api;
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.locator('a[title="Exit activity"]').first().click()]);
  await page.waitForTimeout(2500);  // the exit's commit, sent on pagehide
  step("exited");
} catch (e) {
  out.error = String((e && e.message) || e).slice(0, 1000);
  try { await shot(page, "error"); } catch { /* the page is gone */ }
}
await browser.close();
process.stdout.write(JSON.stringify(out) + "\n");
