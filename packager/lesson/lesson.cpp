#include "packager/lesson/lesson.hpp"

#include <map>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "packager/lesson/assets.hpp"
#include "packager/lesson/credits.hpp"
#include "packager/lesson/fields.hpp"
#include "packager/lesson/front_matter.hpp"
#include "packager/lesson/sections.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/text.hpp"
#include "packager/util/url.hpp"

namespace packager::lesson {
namespace {

// Everything that parsing one file needs to report a problem precisely.
struct Context {
  const std::string& path;
  const std::string& text;  // normalised file text, for quoting source lines
  int yaml_first_line;
  Diagnostics& diagnostics;

  SourcePos pos(const YAML::Mark& mark) const {
    if (mark.is_null()) return {yaml_first_line, 1};
    return {yaml_first_line + mark.line, mark.column + 1};
  }
  void error(SourcePos at, std::string message) const {
    diagnostics.error(path, at.line, at.column, std::move(message), line_of(text, at.line));
  }
  void warning(SourcePos at, std::string message) const {
    diagnostics.warning(path, at.line, at.column, std::move(message), line_of(text, at.line));
  }
};

std::string canonical_name(FieldId id) {
  for (const auto& spec : field_table())
    if (spec.id == id) return std::string(spec.canonical);
  return "?";
}

void check_url(const Context& ctx, const std::string& key, const Field& field) {
  std::string why;
  if (!field.present() || util::parse_url(field.value, &why)) return;
  ctx.error(field.pos, fmt::format("'{}' is not a usable URL: {}", key, why));
}

// The path of a URL, without its query or fragment ("" when not a URL).
std::string_view url_path(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const size_t slash = url.find('/', scheme + 3);
  if (slash == std::string_view::npos) return {};
  std::string_view path = url.substr(slash);
  return path.substr(0, path.find_first_of("?#"));
}

// A PeerTube embed page ("/videos/embed/<id>") or short watch link
// ("/w/<id>"), the two forms fetch/peertube.hpp resolves through the API.
bool looks_like_peertube_embed(const std::string& url) {
  const std::string_view path = url_path(url);
  for (const std::string_view marker : {std::string_view("/videos/embed/"), std::string_view("/w/")}) {
    if (path.rfind(marker, 0) != 0) continue;
    std::string_view id = path.substr(marker.size());
    if (!id.empty() && id.back() == '/') id.remove_suffix(1);
    if (!id.empty() && id.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") ==
                           std::string_view::npos)
      return true;
  }
  return false;
}

bool is_direct_mp4(const std::string& url) {
  const std::string path = util::to_lower_ascii(url_path(url));
  return path.size() > 4 && path.compare(path.size() - 4, 4, ".mp4") == 0;
}

// The first control character of a front-matter value (written as a YAML
// escape such as "\0": a literal one is reported where it stands in the file).
void check_control_characters(const Context& ctx, const std::string& key, const Field& field) {
  if (const auto bad = util::find_control_character(field.value))
    ctx.error(field.pos, fmt::format("'{}' holds the control character {}, which no page can show; remove it",
                                     util::escape_invisible(key), util::code_point_name(bad->code_point)));
}

// Keys written with no value ("captionFilePath:"), by field: an empty value
// means absent, but a required field left empty is reported at its key.
// Fields already reported as malformed are not reported missing too.
using EmptyKeys = std::map<FieldId, SourcePos>;
using BadKeys = std::set<FieldId>;

void read_fields(const Context& ctx, const YAML::Node& root, Lesson& lesson, EmptyKeys& empty,
                 BadKeys& bad, bool check_values) {
  std::map<FieldId, std::string> seen;  // field -> the key that first set it
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
    const SourcePos key_pos = ctx.pos(it->first.Mark());
    const auto id = field_for_key(key);
    if (!id) {
      // An invisible character (a no-break space after 'title') is shown
      // escaped, or the message would read "unknown key 'title'".
      const std::string shown = util::escape_invisible(key);
      const auto suggestion = suggest_field(key);
      if (suggestion && key.find(':') != std::string::npos)
        ctx.warning(key_pos, fmt::format("unknown key '{}'; did you mean '{}'? (a space is "
                                         "missing after ':')",
                                         util::escape_invisible(key.substr(0, key.find(':') + 1)), *suggestion));
      else if (suggestion)
        ctx.warning(key_pos, fmt::format("unknown key '{}'; did you mean '{}'?", shown, *suggestion));
      else
        ctx.warning(key_pos, fmt::format("unknown key '{}'", shown));
      continue;
    }
    // "title: A" then "title: B", or videoDLHref beside videoDownloadHref:
    // YAML keeps both and only one can win, so say which.
    if (const auto [first, inserted] = seen.emplace(*id, key); !inserted)
      ctx.warning(key_pos, fmt::format("'{}' is given twice (first as '{}'); this later value is used",
                                       key, first->second));
    const YAML::Node value = it->second;
    const SourcePos value_pos = value.Mark().is_null() ? key_pos : ctx.pos(value.Mark());
    if (value.IsNull()) {  // "captionFilePath:" means absent
      empty.emplace(*id, key_pos);
      continue;
    }
    if (!value.IsScalar()) {
      ctx.error(value_pos, fmt::format("'{}' must be a single value, not a list or a mapping", key));
      bad.insert(*id);
      continue;
    }
    const std::string text = util::trim(value.Scalar());
    if (text.empty()) {
      empty.emplace(*id, key_pos);
      continue;
    }
    const Field field{text, value_pos};
    if (check_values) check_control_characters(ctx, key, field);
    switch (*id) {
      case FieldId::title: lesson.title = text; break;
      case FieldId::description: lesson.description = text; break;
      case FieldId::area:
        lesson.area = text;
        lesson.area_pos = value_pos;
        break;
      case FieldId::priority:
        try {
          lesson.priority = value.as<int>();
        } catch (const YAML::Exception&) {
          ctx.error(value_pos, fmt::format("'priority' must be a whole number, not '{}'", text));
        }
        break;
      case FieldId::file_type: {
        const std::string upper = util::to_lower_ascii(text);
        if (upper == "video") lesson.file_type = FileType::video;
        else if (upper == "pdf") lesson.file_type = FileType::pdf;
        else ctx.error(value_pos, fmt::format("'fileType' must be VIDEO or PDF, not '{}'", text));
        break;
      }
      case FieldId::video_download:
        check_url(ctx, key, field);
        lesson.video_url = field;
        break;
      case FieldId::video_embed:
        check_url(ctx, key, field);
        // A direct .mp4 in the embed field is a download link in all but name.
        if (looks_like_peertube_embed(text)) {
          lesson.embed_url = field;
        } else if (is_direct_mp4(text) || text.rfind("file://", 0) == 0) {
          if (!lesson.video_url.present()) lesson.video_url = field;
        } else if (util::parse_url(text)) {
          // A YouTube or Vimeo page would be fetched as an HTML page, far
          // into the build: refused here instead.
          ctx.error(value_pos, fmt::format("'{}' must be a PeerTube embed link (https://HOST/videos/embed/ID or "
                                           "https://HOST/w/ID) or a direct .mp4 link, not '{}'",
                                           key, text));
          bad.insert(*id);
        } else {
          bad.insert(*id);  // already reported by check_url
        }
        break;
      case FieldId::caption_path:
        // A caption may be a URL (fetched later) or a path inside public/.
        if (text.find("://") != std::string::npos) check_url(ctx, key, field);
        lesson.caption_path = field;
        break;
      case FieldId::pdf_path: lesson.pdf_path = field; break;
    }
  }
}

// Resolves captionFilePath / pdfFilePath against the collection's public/
// folder, refusing anything that leaves it.
void resolve_files(const Context& ctx, const std::filesystem::path& public_root, Lesson& lesson) {
  if (lesson.caption_path.present() && lesson.caption_path.value.find("://") == std::string::npos) {
    auto got = resolve_public_file(lesson.caption_path.value, public_root);
    if (got.error.empty()) lesson.caption_file = std::move(got.file);
    else ctx.error(lesson.caption_path.pos, fmt::format("'captionFilePath': {}", got.error));
  }
  if (lesson.pdf_path.present()) {
    auto got = resolve_public_file(lesson.pdf_path.value, public_root);
    if (got.error.empty()) lesson.pdf_file = std::move(got.file);
    else ctx.error(lesson.pdf_path.pos, fmt::format("'pdfFilePath': {}", got.error));
  }
}

// Where to point a "missing field" error: the empty key if one was
// written, else the opening '---'.
SourcePos missing_at(const EmptyKeys& empty, FieldId id, SourcePos front) {
  const auto it = empty.find(id);
  return it == empty.end() ? front : it->second;
}

std::string missing_message(const EmptyKeys& empty, FieldId id, std::string message) {
  if (empty.count(id) != 0) message += " (it is empty)";
  return message;
}

}  // namespace

std::string lesson_slug(const std::filesystem::path& path) { return util::slugify(path.stem().string()); }

std::optional<Lesson> parse_lesson(const std::string& path, std::string_view raw,
                                   Diagnostics& diagnostics,
                                   const std::filesystem::path& public_root) {
  const int errors_before = diagnostics.error_count();
  if (const auto bad = util::find_invalid_utf8(raw)) {
    // Line and column of the bad byte help the author find it in an editor.
    const SourcePos at = byte_position(raw, *bad);
    diagnostics.error(path, at.line, at.column,
                      fmt::format("not valid UTF-8 (byte offset {}); save the file as UTF-8", *bad));
    return std::nullopt;
  }
  const std::string text = normalise_newlines(raw);
  // A control character anywhere in the file (a NUL, a stray escape code)
  // would reach the pages; each line's first one is reported where it is.
  bool has_control = false;
  for (size_t offset = 0; offset < text.size();) {
    const auto bad = util::find_control_character(std::string_view(text).substr(offset));
    if (!bad) break;
    has_control = true;
    const size_t at = offset + bad->offset;
    const size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
    const size_t begin = line_start == std::string::npos || at == 0 ? 0 : line_start + 1;
    int line = 1, column = 1;
    for (size_t i = 0; i < begin; ++i) line += text[i] == '\n' ? 1 : 0;
    for (size_t i = begin; i < at; ++i) column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
    diagnostics.error(path, line, column,
                      fmt::format("the control character {} is not allowed in a lesson file; remove it",
                                  util::code_point_name(bad->code_point)));
    const size_t line_end = text.find('\n', at);
    if (line_end == std::string::npos) break;
    offset = line_end + 1;
  }
  Split split;
  if (!split_front_matter(path, text, split, diagnostics)) return std::nullopt;
  const Context ctx{path, text, split.yaml_first_line, diagnostics};

  Lesson lesson;
  lesson.source = path;
  lesson.slug = lesson_slug(path);
  YAML::Node root;
  try {
    root = YAML::Load(split.yaml);
  } catch (const YAML::ParserException& e) {
    ctx.error(ctx.pos(e.mark), fmt::format("invalid YAML in front matter: {}", e.msg));
    return std::nullopt;
  }
  if (!root.IsMap()) {
    ctx.error({split.yaml_first_line, 1},
              "front matter must be 'key: value' lines (title, description, ...)");
    return std::nullopt;
  }
  EmptyKeys empty;
  BadKeys bad;
  read_fields(ctx, root, lesson, empty, bad, !has_control);

  const SourcePos front{split.yaml_first_line - 1, 1};
  if (lesson.title.empty() && bad.count(FieldId::title) == 0)
    ctx.error(missing_at(empty, FieldId::title, front),
              missing_message(empty, FieldId::title, "missing required field 'title'"));
  if (lesson.file_type == FileType::video && !lesson.video_url.present() &&
      !lesson.embed_url.present() && bad.count(FieldId::video_download) == 0 &&
      bad.count(FieldId::video_embed) == 0) {
    const FieldId written = empty.count(FieldId::video_download) != 0 ? FieldId::video_download
                                                                       : FieldId::video_embed;
    ctx.error(missing_at(empty, written, front),
              missing_message(empty, written,
                              fmt::format("missing video: a VIDEO lesson needs '{}' or 'videoEmbedSrc'",
                                          canonical_name(FieldId::video_download))));
  }
  if (lesson.file_type == FileType::pdf && !lesson.pdf_path.present())
    ctx.error(missing_at(empty, FieldId::pdf_path, front),
              missing_message(empty, FieldId::pdf_path,
                              "missing required field 'pdfFilePath' for a PDF lesson"));
  resolve_files(ctx, public_root.empty() ? find_public_root(path) : public_root, lesson);

  const Sections sections = split_sections(split.body);
  lesson.intro_markdown = sections.intro;
  lesson.transcript_markdown = sections.transcript;
  lesson.credits_markdown = sections.credits;
  lesson.extra_markdown = sections.extra;
  lesson.licence = find_licence(sections.credits);
  lesson.contributors = find_contributors(sections.credits);

  if (diagnostics.error_count() > errors_before) return std::nullopt;
  return lesson;
}

std::optional<Lesson> load_lesson(const std::filesystem::path& path, Diagnostics& diagnostics,
                                  const std::filesystem::path& public_root) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    diagnostics.error(path.string(), 0, 0, fmt::format("cannot read the lesson file: {}", ec.message()));
    return std::nullopt;
  }
  if (size > k_max_lesson_bytes) {
    diagnostics.error(path.string(), 0, 0,
                      fmt::format("lesson file is {} bytes, more than the limit of {} bytes; is it "
                                  "really a lesson?",
                                  size, k_max_lesson_bytes));
    return std::nullopt;
  }
  auto text = util::read_text_file(path, k_max_lesson_bytes);
  if (!text) {
    diagnostics.error(path.string(), 0, 0, text.error().message.substr(path.string().size() + 2));
    return std::nullopt;
  }
  return parse_lesson(path.string(), *text, diagnostics, public_root);
}

}  // namespace packager::lesson
