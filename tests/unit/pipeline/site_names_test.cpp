#include "packager/pipeline/site_names.hpp"

#include <gtest/gtest.h>

namespace packager::pipeline {
namespace {

TEST(SiteNames, OrdinarySitePathsAreSafe) {
  EXPECT_EQ(fat_path_problem("lessons/les-acteurs-du-numerique/video.mp4"), "");
  EXPECT_EQ(fat_path_problem("scorm/pix-edu-1.0.0-scorm12.zip"), "");
  EXPECT_EQ(fat_path_problem("lessons/élèves/index.html"), "");  // exFAT and FAT32 long names are Unicode
}

TEST(SiteNames, ReservedCharactersAreRefused) {
  EXPECT_EQ(fat_path_problem("lessons/a:b/index.html"), "holds ':', which FAT32 and exFAT forbid");
  EXPECT_EQ(fat_path_problem("lessons/what?/index.html"), "holds '?', which FAT32 and exFAT forbid");
  EXPECT_EQ(fat_path_problem("a\\b"), "holds '\\', which FAT32 and exFAT forbid");
  EXPECT_EQ(fat_path_problem("lessons/tab\there"), "holds a control character");
}

TEST(SiteNames, TrailingDotsEmptyPartsAndDeviceNamesAreRefused) {
  EXPECT_EQ(fat_path_problem("lessons/etc./index.html"), "has 'etc.', ending in a dot or space");
  EXPECT_EQ(fat_path_problem("lessons//index.html"), "has an empty, '.' or '..' part");
  EXPECT_EQ(fat_path_problem("lessons/../x"), "has an empty, '.' or '..' part");
  EXPECT_EQ(fat_path_problem("lessons/con/index.html"), "has 'con', a reserved device name on Windows");
  EXPECT_EQ(fat_path_problem("lessons/COM1.txt"), "has 'COM1.txt', a reserved device name on Windows");
  EXPECT_EQ(fat_path_problem("lessons/console/index.html"), "");
  EXPECT_EQ(fat_path_problem("lessons/com10/index.html"), "");
}

TEST(SiteNames, LongPathsAreRefused) {
  const std::string long_slug(190, 'a');
  EXPECT_EQ(fat_path_problem("lessons/" + long_slug + "/index.html"), "is 209 characters long; the limit is 200");
  EXPECT_EQ(fat_path_problem("lessons/" + std::string(180, 'b') + "/video.mp4"), "");
}

TEST(SiteNames, CaseOnlyDifferencesCollide) {
  EXPECT_TRUE(case_collision({"lessons/a/index.html", "lessons/b/index.html"}).empty());
  const auto pair = case_collision({"lessons/Intro/index.html", "index.html", "lessons/intro/index.html"});
  ASSERT_EQ(pair.size(), 2u);
  EXPECT_EQ(pair[0], "lessons/Intro/index.html");
  EXPECT_EQ(pair[1], "lessons/intro/index.html");
}

TEST(SiteNames, SizesRoundUpToClusters) {
  EXPECT_EQ(on_stick_size(0), 0u);
  EXPECT_EQ(on_stick_size(1), k_cluster_size);
  EXPECT_EQ(on_stick_size(k_cluster_size), k_cluster_size);
  EXPECT_EQ(on_stick_size(k_cluster_size + 1), 2 * k_cluster_size);
}

}  // namespace
}  // namespace packager::pipeline
