// Runs axe-core (npm) on a page or frame and returns its serious and
// critical violations, one line each, for assertion messages.
"use strict";

const { requireNpm } = require("./chromium");

const k_axe_source = requireNpm("axe-core").source;

async function seriousViolations(target) {
  await target.evaluate(k_axe_source);
  const result = await target.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

module.exports = { seriousViolations };
