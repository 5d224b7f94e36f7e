#include "packager/pipeline/check_inputs.hpp"

#include <fstream>

#include <fmt/format.h>

#include "packager/core/limits.hpp"
#include "packager/media/webvtt.hpp"
#include "packager/pipeline/layout.hpp"
#include "packager/pipeline/site_names.hpp"

namespace packager::pipeline {
namespace fs = std::filesystem;
namespace {

bool check_captions(const lesson::Lesson& l, Diagnostics& diagnostics) {
  if (l.caption_file.empty()) return false;
  auto problem = media::find_webvtt_problem(l.caption_file);
  if (!problem) return false;
  problem->message += referenced_by(l, "captionFilePath", l.caption_path);
  diagnostics.add(std::move(*problem));
  return true;
}

bool check_pdf(const lesson::Lesson& l, Diagnostics& diagnostics) {
  if (l.pdf_file.empty()) return false;
  const std::string path = l.pdf_file.string();
  const std::string where = referenced_by(l, "pdfFilePath", l.pdf_path);
  std::error_code ec;
  const auto size = fs::file_size(l.pdf_file, ec);
  if (ec) {
    diagnostics.error(path, 0, 0, fmt::format("cannot read the PDF sheet: {}{}", ec.message(), where));
    return true;
  }
  if (size == 0) {
    diagnostics.error(path, 0, 0, "the PDF sheet is empty (0 bytes)" + where);
    return true;
  }
  if (size > limits::k_max_pdf_bytes) {
    diagnostics.error(path, 0, 0,
                      fmt::format("the PDF sheet is {} bytes, more than the limit of {} bytes{}", size,
                                  limits::k_max_pdf_bytes, where));
    return true;
  }
  char head[64] = {};
  std::ifstream in(l.pdf_file, std::ios::binary);
  in.read(head, sizeof head);
  const std::string start(head, static_cast<size_t>(in.gcount()));
  if (start.rfind("%PDF-", 0) == 0) return false;
  // A sheet saved from a browser is often the HTML page of the link.
  const size_t first = start.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  const bool html = first != std::string::npos && start[first] == '<';
  diagnostics.error(path, 1, 1,
                    fmt::format("not a PDF file: it does not start with '%PDF-'{}{}",
                                html ? " (it looks like an HTML page saved as .pdf)" : "", where));
  return true;
}

// The longest path a lesson gets (its transcript page) carries every part
// of its folder: checking it checks them all.
bool check_names(const lesson::Lesson& l, Diagnostics& diagnostics) {
  const std::string rel = lesson_transcript_path(l);
  const std::string problem = fat_path_problem(rel);
  if (problem.empty()) return false;
  diagnostics.error(l.source.string(), 0, 0,
                    fmt::format("the lesson's package path '{}' {}; USB sticks (FAT32/exFAT) and Windows cannot "
                                "hold it: rename the lesson file",
                                rel, problem));
  return true;
}

}  // namespace

std::string referenced_by(const lesson::Lesson& l, const char* key, const lesson::Field& field) {
  std::string at = l.source.string();
  if (field.pos.line > 0) at += fmt::format(":{}:{}", field.pos.line, field.pos.column);
  return fmt::format(" ({} of {})", key, at);
}

bool check_lesson_inputs(const lesson::Lesson& lesson, Diagnostics& diagnostics) {
  // Not short-circuited: every problem of the lesson is reported.
  const bool captions = check_captions(lesson, diagnostics);
  const bool pdf = check_pdf(lesson, diagnostics);
  const bool names = check_names(lesson, diagnostics);
  return captions || pdf || names;
}

int check_course_inputs(const lesson::Course& course, const std::vector<fs::path>& media_dirs,
                        Diagnostics& diagnostics) {
  int failed = 0;
  for (const auto& l : course.lessons) failed += check_lesson_inputs(l, diagnostics) ? 1 : 0;
  for (const auto& dir : media_dirs) {
    std::error_code ec;
    // A mistyped folder would quietly download every video again.
    if (!fs::is_directory(dir, ec))
      diagnostics.error(dir.string(), 0, 0, "the --media-dir folder does not exist");
  }
  return failed;
}

}  // namespace packager::pipeline
