#pragma once
// Sets the "language encoding" flag (general purpose bit 11: names are
// UTF-8) on every entry of a finished zip. libzip only sets it for names
// that are not plain ASCII; LMS extractors (PHP's ZipArchive in Moodle)
// decode names without it using the server's code page, so it is set on all
// entries for a package that reads the same everywhere.

#include <filesystem>

#include "packager/core/error.hpp"

namespace packager::archive {

// Patches the local and central headers of `zip` in place (ZIP64 aware),
// writing only those without the flag; returns how many it patched.
// ErrorCode::output naming the file when it cannot be read or written or is
// not a zip as expected (no archive comment).
Result<int> set_utf8_flags(const std::filesystem::path& zip);

}  // namespace packager::archive
