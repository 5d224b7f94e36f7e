#pragma once
// The file libzip writes a package into: a writable zip_source of our own
// (zip_open_from_source) instead of libzip's stdio file, so that the zip's
// SHA-256 (SHA256SUMS, build-report.json) and the SHA-256 of chosen entries'
// data are computed while the bytes are written, on a second thread, and the
// finished zip is never read again.
//
// libzip writes each entry's local header before its data and, once the data
// is written, seeks back and writes the header again with the CRC-32 and
// sizes filled in. A hash that follows the writes stays right only if that
// rewrite puts back the very bytes already hashed. So the sink:
//  - holds the newest bytes in a 1 MiB buffer (a small entry's header is
//    rewritten there, before it is hashed);
//  - fills in the CRC-32 and size of a stored entry the caller knows up
//    front (expect()) in its first header, as libzip will write them;
//  - sets the UTF-8 flag (bit 11) on every local and central header as it
//    passes (what set_utf8_flags does afterwards to a zip libzip wrote);
//  - compares any rewrite of bytes already hashed with what the file holds:
//    when they differ (a CRC the caller did not know), the bytes are
//    written, the streamed hash is dropped and sha256() reads the zip once.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <zip.h>

#include "packager/core/error.hpp"

namespace packager::archive {

class ZipSink {
 public:
  explicit ZipSink(std::filesystem::path path);
  ZipSink(const ZipSink&) = delete;
  ZipSink& operator=(const ZipSink&) = delete;
  ~ZipSink();

  // A stored entry's CRC-32 and size, known before libzip computes them
  // (a wrong value only costs the re-read: libzip's own values are written).
  void expect(const std::string& name, std::uint32_t crc32, std::uint64_t size);
  // Asks for the SHA-256 of entry `name`'s data (its bytes, for a stored
  // entry) as it is written.
  void hash_entry(const std::string& name);

  // A new zip_source for zip_open_from_source; the sink must outlive it.
  // nullptr (with `error` set) when libzip cannot make one.
  zip_source_t* source(zip_error_t* error);

  // After zip_close: the SHA-256 of the file, streamed, or "" when a
  // rewrite changed bytes already hashed (the caller re-reads the file).
  std::string streamed_sha256() const;
  // The SHA-256 of a hash_entry() entry's data, or "" when it was not seen.
  std::string entry_sha256(const std::string& name) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace packager::archive
