#pragma once
// WebVTT caption files: checked before they are packaged as the lesson
// video's <track kind="captions">, so a broken file is caught at build time
// rather than silently ignored by the browser.

#include <filesystem>
#include <optional>
#include <string_view>

#include "packager/core/diagnostic.hpp"
#include "packager/core/error.hpp"

namespace packager::media {

struct WebVttSummary {
  int cues = 0;
  double last_cue_end_seconds = 0;
};

// Checks `text` as the content of a WebVTT file: valid UTF-8 (a BOM is
// allowed), a "WEBVTT" signature line, then blocks separated by blank lines
// where each cue has a well-formed timing line "[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt"
// with start <= end and starts in non-decreasing order; NOTE, STYLE and
// REGION blocks are skipped. Fails with ErrorCode::input and a diagnostic
// "`display_path`:line:col: error: ..." with the offending line and a caret.
Result<WebVttSummary> check_webvtt(std::string_view text, const std::string& display_path);

// Checks `text` as above; returns the first problem as a diagnostic naming
// `display_path` (a URL, say), nullopt when the text is good.
std::optional<Diagnostic> find_webvtt_text_problem(std::string_view text, const std::string& display_path);

// Reads `path` and checks it as above; returns the first problem as a
// diagnostic naming `path` (line 0 when the file is too large or cannot be
// read), nullopt when the file is good.
std::optional<Diagnostic> find_webvtt_problem(const std::filesystem::path& path);

// Reads `path` and checks it as above. ErrorCode::input when it cannot be read.
Result<WebVttSummary> check_webvtt_file(const std::filesystem::path& path);

}  // namespace packager::media
