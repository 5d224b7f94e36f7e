#pragma once
// Small filesystem helpers that report failures as Result instead of
// throwing std::filesystem_error.

#include <cstdint>
#include <filesystem>
#include <string>

#include "packager/core/error.hpp"

namespace packager::util {

// Reads a whole (small) text file: lesson files, templates, manifests.
// Refuses files larger than `max_bytes` (ErrorCode::input).
Result<std::string> read_text_file(const std::filesystem::path& path,
                                   std::uintmax_t max_bytes = 16u * 1024 * 1024);

// Creates a directory and its parents. ErrorCode::output on failure.
Result<void> make_directories(const std::filesystem::path& path);

// True when `path` lies inside `root` once both are made absolute and
// normalised (symlinks resolved where the files exist).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& root);

// Copies a file, streaming. ErrorCode::output on failure.
Result<void> copy_file(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace packager::util
