/* SCORM 1.2 runtime for a video lesson: plain JavaScript, no build step.
   Finds the LMS API with ADL's algorithm, reports the lesson incomplete on
   start and completed when the video ends, and finishes on pagehide. With no
   LMS (a USB stick), the page simply plays. */
(function () {
  "use strict";

  function findApi(win) {
    var tries = 0;
    while (win && !win.API && win.parent && win.parent !== win && tries < 7) {
      tries += 1;
      win = win.parent;
    }
    return win && win.API ? win.API : null;
  }

  function getApi() {
    var api = null;
    try { api = findApi(window); } catch (e) { api = null; }
    if (!api && window.opener) {
      try { api = findApi(window.opener); } catch (e2) { api = null; }
    }
    return api;
  }

  var api = getApi();
  var started = Date.now();
  var finished = false;

  function call(name) {
    if (!api || typeof api[name] !== "function") return "";
    try {
      return api[name].apply(api, Array.prototype.slice.call(arguments, 1));
    } catch (e) {
      return "";
    }
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function sessionTime() {
    var seconds = (Date.now() - started) / 1000;
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return pad(h) + ":" + pad(m) + ":" + (s < 10 ? "0" : "") + s.toFixed(2);
  }

  if (api && String(call("LMSInitialize", "")) === "true") {
    var status = String(call("LMSGetValue", "cmi.core.lesson_status"));
    if (status !== "completed" && status !== "passed") {
      call("LMSSetValue", "cmi.core.lesson_status", "incomplete");
      call("LMSCommit", "");
    }
  } else {
    api = null;
  }

  function complete() {
    if (!api) return;
    call("LMSSetValue", "cmi.core.lesson_status", "completed");
    call("LMSCommit", "");
  }

  function finish() {
    if (!api || finished) return;
    finished = true;
    call("LMSSetValue", "cmi.core.session_time", sessionTime());
    call("LMSCommit", "");
    call("LMSFinish", "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var video = document.getElementById("lesson-video");
    if (video) video.addEventListener("ended", complete);
  });
  window.addEventListener("pagehide", finish);
})();
