#include "packager/zim/writer.hpp"

#include <gtest/gtest.h>
#include <zim/archive.h>
#include <zim/item.h>
#include <zim/search.h>
#include <zim/search_iterator.h>

#include "packager/util/sha256.hpp"
#include "tests/support/test_support.hpp"

namespace packager::zim {
namespace {
using packager::testing::read_file;
using packager::testing::ScratchDir;
using packager::testing::write_file;

// A 48x48 PNG would come from the media stage; any bytes do for libzim.
const std::string k_png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, 'x');

ZimEntry entry(std::string path, std::string title, std::string mime) {
  ZimEntry e;
  e.path = std::move(path);
  e.title = std::move(title);
  e.mime_type = std::move(mime);
  return e;
}

// A small course: index, a lesson page with its video (a file), a style
// sheet. The "video" is 3 MiB of varied bytes, bigger than a cluster.
ZimBook sample_book(const ScratchDir& dir) {
  std::string video;
  video.reserve(3u << 20);
  for (unsigned i = 0; i < (3u << 20); ++i) video += static_cast<char>((i * 7919u) >> 3);
  write_file(dir / "video.mp4", video);
  ZimBook book;
  book.main_path = "index.html";
  book.metadata = {"demo_fr", "Démonstration", "Équipe", "Éditeur", "2000-01-01", "Une leçon.",
                   "Une leçon de démonstration (1 leçon vidéo)", "fra", "_videos:yes", "all", "CC BY 4.0", k_png};
  ZimEntry index = entry("index.html", "Démonstration", "text/html; charset=utf-8");
  index.bytes = "<!DOCTYPE html><html lang=\"fr\"><head><title>Démonstration</title></head><body>"
                "<a href=\"lessons/a/index.html\">Leçon</a></body></html>";
  index.compress = index.front_article = true;
  ZimEntry page = entry("lessons/a/index.html", "La leçon", "text/html; charset=utf-8");
  page.bytes = "<!DOCTYPE html><html lang=\"fr\"><head><title>La leçon</title></head><body><h1>La leçon</h1>"
               "<video src=\"video.mp4\"></video></body></html>";
  page.compress = page.front_article = page.indexed = true;
  page.index_text = "Bonjour, nous parlons des ornithorynques en classe.";
  ZimEntry mp4 = entry("lessons/a/video.mp4", "", "video/mp4");
  mp4.file = dir / "video.mp4";
  ZimEntry css = entry("shared/style.css", "", "text/css; charset=utf-8");
  css.bytes = "body { font-family: sans-serif; }\n";
  css.compress = true;
  book.entries = {index, page, mp4, css};
  return book;
}

TEST(ZimWriter, EntriesMetadataAndMainPageAsKiwixReadsThem) {
  ScratchDir dir;
  const ZimBook book = sample_book(dir);
  auto written = write_zim(book, dir / "demo.zim");
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir / "demo.zim.part"));
  // The SHA-256 the UUID pass computed is the finished file's.
  ASSERT_FALSE(written->sha256.empty());
  EXPECT_EQ(written->sha256, *packager::util::sha256_file(dir / "demo.zim"));
  EXPECT_EQ(written->content_hash, *book_hash(book));
  ::zim::Archive archive((dir / "demo.zim").string());
  EXPECT_TRUE(archive.checkIntegrity(::zim::IntegrityCheck::CHECKSUM));
  EXPECT_EQ(archive.getMainEntry().getItem(true).getPath(), "index.html");
  EXPECT_EQ(archive.getMetadata("Name"), "demo_fr");
  EXPECT_EQ(archive.getMetadata("Title"), "Démonstration");
  EXPECT_EQ(archive.getMetadata("Language"), "fra");
  EXPECT_EQ(archive.getMetadata("Date"), "2000-01-01");
  EXPECT_EQ(archive.getMetadata("License"), "CC BY 4.0");
  EXPECT_EQ(std::string(archive.getIllustrationItem(48).getData()), k_png);
  const auto page = archive.getEntryByPath("lessons/a/index.html").getItem();
  EXPECT_EQ(page.getTitle(), "La leçon");
  EXPECT_EQ(page.getMimetype(), "text/html; charset=utf-8");
  EXPECT_EQ(std::string(page.getData()), book.entries[1].bytes);
  const auto video = archive.getEntryByPath("lessons/a/video.mp4").getItem();
  EXPECT_EQ(std::string(video.getData()), read_file(dir / "video.mp4"));
  // Stored, not compressed: readers serve byte ranges straight from the
  // file (libzim gives direct access only to uncompressed blobs)...
  EXPECT_FALSE(video.getDirectAccessInformation().first.empty());
  // ...and text is compressed.
  EXPECT_TRUE(page.getDirectAccessInformation().first.empty());
  EXPECT_TRUE(archive.hasFulltextIndex());
  EXPECT_EQ(archive.getUuid(), ::zim::Archive((dir / "demo.zim").string()).getUuid());
}

TEST(ZimWriter, FullTextSearchFindsTheIndexText) {
  ScratchDir dir;
  ASSERT_TRUE(write_zim(sample_book(dir), dir / "demo.zim"));
  ::zim::Archive archive((dir / "demo.zim").string());
  ::zim::Searcher searcher(archive);
  auto search = searcher.search(::zim::Query("ornithorynques"));
  ASSERT_EQ(search.getEstimatedMatches(), 1);
  auto results = search.getResults(0, 10);
  EXPECT_EQ(results.begin().getPath(), "lessons/a/index.html");
  // The index page is not indexed (only lesson pages are).
  EXPECT_EQ(searcher.search(::zim::Query("Leçon")).getEstimatedMatches(), 1);
}

TEST(ZimWriter, SameBookSameBytesAndADifferentBookADifferentUuid) {
  ScratchDir dir;
  const ZimBook book = sample_book(dir);
  ASSERT_TRUE(write_zim(book, dir / "one.zim"));
  std::filesystem::create_directories(dir / "elsewhere");
  ASSERT_TRUE(write_zim(book, dir / "elsewhere" / "two.zim"));
  // Byte for byte, Xapian's index UUIDs and the checksum included.
  EXPECT_TRUE(read_file(dir / "one.zim") == read_file(dir / "elsewhere" / "two.zim"));
  ::zim::Archive one((dir / "one.zim").string());
  ZimBook changed = book;
  changed.entries[1].index_text += " Et des tamanoirs.";
  ASSERT_TRUE(write_zim(changed, dir / "three.zim"));
  ::zim::Archive three((dir / "three.zim").string());
  EXPECT_NE(one.getUuid(), three.getUuid());
  EXPECT_TRUE(three.checkIntegrity(::zim::IntegrityCheck::CHECKSUM));
}

TEST(ZimWriter, ContentIdStandsForTheFileInTheHash) {
  ScratchDir dir;
  ZimBook book = sample_book(dir);
  auto hashed = book_hash(book);
  ASSERT_TRUE(hashed);
  book.entries[2].content_id = "remux-key-1";
  auto with_id = book_hash(book);
  ASSERT_TRUE(with_id);
  EXPECT_NE(*hashed, *with_id);
  // The file is not read when a content id is given.
  std::filesystem::remove(dir / "video.mp4");
  EXPECT_EQ(*book_hash(book), *with_id);
  book.entries[2].content_id.clear();
  EXPECT_FALSE(book_hash(book));
}

TEST(ZimWriter, UnwritableFolderIsAnOutputErrorAndLeavesNothing) {
  ScratchDir dir;
  const ZimBook book = sample_book(dir);
  auto written = write_zim(book, dir / "missing" / "demo.zim");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::output) << written.error().message;
  EXPECT_NE(written.error().message.find("demo.zim"), std::string::npos) << written.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir / "missing"));
}

TEST(ZimWriter, Iso6393) {
  EXPECT_EQ(iso639_3("fr"), "fra");
  EXPECT_EQ(iso639_3("en"), "eng");
  EXPECT_EQ(iso639_3("en-GB"), "eng");
}

}  // namespace
}  // namespace packager::zim
