#include "packager/lesson/sections.hpp"

#include <gtest/gtest.h>

namespace packager::lesson {
namespace {

TEST(Sections, RecognisesEveryTranscriptAndCreditsSpelling) {
  EXPECT_EQ(classify_heading("Script"), SectionKind::transcript);
  EXPECT_EQ(classify_heading("Transcription"), SectionKind::transcript);
  EXPECT_EQ(classify_heading("transcript "), SectionKind::transcript);
  EXPECT_EQ(classify_heading("Crédits"), SectionKind::credits);
  EXPECT_EQ(classify_heading("Crédit"), SectionKind::credits);
  EXPECT_EQ(classify_heading("Ressources"), SectionKind::other);
}

TEST(Sections, SplitsAtLevelOneAndTwoHeadingsOnly) {
  const auto s = split_sections(
      "Intro.\n\n# Transcription\n\nText.\n\n### Detail\n\nMore.\n\n## Autres\n\nX\n\n## Crédit\n\n- a\n");
  EXPECT_EQ(s.intro, "Intro.\n");
  EXPECT_EQ(s.transcript, "Text.\n\n### Detail\n\nMore.\n");
  EXPECT_EQ(s.extra, "## Autres\n\nX\n");
  EXPECT_EQ(s.credits, "- a\n");
}

TEST(Sections, HeadingInsideCodeBlockIsText) {
  const auto s = split_sections("## Script\n\n```\n## Crédits\n```\n");
  EXPECT_EQ(s.transcript, "```\n## Crédits\n```\n");
  EXPECT_EQ(s.credits, "");
}

}  // namespace
}  // namespace packager::lesson
