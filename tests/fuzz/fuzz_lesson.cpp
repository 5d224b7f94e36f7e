// Fuzz target: front matter + Markdown body of one lesson file, through the
// same entry point `packager check` uses (lesson::parse_lesson). Built twice:
// with libFuzzer (clang, PACKAGER_FUZZ=ON) and with the replay runner
// (replay_main.cpp), which the normal test suite uses on regressions/lesson/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "packager/core/diagnostic.hpp"
#include "packager/lesson/lesson.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // load_lesson refuses bigger files before parsing; mirror that so the
  // fuzzer does not spend its time on inputs the CLI never parses.
  if (size > packager::lesson::k_max_lesson_bytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  packager::Diagnostics diagnostics;
  (void)packager::lesson::parse_lesson("fuzz.md", text, diagnostics);
  return 0;
}
