#include "packager/media/webvtt.hpp"

#include <optional>
#include <string>

#include <fmt/format.h>

#include "packager/core/diagnostic.hpp"
#include "packager/core/limits.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/text.hpp"

namespace packager::media {
namespace {

// Byte offset of the first invalid UTF-8 sequence, or npos.
size_t invalid_utf8_at(std::string_view s) {
  return util::find_invalid_utf8(s).value_or(std::string_view::npos);
}

struct Timestamp {
  double seconds = 0;
  size_t length = 0;  // characters consumed
};

// "[hh:]mm:ss.ttt" at the start of `s`, as the WebVTT spec defines it.
std::optional<Timestamp> parse_timestamp(std::string_view s) {
  size_t pos = 0;
  auto digits = [&](size_t min_count) -> std::optional<std::pair<long long, size_t>> {
    size_t start = pos;
    long long value = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 12)
      value = value * 10 + (s[pos++] - '0');
    if (pos - start < min_count) return std::nullopt;
    return std::pair{value, pos - start};
  };
  auto first = digits(2);
  if (!first || pos >= s.size() || s[pos] != ':') return std::nullopt;
  ++pos;
  auto second = digits(2);
  if (!second || second->second != 2) return std::nullopt;
  long long hours = 0, minutes = 0, secs = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    auto third = digits(2);
    if (!third || third->second != 2) return std::nullopt;
    hours = first->first, minutes = second->first, secs = third->first;
  } else {
    if (first->second != 2) return std::nullopt;
    minutes = first->first, secs = second->first;
  }
  if (pos >= s.size() || s[pos] != '.') return std::nullopt;
  ++pos;
  auto fraction = digits(3);
  if (!fraction || fraction->second != 3 || minutes > 59 || secs > 59) return std::nullopt;
  return Timestamp{static_cast<double>(hours * 3600 + minutes * 60 + secs) + fraction->first / 1000.0, pos};
}

class Checker {
 public:
  Checker(std::string_view text, std::string path) : m_text(text), m_path(std::move(path)) {}

  Result<WebVttSummary> run();

 private:
  // `offset` is a byte offset into `source`; diagnostics count columns in
  // characters. `echo` = false leaves the line out (it is not valid UTF-8).
  tl::unexpected<Error> error(int line, size_t offset, std::string message, std::string_view source,
                              bool echo = true) const {
    int column = 1;
    for (size_t i = 0; i < offset && i < source.size(); ++i)
      if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++column;
    Diagnostic d;
    d.path = m_path;
    d.line = line;
    d.column = column;
    d.message = std::move(message);
    if (echo) d.source_line = std::string(source);
    m_problem = d;
    return fail(ErrorCode::input, format(d));
  }

 public:
  const Diagnostic& problem() const { return m_problem; }

 private:
  Result<void> check_timing(int line_number, std::string_view line);

  std::string_view m_text;
  std::string m_path;
  WebVttSummary m_summary;
  double m_last_start = -1;
  mutable Diagnostic m_problem;  // the first problem, as error() built it
};

Result<void> Checker::check_timing(int n, std::string_view line) {
  auto start = parse_timestamp(line);
  if (!start)
    return error(n, 0, "expected a cue start time such as 00:01:02.500 (hh:mm:ss.ttt or mm:ss.ttt)", line);
  size_t pos = start->length;
  const size_t arrow_start = pos;
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  if (line.substr(pos, 3) != "-->" || pos == arrow_start)
    return error(n, pos, "expected ' --> ' between the cue start and end times", line);
  pos += 3;
  const size_t end_start = pos;
  while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
  if (pos == end_start) return error(n, pos, "expected ' --> ' between the cue start and end times", line);
  auto end = parse_timestamp(line.substr(pos));
  if (!end) return error(n, pos, "expected a cue end time such as 00:01:04.000 (hh:mm:ss.ttt or mm:ss.ttt)", line);
  const size_t end_column = pos;
  pos += end->length;
  if (pos < line.size() && line[pos] != ' ' && line[pos] != '\t')
    return error(n, pos, "expected a space or the end of the line after the cue end time", line);
  if (end->seconds < start->seconds)
    return error(n, end_column, "the cue ends before it starts", line);
  if (start->seconds < m_last_start)
    return error(n, 0,
                 fmt::format("the cue starts at {:.3f} s, before the previous cue ({:.3f} s); cues must be in order",
                             start->seconds, m_last_start),
                 line);
  m_last_start = start->seconds;
  if (static_cast<std::size_t>(++m_summary.cues) > limits::k_max_caption_cues)
    return error(n, 0, fmt::format("more than {} cues; a caption file that long is damaged", limits::k_max_caption_cues),
                 line);
  if (end->seconds > m_summary.last_cue_end_seconds) m_summary.last_cue_end_seconds = end->seconds;
  return {};
}

Result<WebVttSummary> Checker::run() {
  if (const size_t bad = invalid_utf8_at(m_text); bad != std::string_view::npos) {
    const size_t line_start = m_text.rfind('\n', bad == 0 ? 0 : bad - 1);
    const size_t begin = line_start == std::string_view::npos || bad == 0 ? 0 : line_start + 1;
    int line = 1;
    for (size_t i = 0; i < begin; ++i) line += m_text[i] == '\n' ? 1 : 0;
    // The source line itself is not valid UTF-8, so it is not echoed.
    return error(line, bad - begin, "invalid UTF-8; WebVTT files must be UTF-8 encoded", m_text.substr(begin), false);
  }
  std::string_view text = m_text;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::istringstream in{std::string(text)};
  std::string line;
  int n = 0;
  auto next = [&]() -> bool {
    if (!std::getline(in, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++n;
    return true;
  };
  if (!next() || line.substr(0, 6) != "WEBVTT" ||
      (line.size() > 6 && line[6] != ' ' && line[6] != '\t'))
    return error(1, 0, "expected 'WEBVTT' on the first line of a WebVTT file", line);
  // The header runs to the first blank line.
  while (next() && !line.empty()) {
    if (line.find("-->") != std::string::npos)
      return error(n, 0, "expected a blank line between the WEBVTT header and the first cue", line);
  }
  while (true) {
    // Skip blank lines up to the next block.
    bool more = true;
    while ((more = next()) && line.empty()) {
    }
    if (!more) break;
    const bool comment = line.rfind("NOTE", 0) == 0 && (line.size() == 4 || line[4] == ' ' || line[4] == '\t');
    const bool style = line == "STYLE" || line == "REGION";
    if (!comment && !style) {
      // A line that starts with a time is a (perhaps broken) timing line.
      if (line.find("-->") == std::string::npos && !parse_timestamp(line)) {
        // A cue identifier; the timing line must follow.
        if (!next() || line.empty())
          return error(n, 0, "expected a cue timing line ('00:00:01.000 --> 00:00:04.000') after the cue identifier",
                       line);
      }
      TRY(check_timing(n, line));
    }
    // The block's payload runs to the next blank line.
    while (next() && !line.empty()) {
      if (!comment && !style && line.find("-->") != std::string::npos)
        return error(n, 0, "expected a blank line before this cue timing line", line);
    }
  }
  return m_summary;
}

}  // namespace

Result<WebVttSummary> check_webvtt(std::string_view text, const std::string& display_path) {
  return Checker(text, display_path).run();
}

std::optional<Diagnostic> find_webvtt_problem(const std::filesystem::path& path) {
  // 20,000 cues of subtitle text fit well within this; more is not captions.
  constexpr std::uintmax_t k_max_caption_bytes = 16u * 1024 * 1024;
  Diagnostic d;
  d.path = path.string();
  std::error_code ec;
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > k_max_caption_bytes) {
    d.message = fmt::format("the caption file is {} bytes, more than the limit of {}", size, k_max_caption_bytes);
    return d;
  }
  auto text = util::read_text_file(path, k_max_caption_bytes);
  if (!text) {
    d.message = "cannot read the caption file";
    return d;
  }
  Checker checker(*text, path.string());
  if (checker.run()) return std::nullopt;
  return checker.problem();
}

std::optional<Diagnostic> find_webvtt_text_problem(std::string_view text, const std::string& display_path) {
  Checker checker(text, display_path);
  if (checker.run()) return std::nullopt;
  return checker.problem();
}

Result<WebVttSummary> check_webvtt_file(const std::filesystem::path& path) {
  if (auto problem = find_webvtt_problem(path)) return fail(ErrorCode::input, format(*problem));
  auto text = util::read_text_file(path, 16u * 1024 * 1024);
  if (!text) return fail(ErrorCode::input, text.error().message);
  return check_webvtt(*text, path.string());
}

}  // namespace packager::media
