// The media pass over a real BuildState: what it leaves in LessonBuild for
// the render and package passes (video, info, poster, captions, sizes) and
// how its errors name the lesson, the URL or the caption file.
#include <gtest/gtest.h>

#include "packager/pipeline/state.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline {
namespace {
using packager::testing::Fixture;
using packager::testing::make_fixture;
using packager::testing::ScratchDir;
using packager::testing::shared_dir;
using packager::testing::write_file;

struct MediaPass {
  ScratchDir dir;
  BuildOptions options;
  Reporter reporter{Verbosity::quiet};
  std::optional<BuildState> state;

  // One lesson whose video is `video` (served from `url`).
  void lesson(const std::filesystem::path& video, const std::string& url = "https://tube.example.org/v.mp4") {
    options.output_dir = dir / "dist";
    state.emplace(options, reporter);
    lesson::Lesson l;
    l.source = dir / "lesson.md";
    l.slug = "lesson";
    state->course.lessons.push_back(l);
    LessonBuild b;
    fetch::Fetched fetched;
    fetched.path = video;
    fetched.url = url;
    b.source = fetched;
    state->lessons.push_back(b);
    ASSERT_TRUE(open_work_folder(*state));
  }
};

TEST(PassMedia, RemuxPosterCaptionsAndSizes) {
  MediaPass s;
  s.lesson(make_fixture(Fixture::fragmented_h264_aac, s.dir / "in", 1.0));
  s.state->course.lessons[0].caption_file =
      shared_dir() / "corpus/pix-tutos/public/captions/mednum/Trier_des_donnees.vtt";
  auto done = prepare_media(*s.state);
  ASSERT_TRUE(done) << done.error().message;
  const LessonBuild& b = s.state->lessons[0];
  EXPECT_TRUE(std::filesystem::exists(b.video));
  EXPECT_TRUE(std::filesystem::exists(b.poster));
  EXPECT_EQ(b.poster.filename(), "poster.jpg");
  EXPECT_EQ(b.captions, s.state->course.lessons[0].caption_file);
  EXPECT_FALSE(b.transcoded);
  EXPECT_NEAR(b.info.duration_seconds, 1.0, 0.1);
  EXPECT_EQ(b.info.height, 180);
  EXPECT_GT(b.source_bytes, 0u);
  EXPECT_GT(b.video_bytes, 0u);
}

TEST(PassMedia, MaxHeightTranscodesAndRecordsBothSizes) {
  MediaPass s;
  s.options.media.max_height = 90;
  s.options.media.preset = "ultrafast";
  s.lesson(make_fixture(Fixture::fragmented_h264_aac, s.dir / "in", 1.0));
  auto done = prepare_media(*s.state);
  ASSERT_TRUE(done) << done.error().message;
  const LessonBuild& b = s.state->lessons[0];
  EXPECT_TRUE(b.transcoded);
  EXPECT_EQ(b.info.height, 90);
  EXPECT_EQ(b.info.width, 160);
  EXPECT_EQ(b.source_bytes, std::filesystem::file_size(b.source->path));
  EXPECT_EQ(b.video_bytes, std::filesystem::file_size(b.video));
}

// Caption files are checked as WebVTT by the first pass, before anything
// is downloaded (check_inputs_test.cpp); the media pass packages them.
TEST(PassMedia, CheckedCaptionsArePackaged) {
  MediaPass s;
  s.lesson(make_fixture(Fixture::fragmented_h264_aac, s.dir / "in", 1.0));
  const auto vtt = s.dir / "captions" / "good.vtt";
  write_file(vtt, "WEBVTT\n\n00:00:00.000 --> 00:00:00.500\nBonjour\n");
  s.state->course.lessons[0].caption_file = vtt;
  auto done = prepare_media(*s.state);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(s.state->lessons[0].captions, vtt);
}

// A caption the captions pass downloaded (a URL in captionFilePath, or the
// PeerTube instance's) is packaged from a copy in the work folder: nothing
// a user receives shares an inode with the cache.
TEST(PassMedia, DownloadedCaptionIsPackagedFromACopy) {
  MediaPass s;
  s.lesson(make_fixture(Fixture::fragmented_h264_aac, s.dir / "in", 1.0));
  s.state->course.lessons[0].caption_path.value = "https://example.org/captions/a.vtt";
  const auto cached = s.dir / "cache-blob";
  packager::testing::write_file(cached, "WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour.\n");
  fetch::Fetched caption;
  caption.path = cached;
  caption.url = "https://example.org/captions/a.vtt";
  s.state->lessons[0].caption_source = caption;
  auto done = prepare_media(*s.state);
  ASSERT_TRUE(done) << done.error().message;
  const auto& packaged = s.state->lessons[0].captions;
  ASSERT_FALSE(packaged.empty());
  EXPECT_FALSE(std::filesystem::equivalent(packaged, cached));
  EXPECT_EQ(packager::testing::read_file(packaged), packager::testing::read_file(cached));
}

TEST(PassMedia, MediaErrorsNameTheLessonAndTheUrl) {
  MediaPass s;
  s.lesson(make_fixture(Fixture::vp9, s.dir / "in", 1.0), "https://tube.example.org/w/vp9.mp4");
  auto done = prepare_media(*s.state);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::media);
  EXPECT_EQ(done.error().message,
            (s.dir / "lesson.md").string() +
                ": https://tube.example.org/w/vp9.mp4: the video codec is vp9, which browsers cannot play in MP4; "
                "expected H.264 (--transcode re-encodes it)");
}

// -j 2: lessons' media made by two workers; results land in each lesson's
// own LessonBuild, and the error reported is the first failing lesson in
// course order, as without -j.
TEST(PassMedia, ParallelLessonsKeepCourseOrderForErrors) {
  ScratchDir dir;
  BuildOptions options;
  options.output_dir = dir / "dist";
  options.jobs = 2;
  const Reporter reporter{Verbosity::quiet};
  BuildState state(options, reporter);
  const auto good = make_fixture(Fixture::fragmented_h264_aac, dir / "in", 1.0);
  const auto vp9 = make_fixture(Fixture::vp9, dir / "in", 1.0);
  const auto hevc = make_fixture(Fixture::hevc, dir / "in", 1.0);
  const std::vector<std::pair<std::string, std::filesystem::path>> lessons = {
      {"a", good}, {"b", good}, {"c", vp9}, {"d", good}, {"e", hevc}};
  for (const auto& [slug, video] : lessons) {
    lesson::Lesson l;
    l.source = dir / (slug + ".md");
    l.slug = slug;
    state.course.lessons.push_back(l);
    LessonBuild b;
    fetch::Fetched fetched;
    fetched.path = video;
    fetched.url = "https://tube.example.org/" + slug + ".mp4";
    b.source = fetched;
    state.lessons.push_back(b);
  }
  ASSERT_TRUE(open_work_folder(state));
  auto done = prepare_media(state);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().message,
            (dir / "c.md").string() +
                ": https://tube.example.org/c.mp4: the video codec is vp9, which browsers cannot play in MP4; "
                "expected H.264 (--transcode re-encodes it)");
  for (size_t i : {0, 1}) {
    EXPECT_TRUE(std::filesystem::exists(state.lessons[i].video)) << i;
    EXPECT_TRUE(std::filesystem::exists(state.lessons[i].poster)) << i;
    EXPECT_NE(state.lessons[i].video, state.lessons[1 - i].video);
    EXPECT_NEAR(state.lessons[i].info.duration_seconds, 1.0, 0.1);
  }

  // Without the broken lessons every video is made.
  state.course.lessons.erase(state.course.lessons.begin() + 4);
  state.lessons.erase(state.lessons.begin() + 4);
  state.course.lessons.erase(state.course.lessons.begin() + 2);
  state.lessons.erase(state.lessons.begin() + 2);
  for (auto& b : state.lessons) {
    b.video.clear();
    b.poster.clear();  // both were in the work folder open_work_folder replaces
  }
  ASSERT_TRUE(open_work_folder(state));
  done = prepare_media(state);
  ASSERT_TRUE(done) << done.error().message;
  for (const auto& b : state.lessons) {
    EXPECT_TRUE(std::filesystem::exists(b.video));
    EXPECT_TRUE(std::filesystem::exists(b.poster));
    EXPECT_EQ(b.video_bytes, std::filesystem::file_size(b.video));
  }
}

TEST(PassMedia, TranscodeOptionReencodesUnsafeCodecs) {
  MediaPass s;
  s.options.media.transcode_unplayable = true;
  s.options.media.preset = "ultrafast";
  s.lesson(make_fixture(Fixture::vp9, s.dir / "in", 1.0));
  auto done = prepare_media(*s.state);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(s.state->lessons[0].transcoded);
  EXPECT_EQ(s.state->lessons[0].info.video_codec, "h264");
}

}  // namespace
}  // namespace packager::pipeline
