#pragma once
// Files a lesson points at inside its collection: captionFilePath and
// pdfFilePath are written relative to the collection's public/ folder
// ("/captions/mednum/x.vtt"), as on the static site the lessons come from.

#include <filesystem>
#include <string>
#include <string_view>

namespace packager::lesson {

// The collection's public/ folder for a lesson file: the first folder named
// `public` found beside the lesson's folder or one of its ancestors
// (content/edu/x.md -> ../../public). Empty when there is none.
std::filesystem::path find_public_root(const std::filesystem::path& lesson_file);

struct PublicFile {
  std::filesystem::path file;  // absolute, symlinks resolved; empty on error
  std::string error;           // why it was refused; empty on success
};

// Resolves a path written in a lesson against `public_root` and confines
// it there: after resolving symlinks and "..", the file must lie inside
// public_root and exist as a regular file. Never throws.
PublicFile resolve_public_file(std::string_view written, const std::filesystem::path& public_root);

}  // namespace packager::lesson
