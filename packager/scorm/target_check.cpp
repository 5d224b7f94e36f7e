#include "packager/scorm/target_check.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "packager/util/size.hpp"

namespace packager::scorm {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int line_at(const std::string& text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(std::min(offset, text.size())), '\n'));
}

enum class Where { inside, network, outside, ignored };

// Where `ref`, found in the file `from`, points.
Where classify(const std::string& from, std::string ref) {
  const auto first = ref.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Where::ignored;
  ref.erase(0, first);
  if (ref[0] == '#') return Where::ignored;
  if (ref.rfind("//", 0) == 0) return Where::network;
  const auto colon = ref.find(':');
  const auto slash = ref.find_first_of("/?#");
  if (colon != std::string::npos && (slash == std::string::npos || colon < slash)) {
    const std::string scheme = lower(ref.substr(0, colon));
    if (scheme == "data" || scheme == "blob" || scheme == "about" || scheme == "javascript" || scheme == "mailto")
      return Where::ignored;
    return Where::network;
  }
  if (ref[0] == '/' || ref[0] == '\\') return Where::outside;
  // Walk the folders from the file's own: ".." above the root leaves it.
  int depth = static_cast<int>(std::count(from.begin(), from.end(), '/'));
  size_t at = 0;
  const std::string path = ref.substr(0, std::min(ref.size(), ref.find_first_of("?#")));
  while (at <= path.size()) {
    const size_t end = std::min(path.size(), path.find('/', at));
    const std::string part = path.substr(at, end - at);
    if (part == "..") {
      if (--depth < 0) return Where::outside;
    } else if (!part.empty() && part != ".") {
      ++depth;
    }
    at = end + 1;
  }
  return Where::inside;
}

struct Reference {
  size_t offset;
  std::string value;
  std::string what;  // "<script src>"
};

// The attribute value of `name` in the tag text `attrs` (between the tag
// name and '>'), with its offset; empty when absent.
std::optional<std::pair<size_t, std::string>> attribute(const std::string& attrs, std::string_view name) {
  size_t i = 0;
  while (i < attrs.size()) {
    while (i < attrs.size() && (std::isspace(static_cast<unsigned char>(attrs[i])) || attrs[i] == '/')) ++i;
    const size_t start = i;
    while (i < attrs.size() && !std::isspace(static_cast<unsigned char>(attrs[i])) && attrs[i] != '=' && attrs[i] != '>')
      ++i;
    const std::string key = lower(std::string_view(attrs).substr(start, i - start));
    while (i < attrs.size() && std::isspace(static_cast<unsigned char>(attrs[i]))) ++i;
    if (i >= attrs.size() || attrs[i] != '=') {
      if (i == start) ++i;
      continue;
    }
    ++i;
    while (i < attrs.size() && std::isspace(static_cast<unsigned char>(attrs[i]))) ++i;
    size_t vstart = i;
    std::string value;
    if (i < attrs.size() && (attrs[i] == '"' || attrs[i] == '\'')) {
      const char quote = attrs[i++];
      vstart = i;
      const size_t close = attrs.find(quote, i);
      value = attrs.substr(i, close == std::string::npos ? std::string::npos : close - i);
      i = close == std::string::npos ? attrs.size() : close + 1;
    } else {
      while (i < attrs.size() && !std::isspace(static_cast<unsigned char>(attrs[i]))) ++i;
      value = attrs.substr(vstart, i - vstart);
    }
    if (key == name) return std::make_pair(vstart, value);
  }
  return std::nullopt;
}

// url(...) and @import "..." in CSS text starting at `base` in the file.
void css_references(const std::string& css, size_t base, std::vector<Reference>& out) {
  const std::string low = lower(css);
  for (size_t at = low.find("url("); at != std::string::npos; at = low.find("url(", at + 4)) {
    size_t i = at + 4;
    while (i < css.size() && (std::isspace(static_cast<unsigned char>(css[i])) || css[i] == '"' || css[i] == '\'')) ++i;
    size_t end = css.find_first_of("\"')", i);
    if (end == std::string::npos) end = css.size();
    out.push_back({base + i, css.substr(i, end - i), "url()"});
  }
  for (size_t at = low.find("@import"); at != std::string::npos; at = low.find("@import", at + 7)) {
    size_t i = at + 7;
    while (i < css.size() && std::isspace(static_cast<unsigned char>(css[i]))) ++i;
    if (i < css.size() && (css[i] == '"' || css[i] == '\'')) {
      const char quote = css[i++];
      const size_t end = css.find(quote, i);
      out.push_back({base + i, css.substr(i, end == std::string::npos ? std::string::npos : end - i), "@import"});
    }
  }
}

// The files a page loads (not the links it offers: a link to a web page is
// the learner's choice, a script or a video is the package's need).
std::vector<Reference> html_references(const std::string& html) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> k_loading = {
      {"script", {"src"}}, {"img", {"src"}},    {"video", {"src", "poster"}}, {"audio", {"src"}},
      {"source", {"src"}}, {"track", {"src"}},  {"iframe", {"src"}},          {"frame", {"src"}},
      {"embed", {"src"}},  {"object", {"data"}}, {"input", {"src"}}};
  std::vector<Reference> out;
  for (size_t lt = html.find('<'); lt != std::string::npos; lt = html.find('<', lt + 1)) {
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t end = html.find("-->", lt);
      if (end == std::string::npos) break;
      lt = end;
      continue;
    }
    size_t i = lt + 1;
    while (i < html.size() && std::isalnum(static_cast<unsigned char>(html[i]))) ++i;
    const std::string tag = lower(std::string_view(html).substr(lt + 1, i - lt - 1));
    if (tag.empty()) continue;
    const size_t gt = html.find('>', i);
    if (gt == std::string::npos) break;
    const std::string attrs = html.substr(i, gt - i);
    for (const auto& [name, keys] : k_loading) {
      if (tag != name) continue;
      for (const auto& key : keys)
        if (auto a = attribute(attrs, key)) out.push_back({i + a->first, a->second, fmt::format("<{} {}>", tag, key)});
    }
    if (tag == "link") {
      const auto rel = attribute(attrs, "rel");
      const std::string r = rel ? lower(rel->second) : "";
      if (r.find("stylesheet") != std::string::npos || r.find("icon") != std::string::npos ||
          r.find("preload") != std::string::npos || r.find("manifest") != std::string::npos)
        if (auto a = attribute(attrs, "href")) out.push_back({i + a->first, a->second, "<link href>"});
    }
    if (auto style = attribute(attrs, "style")) css_references(style->second, i + style->first, out);
    if (tag == "style") {
      const size_t end = lower(html.substr(gt)).find("</style");
      const std::string css = html.substr(gt + 1, end == std::string::npos ? std::string::npos : end - 1);
      css_references(css, gt + 1, out);
    }
  }
  return out;
}

void check_references(const PackageFacts& facts, Target target, std::vector<Finding>& findings) {
  const bool breaks = external_references_break(target);
  for (const auto& [name, text] : facts.texts) {
    std::vector<Reference> refs;
    const std::string low = lower(name);
    if (ends_with(low, ".html") || ends_with(low, ".htm")) refs = html_references(text);
    else if (ends_with(low, ".css")) css_references(text, 0, refs);
    for (const auto& ref : refs) {
      const Where where = classify(name, ref.value);
      if (where == Where::network) {
        findings.push_back(
            {breaks ? Severity::error : Severity::warning, line_at(text, ref.offset), name,
             breaks ? fmt::format("{} loads {} from outside the package: the Moodle app plays packages offline",
                                  ref.what, ref.value)
                    : fmt::format("{} loads {} from outside the package: it needs the network", ref.what, ref.value)});
      } else if (where == Where::outside) {
        findings.push_back({Severity::error, line_at(text, ref.offset), name,
                            fmt::format("{} refers to {}, outside the package folder: the LMS will not find it",
                                        ref.what, ref.value)});
      }
    }
  }
}

}  // namespace

int count_scos(const std::string& manifest) {
  pugi::xml_document doc;
  if (!doc.load_buffer(manifest.data(), manifest.size())) return 0;
  int count = 0;
  for (const auto& node : doc.select_nodes("//*[local-name()='resource']")) {
    for (const auto& attribute : node.node().attributes()) {
      const std::string name = lower(attribute.name());
      if ((name.ends_with(":scormtype") || name == "scormtype") && lower(attribute.value()) == "sco") ++count;
    }
  }
  return count;
}

bool is_checked_text(const std::string& name) {
  const std::string low = lower(name);
  return ends_with(low, ".html") || ends_with(low, ".htm") || ends_with(low, ".css") || ends_with(low, ".js");
}

std::optional<std::uint64_t> runtime_suspend_limit_12(const std::string& script) {
  const std::string key = "k_suspend_limit_12";
  const size_t at = script.find(key);
  if (at == std::string::npos) return std::nullopt;
  size_t i = at + key.size();
  while (i < script.size() && (script[i] == ' ' || script[i] == '=')) ++i;
  std::uint64_t value = 0;
  size_t digits = 0;
  for (; i < script.size() && std::isdigit(static_cast<unsigned char>(script[i])) && digits < 12; ++i, ++digits)
    value = value * 10 + static_cast<std::uint64_t>(script[i] - '0');
  if (digits == 0) return std::nullopt;
  return value;
}

TargetReport check_target(const PackageFacts& facts, const TargetOptions& options) {
  TargetReport report;
  report.room_bytes = facts.package_bytes + facts.unpacked_bytes;
  auto& findings = report.findings;

  if (facts.version == Version::scorm2004_4th) {
    if (const auto problem = scorm2004_problem(options.target))
      findings.push_back({Severity::error, 0, {}, fmt::format("SCORM 2004: {}; build it with scorm: \"1.2\"", *problem)});
    if (facts.scos > 1)
      if (const auto problem = multi_sco_2004_problem(options.target))
        findings.push_back({Severity::warning, 0, {},
                            fmt::format("SCORM 2004 with {} SCOs: {}; build it with scorm: \"1.2\" or packaging: "
                                        "per-lesson",
                                        facts.scos, *problem)});
  }

  if (options.upload_limit) {
    const std::uint64_t limit = *options.upload_limit;
    if (facts.package_bytes > limit) {
      findings.push_back({Severity::error, 0, {},
                          fmt::format("the package is {}, over the upload limit of {}: package per lesson or use "
                                      "smaller videos (--max-height 480)",
                                      util::format_size_binary(facts.package_bytes), util::format_size_binary(limit))});
    } else if (report.room_bytes > limit) {
      findings.push_back(
          {Severity::warning, 0, {},
           fmt::format("the package is {}, within the upload limit of {}, but Moodle keeps the zip and unpacks its "
                       "files beside it: it needs {} of room (check the site's disk and quotas)",
                       util::format_size_binary(facts.package_bytes), util::format_size_binary(limit),
                       util::format_size_binary(report.room_bytes))});
    }
  }

  // Our runtime declares its cap; a 1.2 LMS refuses a longer suspend_data,
  // and the watched ranges (the learner's credit) would be lost.
  for (const auto& [name, text] : facts.texts) {
    if (!ends_with(lower(name), ".js")) continue;
    if (const auto limit = runtime_suspend_limit_12(text)) {
      report.suspend_limit_12 = std::max(report.suspend_limit_12.value_or(0), *limit);
      if (facts.version == Version::scorm12 && *limit > k_scorm12_suspend_limit)
        findings.push_back({Severity::error, 0, name,
                            fmt::format("writes up to {} characters of cmi.suspend_data; SCORM 1.2 allows {}, and the "
                                        "LMS refuses a longer value",
                                        *limit, k_scorm12_suspend_limit)});
    }
  }

  check_references(facts, options.target, findings);
  return report;
}

}  // namespace packager::scorm
