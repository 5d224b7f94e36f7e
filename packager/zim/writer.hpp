#pragma once
// Writing a ZimBook as a ZIM file with libzim's writer (zim::writer::Creator).
//
// Reproducible: the same book gives the same bytes. The UUID is derived from
// the book's content hash; entries are added in the book's order; one worker
// thread compresses and indexes, because with several libzim adds documents
// to the full-text index in the order its threads finish (the index bytes
// then vary); the random UUIDs Xapian stamps into the two search indexes are
// replaced by ones derived from the book's hash (reproducible.hpp).

#include <cstdint>
#include <filesystem>
#include <string>

#include "packager/core/error.hpp"
#include "packager/zim/book.hpp"

namespace packager::zim {

struct ZimSettings {
  // libzim's compressed-cluster target; text entries share clusters of
  // about this size (videos are stored in uncompressed clusters).
  std::uint32_t cluster_size = 2 * 1024 * 1024;
  // The full-text index language, ISO 639-3, and whether to build it.
  std::string index_language = "fra";
  bool full_text_index = true;
};

// The book's content hash (hex SHA-256): metadata, main path, every entry's
// path, title, MIME type, flags, and its bytes (or content_id). Reads the
// files that have no content_id. ErrorCode::output when one cannot be read.
Result<std::string> book_hash(const ZimBook& book);

struct ZimWritten {
  std::string content_hash;  // book_hash(book)
  std::string sha256;        // of the file written; "" when not known without reading it
};

// Writes `book` to `path`, under a temporary name beside it renamed when
// complete (libzim's finishZimCreation is the commit step). Returns the
// book's content hash and, from the pass that fixes the index UUIDs, the
// file's SHA-256. ErrorCode::output (disk full, permissions) or
// ErrorCode::internal (libzim refused the book) with libzim's message;
// nothing is left at `path` on failure.
Result<ZimWritten> write_zim(const ZimBook& book, const std::filesystem::path& path,
                             const ZimSettings& settings = {});

// ISO 639-3 for the course languages packager knows ("fr" -> "fra",
// "en" -> "eng"); "fra" otherwise.
std::string iso639_3(const std::string& language);

}  // namespace packager::zim
