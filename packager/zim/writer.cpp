#include "packager/zim/writer.hpp"

#include <cstring>
#include <iostream>
#include <streambuf>
#include <memory>

#include <fmt/format.h>
#include <zim/uuid.h>
#include <zim/writer/contentProvider.h>
#include <zim/writer/creator.h>
#include <zim/writer/item.h>

#include "packager/util/sha256.hpp"
#include "packager/zim/reproducible.hpp"

namespace packager::zim {
namespace fs = std::filesystem;
namespace {

// Hands libzim a view of bytes the book owns (a page), without a copy.
class ViewProvider : public ::zim::writer::ContentProvider {
 public:
  explicit ViewProvider(const std::string& bytes) : m_bytes(bytes) {}
  ::zim::size_type getSize() const override { return m_bytes.size(); }
  ::zim::Blob feed() override {
    if (m_fed) return {};
    m_fed = true;
    return {m_bytes.data(), static_cast<::zim::size_type>(m_bytes.size())};
  }

 private:
  const std::string& m_bytes;
  bool m_fed = false;
};

// The words the pipeline chose for the full-text index (title,
// description, transcript), rather than everything on the page.
class BookIndexData : public ::zim::writer::IndexData {
 public:
  explicit BookIndexData(const ZimEntry& entry) : m_entry(entry) {}
  bool hasIndexData() const override { return true; }
  std::string getTitle() const override { return m_entry.title; }
  std::string getContent() const override { return m_entry.index_text; }
  std::string getKeywords() const override { return m_entry.index_keywords; }
  std::uint32_t getWordCount() const override {
    std::uint32_t words = 0;
    bool in_word = false;
    for (const char c : m_entry.index_text) {
      const bool blank = c == ' ' || c == '\n' || c == '\t';
      if (!blank && !in_word) ++words;
      in_word = !blank;
    }
    return words;
  }
  GeoPosition getGeoPosition() const override { return {false, 0, 0}; }

 private:
  const ZimEntry& m_entry;
};

// One book entry as a libzim item. The book outlives the creator.
class BookItem : public ::zim::writer::Item {
 public:
  explicit BookItem(const ZimEntry& entry) : m_entry(entry) {}
  std::string getPath() const override { return m_entry.path; }
  std::string getTitle() const override { return m_entry.title; }
  std::string getMimeType() const override { return m_entry.mime_type; }
  std::unique_ptr<::zim::writer::ContentProvider> getContentProvider() const override {
    // libzim's FileProvider reads in blocks: a video never sits in memory.
    if (m_entry.on_disk()) return std::make_unique<::zim::writer::FileProvider>(m_entry.file.string());
    return std::make_unique<ViewProvider>(m_entry.bytes);
  }
  ::zim::writer::Hints getHints() const override {
    return {{::zim::writer::COMPRESS, m_entry.compress ? 1 : 0},
            {::zim::writer::FRONT_ARTICLE, m_entry.front_article ? 1 : 0}};
  }
  // Only lesson pages are indexed, so a search lists each lesson once (its
  // transcript page holds the same words).
  std::shared_ptr<::zim::writer::IndexData> getIndexData() const override {
    if (!m_entry.indexed) return nullptr;
    if (!m_entry.index_text.empty()) return std::make_shared<BookIndexData>(m_entry);
    return ::zim::writer::Item::getIndexData();
  }

 private:
  const ZimEntry& m_entry;
};

// libzim 8.1 prints progress lines ("Resolve redirect", "set index") to
// std::cout even when not verbose; stdout carries packager's results, so
// they are dropped while libzim works.
class QuietStdout {
 public:
  QuietStdout() : m_saved(std::cout.rdbuf(&m_null)) {}
  ~QuietStdout() { std::cout.rdbuf(m_saved); }
  QuietStdout(const QuietStdout&) = delete;
  QuietStdout& operator=(const QuietStdout&) = delete;

 private:
  struct NullBuffer : std::streambuf {
    int overflow(int c) override { return traits_type::not_eof(c); }
  };
  NullBuffer m_null;
  std::streambuf* m_saved;
};

::zim::Uuid uuid_from(const std::string& hex_sha256) {
  ::zim::Uuid uuid;
  for (int i = 0; i < 16; ++i)
    uuid.data[i] = static_cast<char>(std::stoi(hex_sha256.substr(static_cast<size_t>(2 * i), 2), nullptr, 16));
  // An RFC 4122 "name-based" UUID: version 5 bits, variant bits.
  uuid.data[6] = static_cast<char>((uuid.data[6] & 0x0f) | 0x50);
  uuid.data[8] = static_cast<char>((uuid.data[8] & 0x3f) | 0x80);
  return uuid;
}

void add_metadata(::zim::writer::Creator& creator, const ZimMetadata& m) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"Name", &m.name},           {"Title", &m.title},     {"Creator", &m.creator},
      {"Publisher", &m.publisher}, {"Date", &m.date},       {"Description", &m.description},
      {"LongDescription", &m.long_description},            {"Language", &m.language},
      {"Tags", &m.tags},           {"Flavour", &m.flavour}, {"License", &m.license}};
  for (const auto& [name, value] : fields)
    if (!value->empty()) creator.addMetadata(name, *value);
  if (!m.illustration_png.empty()) creator.addIllustration(48, m.illustration_png);
}

// Disk full and permissions are the user's to fix; anything else libzim
// refuses is a bug in the book we built.
ErrorCode code_for(const std::string& message) {
  for (const char* hint : {"No space", "Permission", "Read-only", "Cannot open", "cannot open", "Disk quota",
                           "No such file", "Is a directory", "File too large", "Input/output"})
    if (message.find(hint) != std::string::npos) return ErrorCode::output;
  return ErrorCode::internal;
}

}  // namespace

Result<std::string> book_hash(const ZimBook& book) {
  util::Sha256 hash;
  const auto field = [&](std::string_view text) {
    hash.update(fmt::format("{}:", text.size()));
    hash.update(text);
  };
  const ZimMetadata& m = book.metadata;
  for (const std::string* value : {&m.name, &m.title, &m.creator, &m.publisher, &m.date, &m.description,
                                   &m.long_description, &m.language, &m.tags, &m.flavour, &m.license,
                                   &m.illustration_png, &book.main_path})
    field(*value);
  for (const auto& e : book.entries) {
    field(e.path);
    field(e.title);
    field(e.mime_type);
    field(e.index_text);
    field(e.index_keywords);
    field(fmt::format("{}{}{}", e.compress ? 'c' : '-', e.front_article ? 'f' : '-', e.indexed ? 'i' : '-'));
    if (!e.on_disk()) {
      field(util::sha256_hex(e.bytes));
    } else if (!e.content_id.empty()) {
      field(e.content_id);
    } else {
      TRY_ASSIGN(std::string sha, util::sha256_file(e.file));
      field(sha);
    }
  }
  return hash.hex_digest();
}

Result<ZimWritten> write_zim(const ZimBook& book, const fs::path& path, const ZimSettings& settings) {
  TRY_ASSIGN(std::string hash, book_hash(book));
  const fs::path part = fs::path(path.string() + ".part");
  std::error_code ec;
  fs::remove(part, ec);
  try {
    const QuietStdout quiet;
    ::zim::writer::Creator creator;
    creator.configVerbose(false)
        .configCompression(::zim::Compression::Zstd)
        .configClusterSize(settings.cluster_size)
        .configIndexing(settings.full_text_index, settings.index_language)
        .configNbWorkers(1);  // see writer.hpp: more threads, other index bytes
    creator.setUuid(uuid_from(hash));
    creator.startZimCreation(part.string());
    for (const auto& entry : book.entries) creator.addItem(std::make_shared<BookItem>(entry));
    add_metadata(creator, book.metadata);
    creator.setMainPath(book.main_path);
    // The commit step: clusters, indexes, pointer lists, checksum.
    creator.finishZimCreation();
  } catch (const std::exception& e) {
    fs::remove(part, ec);
    const std::string message = e.what();
    return fail(code_for(message), fmt::format("{}: libzim could not write the ZIM: {}", path.string(), message));
  }
  auto pinned = pin_index_uuids(part, hash);
  if (!pinned) {
    fs::remove(part, ec);
    return tl::unexpected(pinned.error());
  }
  fs::rename(part, path, ec);
  if (ec) {
    fs::remove(part, ec);
    return fail(ErrorCode::output, fmt::format("cannot write {}: {}", path.string(), ec.message()));
  }
  return ZimWritten{std::move(hash), std::move(*pinned)};
}

}  // namespace packager::zim
