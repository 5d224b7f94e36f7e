// ssp.js SOURCE_DIR OUTPUT_DIR: packages an already-built folder with
// simple-scorm-packager (SCORM 1.2, zipped), the tool many teams use today.
const path = require("path");
const packager = require("simple-scorm-packager");
const [source, output] = process.argv.slice(2);
packager(
  {
    version: "1.2",
    organization: "Bench",
    title: "Bench",
    language: "fr",
    identifier: "bench",
    startingPage: "lessons/lesson/index.html",
    source: path.resolve(source),
    package: { zip: true, outputFolder: path.resolve(output), version: "1.0.0", date: "2000-01-01" },
  },
  () => {}
);
