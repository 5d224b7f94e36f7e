#include "packager/pipeline/report.hpp"

#include <gtest/gtest.h>

#include "packager/pipeline/report_diff.hpp"
#include "packager/pipeline/verify.hpp"
#include "packager/util/sha256.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline {
namespace {
using packager::testing::ScratchDir;
using packager::testing::write_file;

const std::string k_hash_a(64, 'a');

TEST(Sums, FormatIsSortedAndReadsBack) {
  const std::string text = format_sums({{"z.zip", k_hash_a, 1, {}}, {"b/c.html", std::string(64, 'b'), 2, {}}});
  EXPECT_EQ(text, std::string(64, 'b') + "  b/c.html\n" + k_hash_a + "  z.zip\n");
  auto back = parse_sums(text, "SHA256SUMS");
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].path, "b/c.html");
  EXPECT_EQ((*back)[1].sha256, k_hash_a);
}

TEST(Sums, BinaryMarkerAndUpperCaseAreAccepted) {
  auto back = parse_sums(std::string(64, 'A') + " *x y.zip\r\n", "S");
  ASSERT_TRUE(back);
  EXPECT_EQ((*back)[0].path, "x y.zip");
  EXPECT_EQ((*back)[0].sha256, k_hash_a);
}

TEST(Sums, MalformedLineNamesFileAndLine) {
  auto back = parse_sums(k_hash_a + "  ok.zip\nnot a checksum line\n", "dist/SHA256SUMS");
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().code, ErrorCode::input);
  EXPECT_EQ(back.error().message, "dist/SHA256SUMS:2: expected '<sha256>  <file>' as written by sha256sum");
}

// A bundle described by SHA256SUMS alone (no report): verify still works.
TEST(Verify, SumsOnlyFolderFindsEachKindOfDifference) {
  ScratchDir dir;
  write_file(dir / "keep.txt", "kept");
  write_file(dir / "edit.txt", "original");
  write_file(dir / "gone.txt", "gone");
  write_file(dir / "SHA256SUMS", format_sums({{"keep.txt", util::sha256_hex("kept"), 0, {}},
                                              {"edit.txt", util::sha256_hex("original"), 0, {}},
                                              {"gone.txt", util::sha256_hex("gone"), 0, {}}}));
  auto clean = verify(dir.path());
  ASSERT_TRUE(clean) << clean.error().message;
  EXPECT_TRUE(clean->findings.empty());
  EXPECT_EQ(clean->files_checked, 3);
  EXPECT_EQ(clean->basis, "SHA256SUMS");

  write_file(dir / "edit.txt", "0riginal");
  std::filesystem::remove(dir / "gone.txt");
  write_file(dir / "new.txt", "new");
  write_file(dir / ".DS_Store", "finder litter is not a difference");
  auto result = verify(dir.path());
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->findings.size(), 3u);
  EXPECT_EQ(result->findings[0].kind, Difference::changed);
  EXPECT_EQ(result->findings[0].path, "edit.txt");
  EXPECT_EQ(result->findings[1].kind, Difference::missing);
  EXPECT_EQ(result->findings[1].path, "gone.txt");
  EXPECT_EQ(result->findings[2].kind, Difference::extra);
  EXPECT_EQ(result->findings[2].path, "new.txt");
}

TEST(Verify, PathsLeavingTheBundleAreRefused) {
  ScratchDir dir;
  write_file(dir / "SHA256SUMS", k_hash_a + "  ../outside.txt\n");
  auto result = verify(dir.path());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::input);
}

std::string report_with(const std::string& lessons) {
  return R"({"format": "packager-build-report/1", "course": {"version": "2.0.0"}, "lessons": [)" + lessons +
         R"(], "outputs": []})";
}

std::string lesson(const std::string& slug, const std::string& source, const std::string& media,
                   int max_height = 0) {
  return R"({"slug": ")" + slug + R"(", "title": "T", "source": {"sha256": ")" + source +
         R"("}, "media": {"url": "u", "sha256": ")" + media +
         R"("}, "media_settings": {"max_height": )" + std::to_string(max_height) + "}}";
}

TEST(Diff, ListsAddedRemovedAndWhatChanged) {
  ScratchDir dir;
  write_file(dir / "old.json", report_with(lesson("a", "1", "m") + "," + lesson("b", "1", "m") + "," +
                                           lesson("c", "1", "m") + "," + lesson("d", "1", "m")));
  write_file(dir / "new.json", report_with(lesson("a", "1", "m") + "," + lesson("b", "2", "m") + "," +
                                           lesson("c", "1", "n", 480) + "," + lesson("e", "1", "m")));
  auto diff = diff_reports(dir / "old.json", dir / "new.json");
  ASSERT_TRUE(diff) << diff.error().message;
  EXPECT_EQ(format_diff(*diff),
            "added: e (T)\n"
            "removed: d (T)\n"
            "changed: b: source\n"
            "changed: c: media, settings\n");
}

TEST(Diff, BrokenReportNamesTheFile) {
  ScratchDir dir;
  write_file(dir / "old.json", "{not json");
  write_file(dir / "new.json", report_with(""));
  auto diff = diff_reports(dir / "old.json", dir / "new.json");
  ASSERT_FALSE(diff);
  EXPECT_EQ(diff.error().message, (dir / "old.json").string() + ": not valid JSON");
}

}  // namespace
}  // namespace packager::pipeline
