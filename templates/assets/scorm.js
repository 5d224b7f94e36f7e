/* SCORM runtime for a video lesson: plain JavaScript (ES5), no build step, no
   modules, so it also works from file:// on a USB stick.

   - Finds the LMS with ADL's algorithm: up to 7 parents, then the opener's
     chain; `API` for SCORM 1.2, `API_1484_11` for SCORM 2004. The page's
     <body data-scorm-version> says which to look for first.
   - Reports the lesson incomplete on start unless it is already completed.
   - Completion comes from the seconds actually watched (the video's played
     ranges, kept across sessions in suspend_data), never from the position:
     seeking to the end does not count. The share needed is
     <body data-completion-threshold> (default 0.90), unless a SCORM 2004
     LMS gives cmi.completion_threshold. A page with no video is completed
     once opened.
   - The bookmark is the playback position (lesson_location / location); the
     video resumes there when the LMS says entry = resume.
   - Commits at 25/50/75/100% watched, on completion and when the page is
     hidden; finishes on pagehide (never unload).
   - With no LMS, the page works as is and keeps the bookmark and the watched
     ranges in localStorage.
   - Inside an LMS the page never takes itself away: the "back to the course
     index" link is removed (the LMS's table of contents is the navigation;
     Moodle 4.5 acts on adl.nav.request only for continue/previous, so there
     is no LMS request to go back to an index), and every other link opens
     in a new window. An API that refuses to initialise (a session already
     terminated: SCORM 2004 error 104) is said on the page, and nothing is
     kept in localStorage, where it would never reach the LMS.
   - What the page last told the LMS is also kept on the LMS's API object,
     for the life of the LMS's player page: Moodle 4.5 builds every SCO's
     data once, when its player opens, so a lesson opened again from its
     table of contents in the same visit is handed the data of the visit's
     start (entry ab-initio, no bookmark, older suspend_data). The page then
     resumes from what it wrote itself, and merges the watched ranges.
   - On the course index page (body.course-index) it only looks for an LMS:
     inside one, the page says to use the LMS's table of contents. */
(function () {
  "use strict";

  var k_max_parents = 7;
  // The most suspend_data characters written, per version: SCORM 1.2's
  // CMIString4096 and 2004's 64000. `packager validate` reads the 1.2 one.
  var k_suspend_limit_12 = 4096;
  var k_suspend_limit_2004 = 64000;
  var k_milestones = [0.25, 0.5, 0.75, 1];
  var k_storage_prefix = "packager:";

  // ---- Finding the API (ADL) --------------------------------------------

  function scan(win, name) {
    var tries = 0;
    while (win && !win[name] && win.parent && win.parent !== win && tries < k_max_parents) {
      tries += 1;
      win = win.parent;
    }
    return win && win[name] ? win[name] : null;
  }

  // A cross-origin parent throws on access: treat it as "no API there".
  function findApi(name) {
    var api = null;
    try { api = scan(window, name); } catch (e) { api = null; }
    if (!api) {
      try { if (window.opener) api = scan(window.opener, name); } catch (e2) { api = null; }
    }
    return api;
  }

  // ---- The two SCORM versions behind one interface ------------------------

  function Lms(api, v12) {
    this.api = api;
    this.v12 = v12;
    this.names = v12
      ? { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish" }
      : { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate" };
    this.keys = v12
      ? { status: "cmi.core.lesson_status", location: "cmi.core.lesson_location", entry: "cmi.core.entry",
          suspend: "cmi.suspend_data", session: "cmi.core.session_time", exit: "cmi.core.exit" }
      : { status: "cmi.completion_status", location: "cmi.location", entry: "cmi.entry",
          suspend: "cmi.suspend_data", session: "cmi.session_time", exit: "cmi.exit",
          progress: "cmi.progress_measure" };
    this.suspendLimit = v12 ? k_suspend_limit_12 : k_suspend_limit_2004;
  }
  Lms.prototype.call = function (name, a, b) {
    var fn = this.api[this.names[name]];
    if (typeof fn !== "function") return "";
    try {
      var r = b === undefined ? fn.call(this.api, a) : fn.call(this.api, a, b);
      return r === undefined || r === null ? "" : String(r);
    } catch (e) {
      return "";
    }
  };
  Lms.prototype.get = function (key) { return this.call("get", this.keys[key]); };
  Lms.prototype.set = function (key, value) { return this.call("set", this.keys[key], String(value)); };
  Lms.prototype.commit = function () { return this.call("commit", ""); };
  Lms.prototype.finish = function () { return this.call("finish", ""); };

  // Returns { lms, found }: lms is the initialised LMS or null; found tells
  // whether an API was there at all (so a refusal is not "no LMS").
  function connect(preferred) {
    var order = preferred === "2004" ? [false, true] : [true, false];
    var found = null;
    for (var i = 0; i < order.length; i += 1) {
      var api = findApi(order[i] ? "API" : "API_1484_11");
      if (api) {
        var lms = new Lms(api, order[i]);
        if (lms.call("init", "") === "true") return { lms: lms, found: lms };
        if (!found) found = lms;
      }
    }
    return { lms: null, found: found };
  }

  function lastError(lms) {
    var fn = lms.api[lms.v12 ? "LMSGetLastError" : "GetLastError"];
    try { return typeof fn === "function" ? String(fn.call(lms.api)) : ""; } catch (e) { return ""; }
  }

  // ---- Links inside an LMS ------------------------------------------------------

  // Following a link in the SCO's frame would end its session (pagehide ->
  // Terminate) and leave the learner on a page the LMS does not track.
  function keepLinksInPlace() {
    var navs = document.querySelectorAll(".course-nav");
    for (var i = 0; i < navs.length; i += 1) navs[i].parentNode.removeChild(navs[i]);
    var links = document.querySelectorAll("a[href]");
    for (var j = 0; j < links.length; j += 1) {
      var a = links[j];
      var href = a.getAttribute("href");
      if (href.charAt(0) === "#" || a.hasAttribute("download")) continue;
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener");
    }
  }

  function showStatus(detail) {
    var note = document.getElementById("lms-status");
    if (!note) return;
    if (detail && detail !== "0") {
      note.setAttribute("data-lms-error", detail);
      note.appendChild(document.createTextNode(" (" + detail + ")"));
    }
    note.hidden = false;
  }

  // The course index inside an LMS: its lessons are the LMS's to open.
  function startIndex() {
    if (!findApi("API") && !findApi("API_1484_11")) return;
    var lists = document.querySelectorAll(".area-group");
    for (var i = 0; i < lists.length; i += 1) lists[i].hidden = true;
    showStatus("");
    keepLinksInPlace();
  }

  // ---- Time formats ---------------------------------------------------------

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  // SCORM 1.2 CMITimespan: HHHH:MM:SS.SS (hours 2 to 4 digits).
  function timespan12(ms) {
    var cs = Math.round(ms / 10);
    var h = Math.min(9999, Math.floor(cs / 360000));
    var m = Math.floor(cs / 6000) % 60;
    var s = Math.floor(cs / 100) % 60;
    return pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }

  // SCORM 2004 timeinterval: an ISO 8601 duration, e.g. PT1H2M3.45S.
  function duration2004(ms) {
    var cs = Math.round(ms / 10);
    var h = Math.floor(cs / 360000);
    var m = Math.floor(cs / 6000) % 60;
    var s = Math.floor(cs / 100) % 60;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s + "." + pad(cs % 100, 2) + "S";
  }

  // ---- Watched ranges ---------------------------------------------------------

  // Sorted, disjoint [start, end] pairs.
  function merge(ranges) {
    var sorted = ranges.filter(function (r) { return r[1] > r[0]; })
      .sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    for (var i = 0; i < sorted.length; i += 1) {
      var last = out[out.length - 1];
      if (last && sorted[i][0] <= last[1]) last[1] = Math.max(last[1], sorted[i][1]);
      else out.push([sorted[i][0], sorted[i][1]]);
    }
    return out;
  }

  function total(ranges) {
    var sum = 0;
    for (var i = 0; i < ranges.length; i += 1) sum += ranges[i][1] - ranges[i][0];
    return sum;
  }

  // "w=0-12.5,30-42": one decimal keeps it short and precise enough. Ranges
  // are rounded inwards so stored credit never exceeds what was watched.
  function serialize(ranges) {
    return "w=" + ranges.map(function (r) {
      return (Math.ceil(r[0] * 10) / 10) + "-" + (Math.floor(r[1] * 10) / 10);
    }).join(",");
  }

  function parse(text) {
    var out = [];
    var m = /(?:^|;)w=([0-9.,\-]*)/.exec(text || "");
    if (!m || !m[1]) return out;
    var parts = m[1].split(",");
    for (var i = 0; i < parts.length; i += 1) {
      var p = parts[i].split("-");
      var a = parseFloat(p[0]);
      var b = parseFloat(p[1]);
      if (p.length === 2 && isFinite(a) && isFinite(b) && b > a && a >= 0) out.push([a, b]);
    }
    return merge(out);
  }

  // Drops the shortest ranges until the text fits the limit: the learner
  // may lose a little credit, but never gets credit not earned.
  function fit(ranges, limit) {
    var kept = ranges.slice();
    while (kept.length && serialize(kept).length > limit) {
      var shortest = 0;
      for (var i = 1; i < kept.length; i += 1) {
        if (kept[i][1] - kept[i][0] < kept[shortest][1] - kept[shortest][0]) shortest = i;
      }
      kept.splice(shortest, 1);
    }
    return serialize(kept);
  }

  // ---- The LMS page's memory -------------------------------------------------

  // One entry per lesson page on the API object itself: it lives exactly as
  // long as the LMS's data model (a new player page makes a new API).
  var k_memo = "__packagerLessons";

  function memo(lms) {
    try {
      var all = lms.api[k_memo];
      return all && all[location.pathname] ? all[location.pathname] : null;
    } catch (e) {
      return null;
    }
  }

  function remember(lms, state) {
    try {
      if (!lms.api[k_memo]) lms.api[k_memo] = {};
      lms.api[k_memo][location.pathname] = state;
    } catch (e) { /* a sealed API object: nothing to remember with */ }
  }

  // ---- localStorage (no LMS) --------------------------------------------------

  var storageKey = k_storage_prefix + location.pathname;

  function loadLocal() {
    try {
      var raw = window.localStorage.getItem(storageKey);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null;  // storage disabled or corrupt: start afresh
    }
  }

  function saveLocal(state) {
    try { window.localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* full or disabled */ }
  }

  // ---- The lesson -------------------------------------------------------------

  function start() {
    var body = document.body;
    var version = body.getAttribute("data-scorm-version") || "1.2";
    var threshold = parseFloat(body.getAttribute("data-completion-threshold"));
    if (!(threshold > 0 && threshold <= 1)) threshold = 0.9;

    var video = document.getElementById("lesson-video");
    var connection = connect(version);
    var lms = connection.lms;
    if (connection.found) keepLinksInPlace();
    if (!lms && connection.found) {
      // An LMS is there but will not track this page: say so, and keep
      // nothing locally (it would never reach the LMS).
      showStatus(lastError(connection.found));
      return;
    }
    var started = Date.now();
    var finished = false;
    var completed = false;
    var stored = [];         // ranges watched in earlier sessions
    var resumeAt = 0;
    var milestone = 0;       // index into k_milestones of the next one
    var lastSecond = -1;

    var review = false;      // the LMS opened a finished attempt for review
    if (lms) {
      var status = lms.get("status");
      completed = status === "completed" || status === "passed";
      review = lms.call("get", lms.v12 ? "cmi.core.lesson_mode" : "cmi.mode") === "review";
      if (!lms.v12) {
        // A 2004 LMS hands down the manifest's adlcp:completionThreshold,
        // which then rules over the page's.
        var lmsThreshold = parseFloat(lms.call("get", "cmi.completion_threshold"));
        if (lmsThreshold > 0 && lmsThreshold <= 1) threshold = lmsThreshold;
      }
      if (review) completed = true;  // reviewing changes nothing
      stored = parse(lms.get("suspend"));
      if (lms.get("entry") === "resume") {
        var at = parseFloat(lms.get("location"));
        if (isFinite(at) && at > 0) resumeAt = at;
      }
      // This page already ran in this LMS page (opened again from its table
      // of contents): what it wrote then is newer than what the LMS hands.
      var earlier = review ? null : memo(lms);
      if (earlier) {
        stored = merge(stored.concat(parse(earlier.watched)));
        if (earlier.position > 0) resumeAt = earlier.position;
        if (earlier.completed && !completed) {
          completed = true;
          lms.set("status", "completed");
        }
      }
      if (!completed && !video) {
        // A lesson with nothing to watch (a PDF sheet) is done once opened,
        // in the first commit: an "incomplete" one before it may be stored
        // after it by an LMS sending beacons in parallel (Moodle, once a
        // frame has changed).
        completed = true;
        lms.set("status", "completed");
        if (!lms.v12) lms.set("progress", "1");
      }
      if (!completed) lms.set("status", "incomplete");
      lms.commit();
    } else {
      var local = loadLocal();
      if (local) {
        stored = parse(local.watched);
        if (isFinite(local.position) && local.position > 0) resumeAt = local.position;
        completed = local.completed === true;
      }
    }

    // Earlier sessions' ranges plus this one's, within the video: a stored
    // range past its end (another video under the same name) earns nothing.
    function watched() {
      var ranges = stored.slice();
      if (video) {
        for (var i = 0; i < video.played.length; i += 1) ranges.push([video.played.start(i), video.played.end(i)]);
        var d = video.duration;
        if (d > 0 && isFinite(d)) {
          ranges = ranges.map(function (r) { return [Math.max(0, r[0]), Math.min(d, r[1])]; });
        }
      }
      return merge(ranges);
    }

    function progress(ranges) {
      var d = video && video.duration;
      if (!(d > 0) || !isFinite(d)) return 0;
      return Math.min(1, total(ranges) / d);
    }

    function position() {
      return video ? Math.round(video.currentTime * 10) / 10 : 0;
    }

    // Writes the bookmark and the watched ranges; commits when asked.
    function save(commit) {
      var ranges = watched();
      var p = progress(ranges);
      if (!lms) {
        saveLocal({ position: position(), watched: serialize(ranges), completed: completed });
        return;
      }
      if (finished) return;
      var text = fit(ranges, lms.suspendLimit);
      lms.set("location", String(position()));
      lms.set("suspend", text);
      remember(lms, { position: position(), watched: text, completed: completed });
      if (!lms.v12) lms.set("progress", String(Math.floor(p * 100) / 100));
      if (commit) lms.commit();
    }

    function check() {
      var ranges = watched();
      var p = progress(ranges);
      var commit = false;
      while (milestone < k_milestones.length && p >= k_milestones[milestone] - 0.001) {
        milestone += 1;
        commit = true;
      }
      if (!completed && p >= threshold) {
        completed = true;
        if (lms) lms.set("status", "completed");
        commit = true;
      }
      if (commit) save(true);
    }

    function onTime() {
      var second = Math.floor(video.currentTime);
      if (second !== lastSecond) {
        lastSecond = second;
        save(false);
      }
      check();
    }

    function finish() {
      if (finished) return;
      save(false);
      if (lms) {
        lms.set("exit", "suspend");  // keeps the bookmark for the next session
        lms.set("session", lms.v12 ? timespan12(Date.now() - started) : duration2004(Date.now() - started));
        lms.commit();
        lms.finish();
      }
      finished = true;
    }

    if (video) {
      var seekToBookmark = function () {
        // A bookmark at the very end would open on a finished video.
        if (resumeAt > 0 && resumeAt < video.duration - 1) video.currentTime = resumeAt;
      };
      if (video.readyState >= 1) seekToBookmark();
      else video.addEventListener("loadedmetadata", seekToBookmark, { once: true });
      video.addEventListener("loadedmetadata", function () {
        // Milestones already passed in earlier sessions are not committed again.
        var p = progress(watched());
        while (milestone < k_milestones.length && p >= k_milestones[milestone] - 0.001) milestone += 1;
        check();
        save(false);  // reports the progress carried over from earlier sessions
      });
      video.addEventListener("timeupdate", onTime);
      video.addEventListener("pause", function () { save(false); });
      video.addEventListener("seeked", function () { save(false); });
      video.addEventListener("ended", function () { check(); save(true); });
    } else if (!completed) {
      // Without an LMS too, a lesson with nothing to watch is done once opened.
      completed = true;
    }

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        if (lms && !finished) {
          lms.set("session", lms.v12 ? timespan12(Date.now() - started) : duration2004(Date.now() - started));
        }
        save(true);
      }
    });
    window.addEventListener("pagehide", finish);
  }

  function begin() {
    if (document.body.classList.contains("course-index")) startIndex();
    else start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", begin);
  else begin();
})();
