// Launches Debian's Chromium (/usr/bin/chromium) headless through
// playwright-core, with a fresh profile. A missing browser is an error, never
// a skip: a test that cannot find Chromium must fail.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

function requireNpm(name) {
  try {
    return require(name);
  } catch (e) {
    throw new Error(`npm package ${name} is missing: run 'npm ci' in tests/browser (scripts/install-deps.sh does)`);
  }
}
const { chromium } = requireNpm("playwright-core");

const k_executable = process.env.CHROMIUM || "/usr/bin/chromium";

// The flags the issue lists; the user data dir is added per launch.
const k_flags = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--autoplay-policy=no-user-gesture-required",
];

// Returns { context, close() }: a persistent context on a fresh profile that
// is deleted on close. Throws when Chromium is missing or will not start.
async function launch() {
  if (!fs.existsSync(k_executable)) {
    throw new Error(`Chromium not found at ${k_executable}: run scripts/install-deps.sh (Debian package 'chromium')`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "packager-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: k_executable,
    headless: true,
    args: k_flags,
    viewport: { width: 1024, height: 768 },
    timeout: 30000,
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

module.exports = { launch, requireNpm, k_flags, k_executable };
