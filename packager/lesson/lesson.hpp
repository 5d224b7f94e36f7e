#pragma once
// Reading one lesson file: YAML front matter (yaml-cpp) and Markdown body
// (cmark) into a Lesson. Problems are collected as diagnostics rather than
// returned one at a time, so an author sees every mistake in one run.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "packager/core/diagnostic.hpp"
#include "packager/lesson/model.hpp"

namespace packager::lesson {

// Lesson files larger than this are refused: real ones are under 50 KB.
inline constexpr std::uintmax_t k_max_lesson_bytes = 1024 * 1024;

// Parses lesson text. `path` is used in diagnostics and as Lesson::source.
// captionFilePath / pdfFilePath resolve against `public_root` (empty: found
// by find_public_root from `path`) into Lesson::caption_file / pdf_file; a
// path leaving it or naming no file is an error at the field.
// Returns nullopt when any error was reported; warnings alone still yield a
// lesson.
std::optional<Lesson> parse_lesson(const std::string& path, std::string_view text,
                                   Diagnostics& diagnostics,
                                   const std::filesystem::path& public_root = {});

// The slug of the lesson in `path`: its file name without .md, slugified
// ("Les Acteurs.md" -> "les-acteurs"). The basis of the lesson's folder and
// SCORM identifiers, so two lessons of a course must not share it.
std::string lesson_slug(const std::filesystem::path& path);

// Reads and parses a lesson file; unreadable, oversized or non-UTF-8 files
// are reported as diagnostics too.
std::optional<Lesson> load_lesson(const std::filesystem::path& path, Diagnostics& diagnostics,
                                  const std::filesystem::path& public_root = {});

}  // namespace packager::lesson
