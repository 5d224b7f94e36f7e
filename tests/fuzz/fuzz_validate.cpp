// Fuzz target: `packager validate` on arbitrary bytes. The input is written
// as a .zip and validated the way the CLI does (inspect::validate_package):
// the zip reader (bomb limits, hostile names) and, when a manifest comes
// out, the manifest checks. Inputs that are not zips also go straight to
// the manifest checks as imsmanifest.xml text, so both layers get fuzzed.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "packager/inspect/validate.hpp"
#include "packager/scorm/manifest_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)packager::scorm::check_manifest(bytes, std::nullopt);

  static const std::filesystem::path zip =
      std::filesystem::temp_directory_path() / ("packager-fuzz-validate-" + std::to_string(::getpid()) + ".zip");
  if (std::FILE* file = std::fopen(zip.c_str(), "wb")) {
    std::fwrite(bytes.data(), 1, bytes.size(), file);
    std::fclose(file);
    packager::inspect::ValidateOptions options;
    options.input = zip;
    (void)packager::inspect::validate_package(options);
  }
  return 0;
}
