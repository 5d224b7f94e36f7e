#include "packager/lesson/course.hpp"

#include <glob.h>

#include <algorithm>

#include <regex>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "packager/lesson/lesson.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/text.hpp"

namespace packager::lesson {
namespace fs = std::filesystem;
namespace {

constexpr const char* k_course_keys[] = {"id",        "title",     "version", "language", "scorm",
                                         "packaging", "licence",   "media_dir", "lessons"};

struct Ctx {
  std::string path;
  std::string text;
  Diagnostics& diagnostics;
  SourcePos pos(const YAML::Mark& mark) const {
    return mark.is_null() ? SourcePos{1, 1} : SourcePos{mark.line + 1, mark.column + 1};
  }
  void error(const YAML::Node& node, std::string message) const {
    const auto at = pos(node.Mark());
    diagnostics.error(path, at.line, at.column, std::move(message), line_of(text, at.line));
  }
  void warning(const YAML::Node& node, std::string message) const {
    const auto at = pos(node.Mark());
    diagnostics.warning(path, at.line, at.column, std::move(message), line_of(text, at.line));
  }
};

std::vector<fs::path> expand(const fs::path& base, const std::string& pattern) {
  const std::string full = (base / pattern).lexically_normal().string();
  if (full.find_first_of("*?[") == std::string::npos) return {fs::path(full)};
  std::vector<fs::path> out;
  glob_t matches{};
  // glob sorts its results, which makes file order deterministic.
  if (::glob(full.c_str(), 0, nullptr, &matches) == 0)
    for (size_t i = 0; i < matches.gl_pathc; ++i) out.emplace_back(matches.gl_pathv[i]);
  ::globfree(&matches);
  return out;
}

bool is_semver(const std::string& version) {
  static const std::regex semver(R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$)");
  // std::regex recurses per character: bound the input (no version is 64+ long).
  return version.size() < 64 && std::regex_match(version, semver);
}

void read_manifest(const Ctx& ctx, const YAML::Node& root, const fs::path& base, Course& course) {
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = it->first.Scalar();
    const YAML::Node value = it->second;
    const bool known = std::find(std::begin(k_course_keys), std::end(k_course_keys), key) !=
                       std::end(k_course_keys);
    if (!known) {
      std::string best;
      size_t best_distance = 4;
      for (const char* candidate : k_course_keys) {
        const size_t d = util::edit_distance(key, candidate);
        if (d < best_distance) best_distance = d, best = candidate;
      }
      ctx.warning(it->first, best.empty() ? fmt::format("unknown key '{}'", key)
                                          : fmt::format("unknown key '{}'; did you mean '{}'?", key, best));
      continue;
    }
    if (key == "lessons") {
      if (!value.IsSequence()) {
        ctx.error(value, "'lessons' must be a list of lesson files or globs");
        continue;
      }
      std::set<fs::path> seen;
      for (const auto& entry : value) {
        if (!entry.IsScalar()) {
          ctx.error(entry, "each lesson must be a path or a glob");
          continue;
        }
        const auto files = expand(base, entry.Scalar());
        if (files.empty())
          ctx.error(entry, fmt::format("'{}' matches no lesson file", entry.Scalar()));
        for (const auto& file : files) {
          // The error_code overload: a name too long for the OS must not
          // throw out of the parser (found by fuzzing, course regression).
          std::error_code ec;
          fs::path canonical = fs::weakly_canonical(file, ec);
          if (ec) canonical = file.lexically_normal();
          if (!seen.insert(canonical).second) {
            ctx.error(entry, fmt::format("lesson '{}' is listed twice", file.string()));
            continue;
          }
          course.lesson_files.push_back(file);
        }
      }
      continue;
    }
    if (!value.IsScalar()) {
      ctx.error(value, fmt::format("'{}' must be a single value", key));
      continue;
    }
    const std::string text = util::trim(value.Scalar());
    if (key == "id") {
      if (text.empty() || util::slugify(text) != text)
        ctx.error(value, fmt::format("'id' must be lower-case letters, digits and '-' (e.g. '{}')",
                                     util::slugify(text)));
      course.identifier = text;
    } else if (key == "title") {
      course.title = text;
    } else if (key == "version") {
      if (!is_semver(text))
        ctx.error(value, fmt::format("'version' must be a semantic version like 1.0.0, not '{}'", text));
      course.version = text;
    } else if (key == "language") {
      if (text != "fr" && text != "en")
        ctx.error(value, fmt::format("'language' must be fr or en, not '{}'", text));
      course.language = text;
    } else if (key == "scorm") {
      if (text == "1.2") course.scorm = ScormVersion::scorm12;
      else if (text == "2004-4th" || text == "2004") course.scorm = ScormVersion::scorm2004_4th;
      else ctx.error(value, fmt::format("'scorm' must be 1.2 or 2004-4th, not '{}'", text));
    } else if (key == "packaging") {
      if (text == "single") course.packaging = PackagingMode::single;
      else if (text == "per-lesson") course.packaging = PackagingMode::per_lesson;
      else ctx.error(value, fmt::format("'packaging' must be single or per-lesson, not '{}'", text));
    } else if (key == "licence") {
      course.licence = text;
    } else if (key == "media_dir") {
      course.media_dir = (base / text).lexically_normal();
    }
  }
}

void load_lessons(Course& course, Diagnostics& diagnostics) {
  for (const auto& file : course.lesson_files)
    if (auto lesson = load_lesson(file, diagnostics)) course.lessons.push_back(std::move(*lesson));
}

}  // namespace

std::optional<Course> load_course(const fs::path& manifest, Diagnostics& diagnostics) {
  const int errors_before = diagnostics.error_count();
  auto text = util::read_text_file(manifest, 1024 * 1024);
  if (!text) {
    diagnostics.error(manifest.string(), 0, 0, "cannot read the course manifest");
    return std::nullopt;
  }
  const Ctx ctx{manifest.string(), *text, diagnostics};
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::ParserException& e) {
    const auto at = ctx.pos(e.mark);
    diagnostics.error(ctx.path, at.line, at.column, fmt::format("invalid YAML: {}", e.msg),
                      line_of(*text, at.line));
    return std::nullopt;
  }
  if (!root.IsMap()) {
    diagnostics.error(ctx.path, 1, 1, "a course manifest must be 'key: value' lines (id, title, lessons, ...)");
    return std::nullopt;
  }
  Course course;
  course.source = manifest;
  read_manifest(ctx, root, manifest.parent_path(), course);
  if (course.identifier.empty()) diagnostics.error(ctx.path, 1, 1, "missing required field 'id'");
  if (course.title.empty()) diagnostics.error(ctx.path, 1, 1, "missing required field 'title'");
  if (!root["lessons"]) diagnostics.error(ctx.path, 1, 1, "missing required field 'lessons'");
  load_lessons(course, diagnostics);
  if (diagnostics.error_count() > errors_before) return std::nullopt;
  return course;
}

std::optional<Course> course_from_lesson(const fs::path& lesson_file, Diagnostics& diagnostics) {
  auto lesson = load_lesson(lesson_file, diagnostics);
  if (!lesson) return std::nullopt;
  Course course;
  course.source = lesson_file;
  course.identifier = lesson->slug;
  course.title = lesson->title;
  course.media_dir = lesson_file.parent_path() / "media";
  course.lesson_files.push_back(lesson_file);
  course.lessons.push_back(std::move(*lesson));
  return course;
}

std::optional<Course> load_input(const fs::path& input, Diagnostics& diagnostics) {
  const std::string ext = util::to_lower_ascii(input.extension().string());
  if (ext == ".yaml" || ext == ".yml") return load_course(input, diagnostics);
  return course_from_lesson(input, diagnostics);
}

}  // namespace packager::lesson
