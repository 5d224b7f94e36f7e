// Scenario 7, "Security": a lesson whose every text field holds script
// payloads opens, in the LMS harness and from file://, with no script run:
// window.__pwned stays unset, no dialog fires, no inline handler or
// javascript: link reaches the DOM, and the only script is the runtime.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const { launch } = require("./lib/chromium");
const { startServer, openSco, watchErrors } = require("./lib/harness");
const { buildCourse } = require("./lib/course");
const pk = require("./lib/packages");

const k_payloads = [
  "<script>window.__pwned=1;alert('script')</script>",
  "\"><img src=x onerror=\"window.__pwned=1;alert('img')\">",
  "'><svg onload=\"window.__pwned=1;alert('svg')\"></svg>",
  "<a href=\"javascript:window.__pwned=1;alert('a')\">lien</a>",
  "[lien](javascript:window.__pwned=1)",
  "&#60;script&#62;window.__pwned=1&#60;/script&#62; &#x3C;img src=x onerror=window.__pwned=1&#x3E;",
  "<iframe src=\"javascript:parent.__pwned=1\"></iframe>",
];
const k_all = k_payloads.join(" ");

let browser, built, server;
before(async () => {
  built = buildCourse("xss", {
    courseFields: { title: `Cours ${k_all}` },
    lessons: [{
      slug: "xss",
      video: pk.sampleVideo(),
      fields: {
        area: `Domaine ${k_all}`,
        title: `Titre ${k_all}`,
        description: `Description ${k_all}`,
        transcript: k_payloads.join("\n\n"),
        credits: k_payloads.map((p) => `- **${p}** : ${p}`).join("\n"),
        extra: k_payloads.join("\n\n"),
      },
    }],
  });
  browser = await launch();
  server = await startServer(built.pkg.dir);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Asserts that nothing of the payloads became live in `target`'s document.
async function assertInert(target, dialogs) {
  await target.waitForTimeout(300);  // let any handler or late script fire
  const dom = await target.evaluate(() => {
    const all = Array.from(document.querySelectorAll("*"));
    return {
      pwned: window.__pwned === undefined && (window.parent === window || window.parent.__pwned === undefined)
        ? null : "set",
      handlers: all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name))
        .map((a) => `${el.tagName} ${a.name}`)),
      jsLinks: all.filter((el) => /^\s*javascript:/i.test(el.getAttribute("href") || el.getAttribute("src") || ""))
        .map((el) => el.outerHTML),
      scripts: Array.from(document.scripts).map((s) => s.getAttribute("src")),
      frames: document.querySelectorAll("iframe, object, embed").length,
      title: document.title,
    };
  });
  assert.strictEqual(dom.pwned, null, "window.__pwned was set");
  assert.deepStrictEqual(dom.handlers, []);
  assert.deepStrictEqual(dom.jsLinks, []);
  assert.deepStrictEqual(dom.scripts.map((s) => path.posix.basename(s || "inline")), ["scorm.js"]);
  assert.strictEqual(dom.frames, 0);
  assert.ok(dom.title.includes("<script>"), `the title should show the payload as text: ${dom.title}`);
  assert.deepStrictEqual(dialogs, []);
}

test("script payloads in every field run nothing, inside the LMS harness", async () => {
  const { page, frame, errors } = await openSco(browser.context, server, { launch: built.launches[0] });
  await assertInert(frame, errors.filter((e) => e.startsWith("dialog")));
  assert.strictEqual(await page.evaluate(() => window.__pwned), undefined);
  // The payloads are shown as text.
  assert.ok((await frame.locator("h1").innerText()).includes("<script>window.__pwned=1"));
  await page.close();
});

test("script payloads in every field run nothing, from file://", async () => {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(pathToFileURL(path.join(built.pkg.dir, built.launches[0])).href);
  await assertInert(page.mainFrame(), errors.filter((e) => e.startsWith("dialog")));
  await page.close();
});
