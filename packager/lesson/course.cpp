#include "packager/lesson/course.hpp"

#include <glob.h>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "packager/lesson/areas.hpp"
#include "packager/lesson/assets.hpp"
#include "packager/lesson/front_matter.hpp"
#include "packager/lesson/lesson.hpp"
#include "packager/lesson/order.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/parallel.hpp"
#include "packager/util/text.hpp"

namespace packager::lesson {
namespace fs = std::filesystem;
namespace {

constexpr const char* k_course_keys[] = {
    "id",        "title",      "version",    "language",  "scorm",
    "packaging", "licence",    "collection", "lessons",   "media_dir",
    "public_dir", "completion_threshold", "grouping", "order", "target", "summary", "description", "creator",
    "publisher"};

// Course manifests are small; anything bigger is not one.
constexpr std::uintmax_t k_max_manifest_bytes = 1024 * 1024;

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
  if (full.find_first_of("*?[") == std::string::npos) {
    std::error_code ec;
    if (!fs::is_regular_file(full, ec)) return {};
    return {fs::path(full)};
  }
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

// "0.9", "1", "90%": the share of a video to watch for completion.
std::optional<double> parse_threshold(const std::string& text) {
  static const std::regex number(R"(^(\d+(?:\.\d+)?)\s*(%?)$)");
  std::smatch match;
  if (!std::regex_match(text, match, number)) return std::nullopt;
  double value = std::stod(match[1].str());
  if (match[2].length() > 0) value /= 100.0;
  if (value < 0.0 || value > 1.0) return std::nullopt;
  return value;
}

void check_unknown_keys(const Ctx& ctx, const YAML::Node& root) {
  std::set<std::string> seen;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = it->first.Scalar();
    // YAML keeps both; yaml-cpp's root[key] answers with the first one.
    if (!seen.insert(key).second) {
      ctx.warning(it->first, fmt::format("'{}' is given twice; the first value is used", util::escape_invisible(key)));
      continue;
    }
    // A control character in a value would reach the pages and the manifest.
    if (it->second.IsScalar())
      if (const auto bad = util::find_control_character(it->second.Scalar()))
        ctx.error(it->second, fmt::format("'{}' holds the control character {}, which no page can show; remove it",
                                          util::escape_invisible(key), util::code_point_name(bad->code_point)));
    if (std::find(std::begin(k_course_keys), std::end(k_course_keys), key) != std::end(k_course_keys))
      continue;
    std::string best;
    size_t best_distance = 4;
    for (const char* candidate : k_course_keys) {
      const size_t d = util::edit_distance(key, candidate);
      if (d < best_distance) best_distance = d, best = candidate;
    }
    // An error, not a warning: a misspelt 'packaging' or 'scorm' would
    // silently build the wrong thing.
    const std::string shown = util::escape_invisible(key);
    ctx.error(it->first, best.empty() ? fmt::format("unknown key '{}'", shown)
                                      : fmt::format("unknown key '{}'; did you mean '{}'?", shown, best));
  }
}

// A scalar value, or an error at the value when it is a list or mapping.
std::optional<std::string> scalar(const Ctx& ctx, const YAML::Node& root, const char* key) {
  const YAML::Node value = root[key];
  if (!value || value.IsNull()) return std::nullopt;
  if (!value.IsScalar()) {
    ctx.error(value, fmt::format("'{}' must be a single value", key));
    return std::nullopt;
  }
  return util::trim(value.Scalar());
}

void read_settings(const Ctx& ctx, const YAML::Node& root, const fs::path& base, Course& course) {
  if (const auto v = scalar(ctx, root, "id")) {
    if (v->empty() || util::slugify(*v) != *v)
      ctx.error(root["id"], fmt::format("'id' must be lower-case letters, digits and '-' (e.g. '{}')",
                                        util::slugify(*v)));
    course.identifier = *v;
  }
  if (const auto v = scalar(ctx, root, "title")) course.title = *v;
  if (const auto v = scalar(ctx, root, "version")) {
    if (!is_semver(*v))
      ctx.error(root["version"],
                fmt::format("'version' must be a semantic version like 1.0.0, not '{}'", *v));
    course.version = *v;
  }
  if (const auto v = scalar(ctx, root, "language")) {
    if (*v != "fr" && *v != "en")
      ctx.error(root["language"], fmt::format("'language' must be fr or en, not '{}'", *v));
    course.language = *v;
  }
  if (const auto v = scalar(ctx, root, "scorm")) {
    if (*v == "1.2") course.scorm = ScormVersion::scorm12;
    else if (*v == "2004-4th" || *v == "2004") course.scorm = ScormVersion::scorm2004_4th;
    else ctx.error(root["scorm"], fmt::format("'scorm' must be 1.2 or 2004-4th, not '{}'", *v));
  }
  if (const auto v = scalar(ctx, root, "packaging")) {
    if (*v == "single") course.packaging = PackagingMode::single;
    else if (*v == "per-lesson") course.packaging = PackagingMode::per_lesson;
    else ctx.error(root["packaging"], fmt::format("'packaging' must be single or per-lesson, not '{}'", *v));
  }
  if (const auto v = scalar(ctx, root, "grouping")) {
    if (*v == "area") course.group_by_area = true;
    else if (*v == "none") course.group_by_area = false;
    else ctx.error(root["grouping"], fmt::format("'grouping' must be area or none, not '{}'", *v));
  }
  if (const auto v = scalar(ctx, root, "licence")) course.licence = *v;
  if (const auto v = scalar(ctx, root, "summary")) course.summary = *v;
  if (const auto v = scalar(ctx, root, "description")) course.description = *v;
  if (const auto v = scalar(ctx, root, "creator")) course.creator = *v;
  if (const auto v = scalar(ctx, root, "publisher")) course.publisher = *v;
  if (const auto v = scalar(ctx, root, "media_dir")) {
    course.media_dir = (base / *v).lexically_normal();
    // A mistyped folder would quietly download every video again.
    std::error_code ec;
    if (!fs::is_directory(course.media_dir, ec))
      ctx.error(root["media_dir"], fmt::format("'media_dir' folder {} does not exist", course.media_dir.string()));
  }
  if (const auto v = scalar(ctx, root, "target")) {
    if (const auto t = parse_target(*v)) course.target = *t;
    else ctx.error(root["target"], fmt::format("'target' must be {}, not '{}'", target_names(), *v));
  }
  // Settings the target cannot play: a warning, the package is still valid
  // SCORM for other places.
  if (course.scorm == ScormVersion::scorm2004_4th) {
    if (const auto problem = scorm2004_problem(course.target))
      ctx.warning(root["scorm"], fmt::format("scorm 2004 will not play on target {}: {}; use scorm: \"1.2\"",
                                             target_name(course.target), *problem));
  }
  if (const auto v = scalar(ctx, root, "completion_threshold")) {
    if (const auto t = parse_threshold(*v)) course.completion_threshold = *t;
    else
      ctx.error(root["completion_threshold"],
                fmt::format("'completion_threshold' must be between 0 and 1 (or 0% and 100%), not '{}'", *v));
  }
}

void read_lesson_list(const Ctx& ctx, const YAML::Node& value, const fs::path& collection, Course& course) {
  if (!value.IsSequence()) {
    ctx.error(value, "'lessons' must be a list of lesson files or globs");
    return;
  }
  if (value.size() == 0) {
    ctx.error(value, "'lessons' is empty: a course needs at least one lesson");
    return;
  }
  std::map<fs::path, std::string> seen;  // canonical file -> the entry that named it
  struct Named {
    fs::path file;
    YAML::Mark at;  // the manifest entry that listed it
  };
  std::map<std::string, Named> by_slug;
  for (const auto& entry : value) {
    if (!entry.IsScalar()) {
      ctx.error(entry, "each lesson must be a path or a glob");
      continue;
    }
    const auto files = expand(collection, entry.Scalar());
    if (files.empty())
      ctx.error(entry, fmt::format("'{}' matches no lesson file in {}", entry.Scalar(),
                                   collection.lexically_normal().string()));
    for (const auto& file : files) {
      // The error_code overload: a name too long for the OS must not throw
      // out of the parser (found by fuzzing, course regression).
      std::error_code canonical_error;
      fs::path canonical = fs::weakly_canonical(file, canonical_error);
      if (canonical_error) canonical = file.lexically_normal();
      const auto [it, inserted] = seen.emplace(canonical, entry.Scalar());
      if (!inserted) {
        ctx.error(entry, fmt::format("lesson '{}' is listed twice (already by '{}')",
                                     file.filename().string(), it->second));
        continue;
      }
      // The slug names the lesson's folder and SCORM identifiers: caught
      // here, with both entries, rather than as a duplicate identifier
      // when the manifest is written.
      const auto [same, fresh] = by_slug.emplace(lesson_slug(file), Named{file, entry.Mark()});
      if (!fresh) {
        const auto first = ctx.pos(same->second.at);
        ctx.error(entry, fmt::format("lessons '{}' (listed at {}:{}:{}) and '{}' have the same name '{}', which "
                                     "names a lesson's folder and SCORM identifiers; rename one of the files",
                                     same->second.file.string(), ctx.path, first.line, first.column, file.string(),
                                     same->first));
        continue;
      }
      course.lesson_files.push_back(file);
    }
  }
}

void read_order(const Ctx& ctx, const YAML::Node& value, Course& course) {
  if (!value.IsSequence()) {
    ctx.error(value, "'order' must be a list of lesson file names (without .md)");
    return;
  }
  std::set<std::string> known;
  for (const auto& l : course.lessons) known.insert(l.slug);
  std::set<std::string> listed;
  for (const auto& entry : value) {
    const std::string slug = entry.IsScalar() ? util::trim(entry.Scalar()) : std::string();
    if (known.count(slug) == 0)
      ctx.error(entry, fmt::format("'order' names '{}', which is not a lesson of this course", slug));
    else if (!listed.insert(slug).second)
      ctx.error(entry, fmt::format("'order' names '{}' twice", slug));
    else
      course.order.push_back(slug);
  }
}

}  // namespace

std::optional<Course> load_course(const fs::path& manifest, Diagnostics& diagnostics) {
  const int errors_before = diagnostics.error_count();
  Course course = read_course(manifest, diagnostics);
  if (diagnostics.error_count() > errors_before) return std::nullopt;
  return course;
}

Course read_course(const fs::path& manifest, Diagnostics& diagnostics, size_t workers) {
  Course course;
  course.source = manifest;
  auto text = util::read_text_file(manifest, k_max_manifest_bytes);
  if (!text) {
    diagnostics.error(manifest.string(), 0, 0,
                      "cannot read the course manifest: " +
                          text.error().message.substr(manifest.string().size() + 2));
    return course;
  }
  if (const auto bad = util::find_invalid_utf8(*text)) {
    const SourcePos at = byte_position(*text, *bad);
    diagnostics.error(manifest.string(), at.line, at.column,
                      fmt::format("not valid UTF-8 (byte offset {}); save the file as UTF-8", *bad));
    return course;
  }
  const Ctx ctx{manifest.string(), *text, diagnostics};
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::ParserException& e) {
    const auto at = ctx.pos(e.mark);
    diagnostics.error(ctx.path, at.line, at.column, fmt::format("invalid YAML: {}", e.msg),
                      line_of(*text, at.line));
    return course;
  }
  if (!root.IsMap()) {
    diagnostics.error(ctx.path, 1, 1,
                      "a course manifest must be 'key: value' lines (id, title, lessons, ...)",
                      line_of(*text, 1));
    return course;
  }
  const fs::path base = manifest.parent_path();
  check_unknown_keys(ctx, root);
  read_settings(ctx, root, base, course);
  // `collection` is the lesson checkout (e.g. pix-tutos): lessons and
  // public_dir are relative to it, so pointing a manifest at another
  // checkout is a one-line change.
  fs::path collection = base;
  if (const auto v = scalar(ctx, root, "collection")) {
    collection = (base / *v).lexically_normal();
    std::error_code ec;
    if (!fs::is_directory(collection, ec))
      ctx.error(root["collection"], fmt::format("'collection' folder {} does not exist", collection.string()));
  }
  if (const auto v = scalar(ctx, root, "public_dir")) {
    const fs::path dir = (collection / *v).lexically_normal();
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
      ctx.error(root["public_dir"], fmt::format("'public_dir' folder {} does not exist", dir.string()));
    else course.public_root = fs::weakly_canonical(dir, ec);
  }
  if (course.identifier.empty()) diagnostics.error(ctx.path, 1, 1, "missing required field 'id'", line_of(*text, 1));
  if (course.title.empty()) diagnostics.error(ctx.path, 1, 1, "missing required field 'title'", line_of(*text, 1));
  if (root["lessons"]) read_lesson_list(ctx, root["lessons"], collection, course);
  else diagnostics.error(ctx.path, 1, 1, "missing required field 'lessons'", line_of(*text, 1));

  if (course.public_root.empty() && !course.lesson_files.empty())
    course.public_root = find_public_root(course.lesson_files.front());
  // Each lesson is independent of the others (parsing it is most of a build
  // with nothing to do): read on the worker pool, each with its own
  // diagnostics, then gathered in the listed order.
  struct Loaded {
    std::optional<Lesson> lesson;
    Diagnostics diagnostics;
  };
  auto loaded = util::parallel_for(
      course.lesson_files.size(), workers,
      [&course](size_t i) {
        Loaded l;
        l.lesson = load_lesson(course.lesson_files[i], l.diagnostics, course.public_root);
        return l;
      },
      [](const Loaded&) { return false; });  // every lesson is checked, errors or not
  for (auto& l : loaded) {
    diagnostics.append(l->diagnostics);
    if (l->lesson) course.lessons.push_back(std::move(*l->lesson));
  }
  unify_areas(course, diagnostics);
  if (root["order"]) read_order(ctx, root["order"], course);
  order_lessons(course);
  if (course.scorm == ScormVersion::scorm2004_4th && course.packaging == PackagingMode::single &&
      course.lessons.size() > 1) {
    if (const auto problem = multi_sco_2004_problem(course.target))
      ctx.warning(root["scorm"], fmt::format("scorm 2004 with {} lessons in one package on target {}: {}; use "
                                             "scorm: \"1.2\" or packaging: per-lesson",
                                             course.lessons.size(), target_name(course.target), *problem));
  }
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
  course.public_root = find_public_root(lesson_file);
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
