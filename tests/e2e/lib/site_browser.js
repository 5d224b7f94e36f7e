// Drives headless Chromium over the DevTools protocol (Node's built-in
// WebSocket, no npm package) through an offline site opened from file://:
// index -> first lesson (the video plays) -> back to the index -> the
// transcript link lands on the transcript. Exits non-zero with a message on
// the first failure, and on any console error or failed load.
//   node --experimental-websocket site_browser.js CHROMIUM SITE_DIR PROFILE_DIR
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const [chromium, siteDir, profile] = process.argv.slice(2);
const fail = (msg) => { console.error(`FAIL: ${msg}`); process.exit(1); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const proc = spawn(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
    `--user-data-dir=${profile}`, "--autoplay-policy=no-user-gesture-required", "--mute-audio", "about:blank"],
    { stdio: "ignore" });
  const timer = setTimeout(() => { proc.kill(); fail("timed out"); }, 60000);
  try {
    const portFile = path.join(profile, "DevToolsActivePort");
    for (let i = 0; i < 200 && !fs.existsSync(portFile); i++) await sleep(50);
    const port = fs.readFileSync(portFile, "utf8").split("\n")[0];
    const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const ws = new WebSocket(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
    await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
    let id = 0;
    const pending = new Map();
    const problems = [];
    let loaded = null;
    ws.onmessage = (event) => {
      const msg = JSON.parse(event.data);
      if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); return; }
      if (msg.method === "Page.loadEventFired" && loaded) { loaded(); loaded = null; }
      if (msg.method === "Runtime.exceptionThrown") problems.push(msg.params.exceptionDetails.text);
      if (msg.method === "Runtime.consoleAPICalled" && msg.params.type === "error")
        problems.push(msg.params.args.map((a) => a.value).join(" "));
      if (msg.method === "Log.entryAdded" && msg.params.entry.level === "error") problems.push(msg.params.entry.text);
    };
    const send = (method, params = {}) => new Promise((resolve) => {
      pending.set(++id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
    const evaluate = async (expression) => {
      const r = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
      if (r.result.exceptionDetails) fail(`${expression}: ${r.result.exceptionDetails.text}`);
      return r.result.result.value;
    };
    const navigation = () => new Promise((resolve) => { loaded = resolve; });
    await send("Page.enable"); await send("Runtime.enable"); await send("Log.enable");

    const index = pathToFileURL(path.join(siteDir, "index.html")).href;
    let done = navigation();
    await send("Page.navigate", { url: index });
    await done;
    const lessonHref = await evaluate("document.querySelector('.site-lesson a').href");
    if (!lessonHref) fail("the index links no lesson");
    done = navigation();
    await evaluate("document.querySelector('.site-lesson a').click()");
    await done;
    const at = await evaluate("location.href");
    if (at !== lessonHref) fail(`clicking the lesson led to ${at}`);
    // The video plays from file://: time advances.
    const played = await evaluate(`(async () => {
      const v = document.querySelector('video');
      v.muted = true;
      await v.play();
      await new Promise((r) => setTimeout(r, 1200));
      return v.currentTime;
    })()`);
    if (!(played > 0.3)) fail(`the video did not play (currentTime ${played})`);
    done = navigation();
    await send("Page.navigate", { url: index });
    await done;
    done = navigation();
    await evaluate("document.querySelector('.transcript-link').click()");
    await done;
    const hash = await evaluate("location.hash");
    const text = await evaluate("document.querySelector('#transcript') && document.querySelector('#transcript').innerText");
    if (hash !== "#transcript" || !text) fail(`the transcript link did not reach the transcript (${hash})`);
    if (problems.length) fail(`console errors: ${problems.join(" | ")}`);
    console.log(`played ${played.toFixed(2)} s; transcript: ${text.split("\n")[0]}`);
    ws.close();
  } finally {
    clearTimeout(timer);
    proc.kill();
  }
}
main().catch((e) => fail(e.stack || String(e)));
