// A static file server on 127.0.0.1 for the harness: serves the harness page,
// the scorm-again runtime and extracted packages. It answers byte ranges,
// as a real web server does, so the video can seek.
"use strict";

const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");

const k_types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".mp4": "video/mp4",
  ".vtt": "text/vtt; charset=utf-8",
  ".jpg": "image/jpeg",
  ".png": "image/png",
  ".pdf": "application/pdf",
  ".xml": "application/xml",
  ".json": "application/json",
};

// mounts: { "/prefix/": "/abs/dir" }; headers: added to every answer (e.g.
// a Permissions-Policy, as an LMS sends). Returns { url, close() }.
async function serve(mounts, headers = {}) {
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const url = new URL(req.url, "http://127.0.0.1");
    const pathname = decodeURIComponent(url.pathname);
    // Browsers ask for it unprompted; it is no part of a package.
    if (pathname === "/favicon.ico") { res.writeHead(204).end(); return; }
    const prefix = Object.keys(mounts).find((p) => pathname.startsWith(p));
    if (!prefix) { res.writeHead(404).end(); return; }
    const root = mounts[prefix];
    const file = path.join(root, pathname.slice(prefix.length));
    // Never serve outside the mounted folder.
    if (!file.startsWith(root + path.sep) && file !== root) { res.writeHead(403).end(); return; }
    let stat;
    try { stat = fs.statSync(file); } catch { res.writeHead(404).end(); return; }
    if (!stat.isFile()) { res.writeHead(404).end(); return; }
    const type = k_types[path.extname(file).toLowerCase()] || "application/octet-stream";
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || "");
    if (range) {
      let start = range[1] === "" ? stat.size - Number(range[2]) : Number(range[1]);
      let end = range[1] !== "" && range[2] !== "" ? Number(range[2]) : stat.size - 1;
      end = Math.min(end, stat.size - 1);
      if (start > end || start < 0) {
        res.writeHead(416, { "Content-Range": `bytes */${stat.size}` }).end();
        return;
      }
      res.writeHead(206, {
        "Content-Type": type,
        "Content-Length": end - start + 1,
        "Content-Range": `bytes ${start}-${end}/${stat.size}`,
        "Accept-Ranges": "bytes",
      });
      fs.createReadStream(file, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { "Content-Type": type, "Content-Length": stat.size, "Accept-Ranges": "bytes" });
    if (req.method === "HEAD") { res.end(); return; }
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

module.exports = { serve };
