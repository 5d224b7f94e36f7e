#include "packager/core/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace packager {

std::string format(const Diagnostic& d) {
  std::string out = d.path;
  if (d.line > 0) {
    out += fmt::format(":{}", d.line);
    if (d.column > 0) out += fmt::format(":{}", d.column);
  }
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  out += d.message;
  if (!d.source_line.empty() && d.line > 0) {
    out += "\n    " + d.source_line;
    if (d.column > 0) {
      // The caret counts code points, not bytes, so it lands under the right
      // character in lines with accents; tabs are kept so alignment survives.
      std::string pad;
      int seen = 1;
      for (size_t i = 0; i < d.source_line.size() && seen < d.column; ++i) {
        const auto c = static_cast<unsigned char>(d.source_line[i]);
        if ((c & 0xC0) == 0x80) continue;
        pad += c == '\t' ? '\t' : ' ';
        ++seen;
      }
      out += "\n    " + pad + "^";
    }
  }
  return out;
}

std::string line_of(const std::string& text, int line) {
  if (line < 1) return {};
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    const size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

void Diagnostics::add(Diagnostic diagnostic) { m_items.push_back(std::move(diagnostic)); }

void Diagnostics::error(std::string path, int line, int column, std::string message,
                        std::string source_line) {
  add({Severity::error, std::move(path), line, column, std::move(message), std::move(source_line)});
}

void Diagnostics::warning(std::string path, int line, int column, std::string message,
                          std::string source_line) {
  add({Severity::warning, std::move(path), line, column, std::move(message),
       std::move(source_line)});
}

void Diagnostics::append(const Diagnostics& other) {
  m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

int Diagnostics::error_count() const {
  return static_cast<int>(std::count_if(m_items.begin(), m_items.end(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  }));
}

int Diagnostics::warning_count() const {
  return static_cast<int>(m_items.size()) - error_count();
}

std::string Diagnostics::to_string() const {
  std::string out;
  for (const auto& d : m_items) out += format(d) + "\n";
  return out;
}

}  // namespace packager
