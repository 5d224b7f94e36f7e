#include "packager/media/webvtt.hpp"

#include <fmt/format.h>

#include "packager/core/limits.hpp"

#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

namespace packager::media {
namespace {
using packager::testing::shared_dir;

TEST(WebVtt, TheCorpusCaptionFilesPass) {
  const auto folder = shared_dir() / "corpus/pix-tutos/public/captions/mednum";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".vtt") continue;
    ++files;
    auto summary = check_webvtt_file(entry.path());
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_GT(summary->cues, 10) << entry.path();
    EXPECT_GT(summary->last_cue_end_seconds, 30.0) << entry.path();
  }
  EXPECT_EQ(files, 4);
}

TEST(WebVtt, MinimalFileWithBomCrLfNotesAndShortTimes) {
  auto summary = check_webvtt(
      "\xEF\xBB\xBFWEBVTT - Le titre\r\nKind: captions\r\n\r\nNOTE une remarque\r\n--> pas un cue\r\n\r\n"
      "intro\r\n00:01.000 --> 00:04.500 align:start\r\nBonjour <b>à tous</b>\r\n\r\n"
      "01:00:04.500 --> 01:00:06.000\r\nÉtape 2\r\n",
      "c.vtt");
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->cues, 2);
  EXPECT_DOUBLE_EQ(summary->last_cue_end_seconds, 3606.0);
}

struct Bad {
  const char* name;
  const char* text;
  const char* message;
};

class Malformed : public ::testing::TestWithParam<Bad> {};

TEST_P(Malformed, ErrorNamesTheLineAndColumn) {
  auto summary = check_webvtt(GetParam().text, "captions/x.vtt");
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::input);
  EXPECT_EQ(summary.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Malformed,
    ::testing::Values(
        Bad{"no_header", "1\n00:00:01.000 --> 00:00:02.000\nHi\n",
            "captions/x.vtt:1:1: error: expected 'WEBVTT' on the first line of a WebVTT file\n    1\n    ^"},
        Bad{"srt_file", "WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nHi\n",
            "captions/x.vtt:4:1: error: expected a cue start time such as 00:01:02.500 (hh:mm:ss.ttt or "
            "mm:ss.ttt)\n    00:00:01,000 --> 00:00:02,000\n    ^"},
        Bad{"bad_arrow", "WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nHi\n",
            "captions/x.vtt:3:14: error: expected ' --> ' between the cue start and end times\n    "
            "00:00:01.000 -> 00:00:02.000\n                 ^"},
        Bad{"bad_end", "WEBVTT\n\n00:00:01.000 --> 00:00:2.000\nHi\n",
            "captions/x.vtt:3:18: error: expected a cue end time such as 00:01:04.000 (hh:mm:ss.ttt or "
            "mm:ss.ttt)\n    00:00:01.000 --> 00:00:2.000\n                     ^"},
        Bad{"seconds_60", "WEBVTT\n\n00:00:60.000 --> 00:01:02.000\nHi\n",
            "captions/x.vtt:3:1: error: expected a cue start time such as 00:01:02.500 (hh:mm:ss.ttt or "
            "mm:ss.ttt)\n    00:00:60.000 --> 00:01:02.000\n    ^"},
        Bad{"ends_before_start", "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nHi\n",
            "captions/x.vtt:3:18: error: the cue ends before it starts\n    00:00:05.000 --> 00:00:02.000\n    "
            "                 ^"},
        Bad{"out_of_order",
            "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nB\n\n00:00:01.000 --> 00:00:02.000\nA\n",
            "captions/x.vtt:6:1: error: the cue starts at 1.000 s, before the previous cue (5.000 s); cues must "
            "be in order\n    00:00:01.000 --> 00:00:02.000\n    ^"},
        Bad{"missing_blank_line", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n00:00:02.000 --> 00:00:03.000\nB\n",
            "captions/x.vtt:5:1: error: expected a blank line before this cue timing line\n    "
            "00:00:02.000 --> 00:00:03.000\n    ^"},
        Bad{"identifier_without_timing", "WEBVTT\n\nintro\n\n",
            "captions/x.vtt:4:1: error: expected a cue timing line ('00:00:01.000 --> 00:00:04.000') after the cue "
            "identifier"},
        Bad{"latin1_after_utf8", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nété D\xE9j\xE0 vu\n",
            "captions/x.vtt:4:6: error: invalid UTF-8; WebVTT files must be UTF-8 encoded"},
        Bad{"latin1", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nD\xE9j\xE0 vu\n",
            "captions/x.vtt:4:2: error: invalid UTF-8; WebVTT files must be UTF-8 encoded"}),
    [](const ::testing::TestParamInfo<Bad>& p) { return std::string(p.param.name); });

TEST(WebVtt, UnreadableFileIsAnInputError) {
  auto summary = check_webvtt_file("/nonexistent/captions.vtt");
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::input);
  EXPECT_EQ(summary.error().message, "/nonexistent/captions.vtt: error: cannot read the caption file");
}

}  // namespace
}  // namespace packager::media

namespace packager::media {
namespace {

TEST(WebVtt, MoreCuesThanTheLimitIsRefused) {
  std::string text = "WEBVTT\n";
  for (std::size_t i = 0; i <= limits::k_max_caption_cues; ++i)
    text += fmt::format("\n{:02}:{:02}:{:02}.000 --> {:02}:{:02}:{:02}.500\nx\n", i / 3600, i / 60 % 60, i % 60,
                        i / 3600, i / 60 % 60, i % 60);
  auto summary = check_webvtt(text, "many.vtt");
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code, ErrorCode::input);
  EXPECT_NE(summary.error().message.find("many.vtt:60003:1: error: more than 20000 cues; a caption file that long is damaged"),
            std::string::npos)
      << summary.error().message;
}

}  // namespace
}  // namespace packager::media
