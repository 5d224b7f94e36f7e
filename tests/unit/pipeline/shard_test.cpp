#include "packager/pipeline/shard.hpp"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

namespace packager::pipeline {
namespace {

lesson::Course course_of(int lessons) {
  lesson::Course course;
  course.identifier = "pix-edu";
  for (int i = 0; i < lessons; ++i) {
    lesson::Lesson l;
    l.slug = "lesson-" + std::to_string(i);
    l.title = "Title " + std::to_string(i);
    course.lessons.push_back(l);
  }
  return course;
}

TEST(Shard, ParsesIOfN) {
  auto spec = parse_shard("2/3");
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->index, 2);
  EXPECT_EQ(spec->count, 3);
  for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/0", "1/3x", "/3", "-1/3", "1/10001"}) {
    auto refused = parse_shard(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::usage);
    EXPECT_EQ(refused.error().message,
              std::string("--shard: '") + bad + "' is not I/N with 1 <= I <= N <= 10000 (e.g. 2/3)");
  }
}

TEST(Shard, EveryLessonIsInExactlyOneShardAndShardsAreBalanced) {
  const auto course = course_of(92);
  std::multiset<size_t> all;
  for (int i = 1; i <= 5; ++i) {
    const auto mine = shard_lessons(course, {i, 5});
    EXPECT_TRUE(std::is_sorted(mine.begin(), mine.end()));  // course order
    EXPECT_GE(mine.size(), 18u);
    EXPECT_LE(mine.size(), 19u);
    all.insert(mine.begin(), mine.end());
  }
  EXPECT_EQ(all.size(), 92u);
  EXPECT_EQ(std::set<size_t>(all.begin(), all.end()).size(), 92u);
}

TEST(Shard, TheSplitDependsOnStableIdentifiersNotTitlesOrOrder) {
  auto course = course_of(12);
  const auto before = shard_lessons(course, {2, 3});
  std::vector<std::string> slugs;
  for (size_t i : before) slugs.push_back(course.lessons[i].slug);
  for (auto& l : course.lessons) l.title = "Renamed";
  std::reverse(course.lessons.begin(), course.lessons.end());
  std::vector<std::string> after;
  for (size_t i : shard_lessons(course, {2, 3})) after.push_back(course.lessons[i].slug);
  std::sort(slugs.begin(), slugs.end());
  std::sort(after.begin(), after.end());
  EXPECT_EQ(slugs, after);
  // One shard of one: the whole course.
  EXPECT_EQ(shard_lessons(course, {1, 1}).size(), 12u);
}

}  // namespace
}  // namespace packager::pipeline
