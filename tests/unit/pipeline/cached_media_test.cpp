// Zip-only builds read a cached remuxed video in place (no copy out of the
// cache); the site still gets a copy of its own; the entry is checked
// before reuse and again after the writers read it; the zip's SHA-256 is
// computed while it is written once the cache knows the video's CRC-32. A
// new video is remuxed straight into a staging folder of the cache and
// committed there with its CRC-32 and poster; the poster is reused,
// checked.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "packager/pipeline/build.hpp"
#include "packager/pipeline/state.hpp"
#include "packager/util/crc32.hpp"
#include "packager/util/sha256.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline {
namespace {
namespace fs = std::filesystem;
using packager::testing::Fixture;
using packager::testing::ScratchDir;

class CachedMedia : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path video = packager::testing::make_fixture(Fixture::fragmented_h264_aac, fixtures.path());
    fs::create_directories(course.path() / "media");
    fs::copy_file(video, course.path() / "media" / "fractions-1080-fragmented.mp4");
    packager::testing::write_file(course.path() / "fractions.md",
                                  "---\ntitle: Les fractions\nvideoDownloadHref: "
                                  "https://tube.example.org/download/fractions-1080-fragmented.mp4\n---\n\n"
                                  "## Transcription\n\nTexte.\n");
  }
  BuildOptions options(const fs::path& output, bool site = false) const {
    BuildOptions o;
    o.input = course.path() / "fractions.md";
    o.output_dir = output;
    o.templates_dir = packager::testing::source_dir() / "templates";
    o.fetch.cache_dir = cache.path();
    o.fetch.media_dirs = {course.path() / "media"};
    o.format.site = site;
    return o;
  }
  // The passes of build.cpp up to the media, on `state`.
  static void prepare(BuildState& state) {
    ASSERT_TRUE(load_course(state));
    ASSERT_TRUE(load_templates(state));
    ASSERT_TRUE(fetch_media(state));
    ASSERT_TRUE(open_output(state));
    ASSERT_TRUE(open_work_folder(state));
    ASSERT_TRUE(reuse_media(state));
  }
  fs::path cached_video() const {
    for (const auto& e : fs::recursive_directory_iterator(cache.path() / "remuxed"))
      if (e.path().filename() == "video.mp4") return e.path();
    return {};
  }
  ScratchDir fixtures, course, out, cache;
  const Reporter reporter{Verbosity::quiet};
};

TEST_F(CachedMedia, ZipOnlyBuildReadsTheCachedVideoInPlaceAndStreamsTheZipHash) {
  auto first = build(options(out / "one"), reporter);
  ASSERT_TRUE(first) << first.error().message;
  const fs::path cached = cached_video();
  ASSERT_FALSE(cached.empty());
  const auto entry = nlohmann::json::parse(packager::testing::read_file(cached.parent_path() / "entry.json"));
  ASSERT_TRUE(entry["description"].contains("crc32")) << entry.dump();

  {
    // (Its own output folder: a build holds its folder's lock.)
    const BuildOptions o = options(out / "passes");  // the state keeps a reference
    BuildState state(o, reporter);
    state.read_media_in_cache = true;  // as build() sets it without the site
    prepare(state);
    ASSERT_EQ(state.lessons.size(), 1u);
    EXPECT_EQ(state.lessons[0].video, cached) << "read in place, not copied into the work folder";
    EXPECT_TRUE(state.lessons[0].video_crc32.has_value());
    EXPECT_FALSE(fs::exists(state.work->path() / "lessons" / "fractions" / "video.mp4"));
    EXPECT_TRUE(check_cached_media(state));
  }

  // The whole build: the same zip bytes as the first, the video inside it
  // the cache's bytes, its SHA-256 in SHA256SUMS right.
  auto second = build(options(out / "two"), reporter);
  ASSERT_TRUE(second) << second.error().message;
  ASSERT_EQ(second->packages.size(), 1u);
  const std::string zip = packager::testing::read_file(second->packages[0]);
  EXPECT_EQ(zip, packager::testing::read_file(first->packages[0]));
  const std::string sums = packager::testing::read_file(out / "two" / "SHA256SUMS");
  EXPECT_NE(sums.find(util::sha256_hex(zip) + "  " + second->packages[0].filename().string()), std::string::npos)
      << sums;
  ASSERT_EQ(packager::testing::run("cd " + (out / "two").string() + " && unzip -p " +
                                   second->packages[0].filename().string() + " lessons/fractions/video.mp4 > v.mp4"),
            0);
  EXPECT_EQ(packager::testing::read_file(out / "two" / "v.mp4"), packager::testing::read_file(cached));
}

TEST_F(CachedMedia, TheSiteGetsACopyOfItsOwn) {
  ASSERT_TRUE(build(options(out / "one"), reporter));
  const BuildOptions o = options(out / "two", /*site=*/true);
  BuildState state(o, reporter);
  state.read_media_in_cache = false;  // as build() sets it with the site
  prepare(state);
  ASSERT_EQ(state.lessons.size(), 1u);
  EXPECT_EQ(state.lessons[0].video.parent_path().parent_path().parent_path(), state.work->path());
  EXPECT_FALSE(fs::equivalent(state.lessons[0].video, cached_video()));
  // The entry a zip-only build stored records the CRC-32 only: the copy
  // gives the SHA-256 the site's SHA256SUMS lists.
  EXPECT_EQ(state.lessons[0].video_sha256, *util::sha256_file(state.lessons[0].video));
}

TEST_F(CachedMedia, ACachedVideoChangedWhileTheBuildReadsItFailsTheBuild) {
  ASSERT_TRUE(build(options(out / "one"), reporter));
  const BuildOptions o = options(out / "two");
  BuildState state(o, reporter);
  state.read_media_in_cache = true;
  prepare(state);
  const fs::path cached = cached_video();
  ASSERT_EQ(state.lessons[0].video, cached);
  // Someone edits the cache's file under the build.
  fs::permissions(cached, fs::perms::owner_write, fs::perm_options::add);
  packager::testing::write_file(cached, packager::testing::read_file(cached) + "x");
  auto checked = check_cached_media(state);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, ErrorCode::media);
  EXPECT_NE(checked.error().message.find("the cached remuxed video " + cached.string() +
                                         " changed while this build read it (its size changed"),
            std::string::npos)
      << checked.error().message;
  // The next build finds the entry damaged, drops it and remuxes again.
  auto again = build(options(out / "three"), reporter);
  ASSERT_TRUE(again) << again.error().message;
}

TEST_F(CachedMedia, AZipOnlyBuildRemuxesStraightIntoTheCacheAndCommitsItAfterTheWriters) {
  const BuildOptions o = options(out / "one");
  BuildState state(o, reporter);
  state.read_media_in_cache = state.store_in_background = true;  // as build() sets them for zips only
  prepare(state);
  ASSERT_TRUE(prepare_media(state));
  const LessonBuild& b = state.lessons[0];
  EXPECT_EQ(b.video.parent_path().parent_path(), cache.path() / "remuxed") << b.video;
  EXPECT_EQ(b.video.parent_path().filename().string().rfind(".tmp-", 0), 0u) << b.video;
  EXPECT_FALSE(fs::exists(state.work->path() / "lessons" / "fractions" / "video.mp4"));
  EXPECT_TRUE(b.skip_video_sha256) << "no output of a zip-only build needs the video's SHA-256";
  ASSERT_TRUE(b.video_crc32.has_value());
  EXPECT_EQ(*b.video_crc32, *util::crc32_file(b.video));
  const auto written = util::file_identity(b.video);
  ASSERT_TRUE(store_media(state));
  ASSERT_TRUE(finish_store_media(state));
  const fs::path cached = cached_video();
  EXPECT_EQ(state.lessons[0].video, cached);
  EXPECT_EQ(util::file_identity(cached)->inode, written->inode) << "renamed into place, not copied";
  const auto entry = nlohmann::json::parse(packager::testing::read_file(cached.parent_path() / "entry.json"));
  EXPECT_FALSE(entry["video"].contains("sha256")) << entry.dump();
  EXPECT_EQ(entry["video"]["crc32"].get<std::uint32_t>(), *util::crc32_file(cached));
  EXPECT_EQ(entry["poster"]["sha256"], util::sha256_hex(packager::testing::read_file(b.poster)));
  EXPECT_TRUE(check_cached_media(state));
}

TEST_F(CachedMedia, AStagedVideoChangedWhileTheWritersReadItFailsTheBuild) {
  const BuildOptions o = options(out / "one");
  BuildState state(o, reporter);
  state.read_media_in_cache = state.store_in_background = true;
  prepare(state);
  ASSERT_TRUE(prepare_media(state));
  ASSERT_TRUE(store_media(state));
  packager::testing::write_file(state.lessons[0].video, "not a video");
  auto finished = finish_store_media(state);
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().code, ErrorCode::media);
  EXPECT_NE(finished.error().message.find("changed after it was written"), std::string::npos)
      << finished.error().message;
  EXPECT_TRUE(cached_video().empty()) << "nothing stored under its key";
}

TEST_F(CachedMedia, AVideoThatCannotBeWrittenIntoTheCacheIsRemuxedInTheWorkFolderWithAWarning) {
  const BuildOptions o = options(out / "one");
  const Reporter warned{Verbosity::quiet};
  BuildState state(o, warned);
  state.read_media_in_cache = state.store_in_background = true;
  prepare(state);
  // A staging folder whose video cannot be created (a folder is in its
  // way), as a full or read-only cache disk would refuse it.
  state.staged.resize(1);
  auto staging = fetch::RemuxStore(cache.path()).stage(remux_key(state, state.lessons[0]));
  ASSERT_TRUE(staging);
  fs::create_directories(staging->video());
  const fs::path staging_dir = staging->video().parent_path();
  state.lessons[0].video = staging->video();
  state.staged[0] = std::move(*staging);
  auto made = prepare_media(state);
  ASSERT_TRUE(made) << made.error().message;
  const LessonBuild& b = state.lessons[0];
  EXPECT_EQ(b.video, state.work->path() / "lessons" / "fractions" / "video.mp4");
  EXPECT_TRUE(fs::is_regular_file(b.video));
  EXPECT_FALSE(b.video_in_cache.has_value());
  EXPECT_FALSE(state.staged[0].has_value());
  EXPECT_FALSE(fs::exists(staging_dir)) << "the staging folder is removed, freeing its room";
  ASSERT_EQ(warned.warnings().size(), 1u);
  EXPECT_EQ(warned.warnings()[0].message.rfind("warning: could not keep the remuxed video of fractions in the cache: ", 0), 0u)
      << warned.warnings()[0].message;
  // The build goes on; store_media then copies it into the cache as usual.
  ASSERT_TRUE(store_media(state));
  ASSERT_TRUE(finish_store_media(state));
  EXPECT_FALSE(cached_video().empty());
}

TEST_F(CachedMedia, TheCachedPosterIsReusedCheckedAndDrawnAgainWhenItChanged) {
  auto first = build(options(out / "one"), reporter);
  ASSERT_TRUE(first) << first.error().message;
  const fs::path poster = cached_video().parent_path() / "poster.jpg";
  ASSERT_TRUE(fs::exists(poster));
  {
    const BuildOptions o = options(out / "passes");
    BuildState state(o, reporter);
    state.read_media_in_cache = state.store_in_background = true;
    prepare(state);
    const LessonBuild& b = state.lessons[0];
    EXPECT_EQ(b.poster.parent_path().parent_path().parent_path(), state.work->path()) << "a copy: " << b.poster;
    EXPECT_EQ(packager::testing::read_file(b.poster), packager::testing::read_file(poster));
  }
  fs::permissions(poster, fs::perms::owner_write, fs::perm_options::add);
  packager::testing::write_file(poster, "not a jpeg");
  const Reporter warned{Verbosity::quiet};
  auto second = build(options(out / "two"), warned);
  ASSERT_TRUE(second) << second.error().message;
  ASSERT_EQ(warned.warnings().size(), 1u);
  EXPECT_NE(warned.warnings()[0].message.find("the cached poster of "
                                              "https://tube.example.org/download/fractions-1080-fragmented.mp4 "
                                              "changed since it was stored; it is drawn again"),
            std::string::npos)
      << warned.warnings()[0].message;
  // Drawn again: the same zip as the first build.
  EXPECT_EQ(packager::testing::read_file(second->packages[0]), packager::testing::read_file(first->packages[0]));
}

}  // namespace
}  // namespace packager::pipeline
