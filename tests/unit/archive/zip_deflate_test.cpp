#include "packager/archive/zip_deflate.hpp"

#include <random>

#include <gtest/gtest.h>
#include <zlib.h>

#include "packager/archive/zip_writer.hpp"
#include "tests/support/test_support.hpp"

namespace packager::archive {
namespace {
using packager::testing::ScratchDir;

std::string inflate_raw(const std::string& deflated, std::size_t size) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, -15), Z_OK);
  std::string out(size, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
  z.avail_in = static_cast<uInt>(deflated.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  EXPECT_EQ(z.total_out, size);
  inflateEnd(&z);
  return out;
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(gen());
  return s;
}

std::string page(int i) {
  std::string s = "<!doctype html><title>Lesson " + std::to_string(i) + "</title>";
  for (int k = 0; k < 200 + i * 37; ++k) s += "<p>Paragraphe " + std::to_string(k * i) + " du script.</p>\n";
  return s;
}

TEST(DeflateEntries, RoundTripsWithItsCrcAndLeavesIncompressibleBytesToLibzip) {
  const std::string text = page(3);
  const std::string noise = random_bytes(20000, 7);
  const std::vector<std::string_view> inputs = {text, noise, ""};
  const auto out = deflate_entries(inputs, 3);
  ASSERT_EQ(out.size(), 3u);
  ASSERT_TRUE(out[0]);
  EXPECT_LT(out[0]->data.size(), text.size());
  EXPECT_EQ(out[0]->size, text.size());
  EXPECT_EQ(out[0]->crc32, crc32(0, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size())));
  EXPECT_EQ(inflate_raw(out[0]->data, text.size()), text);
  EXPECT_FALSE(out[1]) << "random bytes do not shrink";
  EXPECT_FALSE(out[2]) << "nor does nothing";
}

// The zip's bytes do not depend on -j, every page is marked as deflated at
// the maximum level (as libzip marks what it deflates at level 9), and the
// real reader accepts it.
TEST(ZipWriter, PagesDeflatedOnWorkersGiveTheSameBytesForAnyNumber) {
  ScratchDir dir;
  packager::testing::write_file(dir / "v.mp4", random_bytes(5000, 1));
  std::vector<std::string> zips;
  for (std::size_t workers : {1u, 2u, 5u}) {
    const auto path = dir / ("out" + std::to_string(workers) + ".zip");
    auto zip = ZipWriter::create(path, 946684800);
    ASSERT_TRUE(zip);
    zip->set_workers(workers);
    for (int i = 0; i < 12; ++i) ASSERT_TRUE(zip->add_bytes("lessons/l" + std::to_string(i) + "/index.html", page(i)));
    ASSERT_TRUE(zip->add_bytes("noise.txt", random_bytes(4000, 2)));
    ASSERT_TRUE(zip->add_file("lessons/l0/video.mp4", dir / "v.mp4"));
    ASSERT_TRUE(zip->commit());
    zips.push_back(packager::testing::read_file(path));
  }
  EXPECT_EQ(zips[0], zips[1]);
  EXPECT_EQ(zips[0], zips[2]);
  ASSERT_EQ(packager::testing::run("cd " + dir.path().string() + " && unzip -v out2.zip > listing.txt && unzip -tq out2.zip"),
            0);
  const std::string listing = packager::testing::read_file(dir / "listing.txt");
  int pages = 0;
  for (size_t at = listing.find("index.html"); at != std::string::npos; at = listing.find("index.html", at + 1)) {
    const size_t line = listing.rfind('\n', at) + 1;
    EXPECT_NE(listing.substr(line, at - line).find("Defl:X"), std::string::npos) << listing.substr(line, at - line);
    ++pages;
  }
  EXPECT_EQ(pages, 12);
  EXPECT_NE(listing.find("Stored"), std::string::npos) << listing;
}

std::uint32_t le(const std::string& b, size_t at, int n) {
  std::uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<size_t>(i)]);
  return v;
}

// The data of the entry whose local header names `name` (sizes in the
// header: our zips carry no data descriptors).
std::string entry_data(const std::string& zip, const std::string& name) {
  for (size_t at = zip.find("PK\x03\x04"); at != std::string::npos; at = zip.find("PK\x03\x04", at + 4)) {
    const auto name_len = le(zip, at + 26, 2);
    if (zip.compare(at + 30, name_len, name) != 0) continue;
    return zip.substr(at + 30 + name_len + le(zip, at + 28, 2), le(zip, at + 18, 4));
  }
  return {};
}

// A page deflated before zip_close is the stream libzip itself writes for
// the same bytes read from a file (which libzip still deflates).
TEST(ZipWriter, PagesDeflatedBeforeCloseAreTheBytesLibzipWrites) {
  ScratchDir dir;
  const std::string text = page(9);
  packager::testing::write_file(dir / "a.html", text);
  auto zip = ZipWriter::create(dir / "out.zip", 946684800);
  ASSERT_TRUE(zip);
  zip->set_workers(2);
  ASSERT_TRUE(zip->add_file("by-libzip.html", dir / "a.html"));
  ASSERT_TRUE(zip->add_bytes("before-close.html", text));
  ASSERT_TRUE(zip->commit());
  const std::string bytes = packager::testing::read_file(dir / "out.zip");
  const std::string by_libzip = entry_data(bytes, "by-libzip.html");
  ASSERT_FALSE(by_libzip.empty());
  EXPECT_LT(by_libzip.size(), text.size());
  EXPECT_EQ(entry_data(bytes, "before-close.html"), by_libzip);
}

}  // namespace
}  // namespace packager::archive
