// The validation pass: problems in the files lessons point at (captions,
// PDF sheets), package names a USB stick cannot hold and missing media
// folders, each reported verbatim, all in one run.
#include "packager/pipeline/check_inputs.hpp"

#include <gtest/gtest.h>

#include "packager/lesson/course.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline {
namespace {
namespace fs = std::filesystem;
using packager::testing::ScratchDir;
using packager::testing::write_file;

struct Collection {
  ScratchDir dir;
  Collection() {
    fs::create_directories(dir / "public");
    fs::create_directories(dir / "content");
  }
  void lesson(const std::string& name, const std::string& front) const {
    write_file(dir / "content" / (name + ".md"), "---\ntitle: " + name + "\n" + front + "---\n");
  }
  // The course's diagnostics, with the scratch folder shown as <dir>.
  std::string check(const std::vector<fs::path>& media_dirs, int* failed = nullptr) const {
    write_file(dir / "course.yaml", "id: c\ntitle: C\nlessons: [content/*.md]\n");
    Diagnostics d;
    const lesson::Course course = lesson::read_course(dir / "course.yaml", d);
    const int n = check_course_inputs(course, media_dirs, d);
    if (failed != nullptr) *failed = n;
    std::string text = d.to_string();
    for (const std::string& root : {fs::canonical(dir.path()).string(), dir.path().string()})
      for (size_t at; (at = text.find(root)) != std::string::npos;) text.replace(at, root.size(), "<dir>");
    return text;
  }
};

TEST(CheckInputs, GoodFilesPass) {
  Collection c;
  write_file(c.dir / "public" / "ok.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n");
  write_file(c.dir / "public" / "ok.pdf", "%PDF-1.7\n%...\n");
  c.lesson("a", "videoDownloadHref: https://h/a.mp4\ncaptionFilePath: /ok.vtt\n");
  c.lesson("b", "fileType: PDF\npdfFilePath: /ok.pdf\n");
  int failed = -1;
  EXPECT_EQ(c.check({c.dir / "public"}, &failed), "");
  EXPECT_EQ(failed, 0);
}

// A problem inside a caption file names the file's line and column and the
// lesson line that points at it: one "error:", no "packager: error:".
TEST(CheckInputs, BrokenCaptionsNameTheFileAndTheLesson) {
  Collection c;
  write_file(c.dir / "public" / "no-header.vtt", "00:00:01.000 --> 00:00:02.000\nBonjour\n");
  write_file(c.dir / "public" / "backwards.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nBonjour\n");
  c.lesson("a", "videoDownloadHref: https://h/a.mp4\ncaptionFilePath: /no-header.vtt\n");
  c.lesson("b", "videoDownloadHref: https://h/b.mp4\ncaptionFilePath: /backwards.vtt\n");
  int failed = -1;
  EXPECT_EQ(c.check({}, &failed),
            "<dir>/public/no-header.vtt:1:1: error: expected 'WEBVTT' on the first line of a WebVTT file "
            "(captionFilePath of <dir>/content/a.md:4:18)\n"
            "    00:00:01.000 --> 00:00:02.000\n"
            "    ^\n"
            "<dir>/public/backwards.vtt:3:18: error: the cue ends before it starts "
            "(captionFilePath of <dir>/content/b.md:4:18)\n"
            "    00:00:05.000 --> 00:00:01.000\n"
            "                     ^\n");
  EXPECT_EQ(failed, 2);
}

TEST(CheckInputs, PdfSheetsMustBePdfs) {
  Collection c;
  write_file(c.dir / "public" / "empty.pdf", "");
  write_file(c.dir / "public" / "page.pdf", "<!DOCTYPE html>\n<html><body>Not found</body></html>\n");
  write_file(c.dir / "public" / "text.pdf", "just some text\n");
  c.lesson("a", "fileType: PDF\npdfFilePath: /empty.pdf\n");
  c.lesson("b", "fileType: PDF\npdfFilePath: /page.pdf\n");
  c.lesson("c", "fileType: PDF\npdfFilePath: /text.pdf\n");
  EXPECT_EQ(c.check({}),
            "<dir>/public/empty.pdf: error: the PDF sheet is empty (0 bytes) (pdfFilePath of <dir>/content/a.md:4:14)\n"
            "<dir>/public/page.pdf:1:1: error: not a PDF file: it does not start with '%PDF-' (it looks like an HTML "
            "page saved as .pdf) (pdfFilePath of <dir>/content/b.md:4:14)\n"
            "<dir>/public/text.pdf:1:1: error: not a PDF file: it does not start with '%PDF-' "
            "(pdfFilePath of <dir>/content/c.md:4:14)\n");
}

TEST(CheckInputs, PdfSheetOverTheLimit) {
  Collection c;
  {
    std::string big = "%PDF-1.4\n";
    big.resize(64u * 1024 * 1024 + 1, ' ');
    write_file(c.dir / "public" / "big.pdf", big);
  }
  c.lesson("a", "fileType: PDF\npdfFilePath: /big.pdf\n");
  EXPECT_EQ(c.check({}),
            "<dir>/public/big.pdf: error: the PDF sheet is 67108865 bytes, more than the limit of 67108864 bytes "
            "(pdfFilePath of <dir>/content/a.md:4:14)\n");
}

// Every lesson whose package folder a FAT32/exFAT stick cannot hold, all in
// one run, each naming its lesson file.
TEST(CheckInputs, ReservedNamesAreAllReportedWithTheirLesson) {
  Collection c;
  c.lesson("CON", "videoDownloadHref: https://h/a.mp4\n");
  c.lesson("aux", "videoDownloadHref: https://h/b.mp4\n");
  c.lesson("fine", "videoDownloadHref: https://h/c.mp4\n");
  c.lesson("lpt1", "videoDownloadHref: https://h/d.mp4\n");
  int failed = -1;
  EXPECT_EQ(c.check({}, &failed),
            "<dir>/content/CON.md: error: the lesson's package path 'lessons/con/transcript.html' has 'con', a "
            "reserved device name on Windows; USB sticks (FAT32/exFAT) and Windows cannot hold it: rename the "
            "lesson file\n"
            "<dir>/content/aux.md: error: the lesson's package path 'lessons/aux/transcript.html' has 'aux', a "
            "reserved device name on Windows; USB sticks (FAT32/exFAT) and Windows cannot hold it: rename the "
            "lesson file\n"
            "<dir>/content/lpt1.md: error: the lesson's package path 'lessons/lpt1/transcript.html' has 'lpt1', a "
            "reserved device name on Windows; USB sticks (FAT32/exFAT) and Windows cannot hold it: rename the "
            "lesson file\n");
  EXPECT_EQ(failed, 3);
}

TEST(CheckInputs, MediaFoldersMustExist) {
  Collection c;
  c.lesson("a", "videoDownloadHref: https://h/a.mp4\n");
  EXPECT_EQ(c.check({c.dir / "nowhere", c.dir / "public"}),
            "<dir>/nowhere: error: the --media-dir folder does not exist\n");
}

}  // namespace
}  // namespace packager::pipeline
