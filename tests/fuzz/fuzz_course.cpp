// Fuzz target: course manifest parsing (lesson::load_course), fed from a
// real file because that is the only public entry point. The manifest lives
// in a private temporary folder holding one valid lesson, so globs and
// relative paths resolve to something real; absolute paths elsewhere only
// ever reach load_lesson, which is size-limited and read-only.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "packager/core/diagnostic.hpp"
#include "packager/lesson/course.hpp"

namespace {
namespace fs = std::filesystem;

const fs::path& workdir() {
  static const fs::path dir = [] {
    std::string pattern = (fs::temp_directory_path() / "packager-fuzz-course-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    const fs::path made(pattern);
    std::ofstream(made / "lesson.md")
        << "---\ntitle: Une leçon\nvideoDownloadHref: https://example.org/v/a-1080-fragmented.mp4\n"
           "---\n\n## Transcription\n\nBonjour.\n";
    // Remove the folder when the fuzzer or the replay runner exits.
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(workdir(), ignored);
    });
    return made;
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path manifest = workdir() / "course.yaml";
  {
    std::ofstream out(manifest, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  packager::Diagnostics diagnostics;
  (void)packager::lesson::load_course(manifest, diagnostics);
  return 0;
}
