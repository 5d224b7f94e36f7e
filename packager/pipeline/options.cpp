#include "packager/pipeline/options.hpp"

#include <fmt/format.h>

namespace packager::pipeline {

Result<OutputFormats> parse_formats(std::string_view text) {
  OutputFormats formats{false, false, false, false};
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view word = text.substr(start, comma - start);
    if (word == "zip") formats.zip = true;
    else if (word == "site") formats.site = true;
    else if (word == "both") formats.zip = formats.site = true;
    else if (word == "zim") formats.zim = true;
    else if (word == "mbz") formats.mbz = true;
    else
      return fail(ErrorCode::usage,
                  fmt::format("--format: '{}' is not an output format; expected a comma-separated list of {}",
                              word, k_format_names));
    start = comma + 1;
  }
  return formats;
}

std::string to_string(const OutputFormats& formats) {
  std::string text;
  const auto add = [&](bool on, const char* name) {
    if (on) text += (text.empty() ? "" : ",") + std::string(name);
  };
  add(formats.zip, "zip");
  add(formats.site, "site");
  add(formats.zim, "zim");
  add(formats.mbz, "mbz");
  return text;
}

}  // namespace packager::pipeline
