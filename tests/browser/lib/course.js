// One-call set-up for a test file: writes lesson files, builds the course
// package with the real packager and extracts it.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const pk = require("./packages");

// lessons: [{ slug, video (path to an MP4), fields }]. Returns
// { work, pkg: { zip, dir, manifest }, launches: [href of each sco] }.
function buildCourse(tag, { scorm = "1.2", lessons, courseFields = {} }) {
  const work = pk.workDir(tag);
  const media = path.join(work, "media");
  const src = path.join(work, "lessons");
  fs.mkdirSync(media);
  fs.mkdirSync(src);
  const files = lessons.map(({ slug, video, fields = {} }) => {
    const name = `${slug}-video.mp4`;
    fs.copyFileSync(video, path.join(media, name));
    return pk.writeLesson(src, slug, Object.assign({ video: name }, fields));
  });
  const course = pk.writeCourse(work, Object.assign({ id: tag, scorm, lessons: files }, courseFields));
  const pkg = pk.buildPackage(work, course, media);
  return { work, pkg, launches: pk.scoHrefs(pkg.manifest) };
}

module.exports = { buildCourse };
