// stream_layout(): whether a fetched video has sound, probed once per
// content and then read from the cache's record.
#include "packager/pipeline/stream_memo.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "packager/util/sha256.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline {
namespace {
namespace fs = std::filesystem;
using packager::testing::Fixture;
using packager::testing::ScratchDir;

fetch::Fetched fetched(const fs::path& path) {
  fetch::Fetched f;
  f.path = path;
  f.sha256 = *util::sha256_file(path);
  return f;
}

fs::path record_of(const fs::path& cache, const fetch::Fetched& f) {
  return cache / "media-streams" / (f.sha256 + ".json");
}

TEST(StreamMemo, ProbesOnceThenAnswersFromTheRecord) {
  ScratchDir dir;
  const auto video = fetched(packager::testing::make_fixture(Fixture::video_only, dir.path() / "v"));
  const fs::path cache = dir.path() / "cache";
  auto first = stream_layout(video, cache);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->has_video);
  EXPECT_FALSE(first->has_audio);
  ASSERT_TRUE(fs::is_regular_file(record_of(cache, video)));

  // The record is what answers now: rewritten to claim sound, the answer
  // follows it (the file is not probed again).
  auto j = nlohmann::json::parse(packager::testing::read_file(record_of(cache, video)));
  EXPECT_EQ(j.at("sha256"), video.sha256);
  j["has_audio"] = true;
  packager::testing::write_file(record_of(cache, video), j.dump());
  auto second = stream_layout(video, cache);
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->has_audio);
}

TEST(StreamMemo, IgnoresARecordOfAnotherVersionOrOtherBytes) {
  ScratchDir dir;
  const auto video = fetched(packager::testing::make_fixture(Fixture::fragmented_h264_aac, dir.path() / "v"));
  const fs::path cache = dir.path() / "cache";
  fs::create_directories(cache / "media-streams");
  for (const auto& bad : {nlohmann::json{{"sha256", video.sha256}, {"tool", "0.0.0-other"}, {"has_video", true},
                                         {"has_audio", false}},
                          nlohmann::json{{"sha256", std::string(64, 'a')}, {"tool", PACKAGER_VERSION},
                                         {"has_video", true}, {"has_audio", false}}}) {
    packager::testing::write_file(record_of(cache, video), bad.dump());
    auto layout = stream_layout(video, cache);
    ASSERT_TRUE(layout);
    EXPECT_TRUE(layout->has_audio) << bad.dump();  // probed: the fixture has sound
  }
  // A torn record is probed again (and rewritten whole).
  packager::testing::write_file(record_of(cache, video), "{\"sha256\": ");
  auto layout = stream_layout(video, cache);
  ASSERT_TRUE(layout);
  EXPECT_TRUE(layout->has_audio);
  EXPECT_EQ(nlohmann::json::parse(packager::testing::read_file(record_of(cache, video))).at("tool"), PACKAGER_VERSION);
}

TEST(StreamMemo, NotMediaIsNotRecorded) {
  ScratchDir dir;
  const auto page = fetched(packager::testing::make_fixture(Fixture::html, dir.path() / "p"));
  const fs::path cache = dir.path() / "cache";
  EXPECT_FALSE(stream_layout(page, cache));
  EXPECT_FALSE(fs::exists(record_of(cache, page)));
}

TEST(StreamMemo, WithoutACacheItProbesEveryTime) {
  ScratchDir dir;
  const auto video = fetched(packager::testing::make_fixture(Fixture::video_only, dir.path() / "v"));
  auto layout = stream_layout(video, {});
  ASSERT_TRUE(layout);
  EXPECT_FALSE(layout->has_audio);
}

}  // namespace
}  // namespace packager::pipeline
