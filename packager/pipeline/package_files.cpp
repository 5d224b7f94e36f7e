#include "packager/pipeline/package_files.hpp"

#include "packager/pipeline/layout.hpp"

namespace packager::pipeline {

std::vector<PackageFile> lesson_package_files(const lesson::Lesson& l, const LessonBuild& b) {
  std::vector<PackageFile> files;
  files.push_back({lesson_page_path(l), PackageFileKind::page, {}, b.page_html});
  if (!b.transcript_html.empty())
    files.push_back({lesson_transcript_path(l), PackageFileKind::transcript, {}, b.transcript_html});
  if (!b.video.empty()) files.push_back({lesson_video_path(l), PackageFileKind::video, b.video, {}});
  if (!b.poster.empty()) files.push_back({lesson_dir(l) + "/poster.jpg", PackageFileKind::poster, b.poster, {}});
  if (!b.captions.empty())
    files.push_back({lesson_dir(l) + "/captions.vtt", PackageFileKind::captions, b.captions, {}});
  if (!b.pdf.empty()) files.push_back({lesson_dir(l) + "/sheet.pdf", PackageFileKind::pdf, b.pdf, {}});
  return files;
}

std::vector<PackageFile> shared_package_files(const render::Templates& templates, std::string_view index_html) {
  std::vector<PackageFile> files;
  files.push_back({k_index_page, PackageFileKind::index, {}, index_html});
  for (const auto& asset : templates.assets)
    files.push_back({std::string(k_shared_dir) + "/" + asset.filename().string(), PackageFileKind::asset, asset, {}});
  return files;
}

std::string mime_type(std::string_view path) {
  const auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends_with(".html")) return "text/html; charset=utf-8";
  if (ends_with(".css")) return "text/css; charset=utf-8";
  if (ends_with(".js")) return "text/javascript; charset=utf-8";
  if (ends_with(".vtt")) return "text/vtt; charset=utf-8";
  if (ends_with(".svg")) return "image/svg+xml";
  if (ends_with(".mp4")) return "video/mp4";
  if (ends_with(".jpg") || ends_with(".jpeg")) return "image/jpeg";
  if (ends_with(".png")) return "image/png";
  if (ends_with(".pdf")) return "application/pdf";
  if (ends_with(".json")) return "application/json";
  if (ends_with(".xml")) return "application/xml";
  return "application/octet-stream";
}

}  // namespace packager::pipeline
