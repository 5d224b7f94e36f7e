// Every real lesson file in ../shared/corpus loads; the only diagnostics are
// the real problems the corpus README lists, pinned here verbatim.
#include <algorithm>
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "packager/lesson/lesson.hpp"
#include "tests/support/test_support.hpp"

namespace packager::lesson {
namespace {
namespace fs = std::filesystem;
using packager::testing::shared_dir;

std::vector<fs::path> lesson_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".md" && entry.path().filename() != "README.md")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

struct Corpus {
  std::map<std::string, Lesson> lessons;  // by path relative to corpus/
  Diagnostics diagnostics;
  Corpus() {
    const fs::path root = shared_dir() / "corpus";
    for (const auto& file : lesson_files(root)) {
      // Paths relative to corpus/, so the pinned text is machine-independent.
      const fs::path relative = file.lexically_relative(root);
      auto lesson = load_lesson(root / relative, diagnostics);
      if (lesson) lessons.emplace(relative.string(), std::move(*lesson));
    }
  }
};

const Corpus& corpus() {
  static const Corpus c;
  return c;
}

TEST(Corpus, EveryFileLoads) {
  EXPECT_EQ(corpus().lessons.size(), 156u) << corpus().diagnostics.to_string();
  EXPECT_EQ(corpus().diagnostics.error_count(), 0);
}

TEST(Corpus, OnlyTheKnownProblemIsReported) {
  std::string text = corpus().diagnostics.to_string();
  const std::string root = (shared_dir() / "corpus").string() + "/";
  for (size_t at; (at = text.find(root)) != std::string::npos;) text.replace(at, root.size(), "");
  EXPECT_EQ(text,
            "pix-tutos/content/sixieme/identifier-des-situations-d-arnaque-par-manipulation-"
            "psychologique.md:3:1: warning: unknown key 'description:'; did you mean 'description'? "
            "(a space is missing after ':')\n"
            "    description:Hameçonnage, usurpation d’identité, faux support informatique : il "
            "existe de nombreuses techniques d'arnaque en ligne. Apprenez à les éviter à l'aide de "
            "cette vidéo.\n"
            "    ^\n");
}

const Lesson& get(const std::string& relative) {
  const auto it = corpus().lessons.find(relative);
  if (it == corpus().lessons.end()) throw std::runtime_error("not loaded: " + relative);
  return it->second;
}

TEST(Corpus, EveryGenerationFillsTheSameModel) {
  int with_transcript = 0, with_licence = 0, with_area = 0;
  for (const auto& [path, l] : corpus().lessons) {
    EXPECT_FALSE(l.title.empty()) << path;
    if (!l.transcript_markdown.empty()) ++with_transcript;
    if (l.licence && l.licence->name == "CC BY-NC-ND 4.0") ++with_licence;
    if (!l.area.empty()) ++with_area;
  }
  // Both edu generations have an area; mednum and sixième do not.
  EXPECT_EQ(with_area, 50 + 92);
  // 150 files have a Script / Transcription heading (level 1 or 2), three of
  // them with nothing under it; the others are the 3 PDF sheets, 2 empty
  // 2023 bodies and a webinar whose transcript has no heading.
  EXPECT_EQ(with_transcript, 147);
  // "- **Licence** : [CC BY-NC-ND 4.0](...)" is in 84 credits of the 2026
  // set and in every 2023 file that has credits.
  EXPECT_EQ(with_licence, 136);
}

TEST(Corpus, SchemaOf2023UsesVideoDLHrefAndScript) {
  const Lesson& l = get("pix-tutos-2023/content/edu/mettre-en-place-une-strategie-de-veille.md");
  EXPECT_NE(l.video_url.value.find("tube.reseau-canope.fr/download/"), std::string::npos);
  EXPECT_EQ(l.description, "");  // "description:" with nothing after it
  EXPECT_FALSE(l.transcript_markdown.empty());
  EXPECT_FALSE(l.contributors.empty());
}

TEST(Corpus, MednumPdfLessonResolvesItsSheet) {
  const Lesson& l = get("pix-tutos/content/mednum/icone-de-la-messagerie.md");
  EXPECT_EQ(l.file_type, FileType::pdf);
  EXPECT_FALSE(l.video_url.present());
  EXPECT_EQ(l.pdf_file, fs::canonical(shared_dir() / "corpus/pix-tutos/public/pdf/mednum/icone_de_la_messagerie.pdf"));
}

TEST(Corpus, MednumVideoHasADirectMp4AndCaptions) {
  const Lesson& l = get("pix-tutos/content/mednum/trier-des-donnees.md");
  EXPECT_EQ(l.file_type, FileType::video);
  EXPECT_EQ(l.video_url.value, "https://videos.pix.fr/tutos/mednum/Trier_des_donnees.mp4");
  EXPECT_FALSE(l.embed_url.present());
  EXPECT_EQ(l.caption_file,
            fs::canonical(shared_dir() / "corpus/pix-tutos/public/captions/mednum/Trier_des_donnees.vtt"));
}

TEST(Corpus, SixiemeEmptyCaptionIsAbsentAndPriorityRead) {
  const Lesson& l = get("pix-tutos/content/sixieme/presentation-attestation-sensibilisation-sixieme.md");
  EXPECT_FALSE(l.caption_path.present());
  EXPECT_TRUE(l.caption_file.empty());
  ASSERT_TRUE(l.priority);
  EXPECT_EQ(*l.priority, 1);
  const Lesson& broken = get(
      "pix-tutos/content/sixieme/identifier-des-situations-d-arnaque-par-manipulation-psychologique.md");
  EXPECT_EQ(broken.description, "");  // the broken key gives no description
}

TEST(Corpus, LevelOneTranscriptHeadingIsTheTranscript) {
  const Lesson& l = get("pix-tutos/content/edu/les-lieux-d-echange-en-ligne-entre-professionnels.md");
  EXPECT_FALSE(l.transcript_markdown.empty());
  EXPECT_EQ(l.extra_markdown.find("Transcription"), std::string::npos);
}

}  // namespace
}  // namespace packager::lesson
