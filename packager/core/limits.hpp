#pragma once
// Every input packager reads without a natural bound has a limit here, in
// one place, with the error a user sees when it is crossed
// (docs/hardening.md lists them). Limits are far above real courses (lesson
// files are under 50 KB, videos under an hour) and exist so that a damaged
// or hostile input fails with a clear message instead of exhausting memory,
// disk or time. Stages that enforce a limit of their own keep a constant
// equal to the one here; tests/unit/pipeline/limits_test.cpp checks that.

#include <cstdint>

namespace packager::limits {

// A lesson file (front matter + Markdown); lesson::k_max_lesson_bytes.
inline constexpr std::uintmax_t k_max_lesson_bytes = 1024 * 1024;
// A course manifest (YAML).
inline constexpr std::uintmax_t k_max_manifest_bytes = 1024 * 1024;
// The transcript section of one lesson, in bytes of Markdown.
inline constexpr std::uintmax_t k_max_transcript_bytes = 512 * 1024;
// Lessons in one course, after globs are expanded.
inline constexpr std::size_t k_max_lessons = 1000;
// Cues in one WebVTT caption file.
inline constexpr std::size_t k_max_caption_cues = 20000;
// One PDF sheet (pdfFilePath): real ones are a few MB; an LMS's upload limit
// is often 100 MB for the whole package.
inline constexpr std::uintmax_t k_max_pdf_bytes = 64ull * 1024 * 1024;
// One downloaded video; fetch::FetchOptions::max_bytes.
inline constexpr std::uintmax_t k_max_download_bytes = 8ull * 1024 * 1024 * 1024;
// One video's duration, in seconds (4 hours).
inline constexpr double k_max_video_seconds = 4 * 3600;

}  // namespace packager::limits
