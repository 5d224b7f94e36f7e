#include "packager/util/text.hpp"

#include <gtest/gtest.h>

#include "packager/util/sha256.hpp"
#include "packager/util/url.hpp"

namespace packager::util {
namespace {

TEST(Slugify, FoldsFrenchAccentsAndPunctuation) {
  EXPECT_EQ(slugify("Les acteurs du numérique éducatif — 2nd degré !"),
            "les-acteurs-du-numerique-educatif-2nd-degre");
  EXPECT_EQ(slugify("Œuvre"), "oeuvre");
  EXPECT_EQ(slugify("¿?"), "x");
}

TEST(Utf8, FindsTheFirstInvalidByte) {
  EXPECT_FALSE(find_invalid_utf8("déjà vu …"));
  EXPECT_EQ(find_invalid_utf8("abc\xE9z"), 3u);       // Latin-1 é
  EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), 0u);       // overlong '/'
  EXPECT_EQ(find_invalid_utf8("ok\xED\xA0\x80"), 2u); // surrogate
}

TEST(EditDistance, CountsEdits) {
  EXPECT_EQ(edit_distance("titel", "title"), 2u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(Sha256, KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 streaming;
  streaming.update("a");
  streaming.update("bc");
  EXPECT_EQ(streaming.hex_digest(), sha256_hex("abc"));
}

TEST(Url, AcceptsHttpHttpsFileOnly) {
  EXPECT_TRUE(parse_url("https://tube.example.org/a/b.mp4?x=1"));
  EXPECT_TRUE(parse_url("file:///media/usb/a.mp4"));
  std::string why;
  EXPECT_FALSE(parse_url("ftp://host/a.mp4", &why));
  EXPECT_EQ(why, "the scheme must be http, https or file");
  EXPECT_FALSE(parse_url("https://host/a b.mp4", &why));
  EXPECT_EQ(why, "it contains spaces or control characters");
  EXPECT_FALSE(parse_url("https:///a.mp4", &why));
  EXPECT_EQ(why, "the URL has no host");
}

TEST(Url, FileNameIsTheDecodedLastSegment) {
  EXPECT_EQ(url_file_name("https://h/download/x-1080-fragmented.mp4?start=1"), "x-1080-fragmented.mp4");
  EXPECT_EQ(url_file_name("https://h/a%20b.mp4"), "a b.mp4");
}

// C0 but tab and newline, DEL, C1 and U+FFFE/U+FFFF; nothing else.
TEST(Text, ControlCharacters) {
  EXPECT_FALSE(find_control_character("Les acteurs\tdu numérique\n… «»\xC2\xA0"));
  const auto nul = find_control_character(std::string("ab\0c", 4));
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->offset, 2u);
  EXPECT_EQ(nul->code_point, 0u);
  EXPECT_EQ(find_control_character("x\r")->code_point, 0x0Du);
  EXPECT_EQ(find_control_character("é\x7F")->offset, 2u);
  EXPECT_EQ(find_control_character("a\xC2\x85")->code_point, 0x85u);
  EXPECT_EQ(find_control_character("a\xEF\xBF\xBE")->code_point, 0xFFFEu);
  EXPECT_EQ(find_control_character("\xEF\xBF\xBF")->code_point, 0xFFFFu);
  EXPECT_EQ(code_point_name(0x85), "U+0085");
}

// The checks skip ASCII eight bytes at a time: whatever the offset of the
// one bad byte in a long ASCII run, and whatever its value, it is found
// where it is (and tabs, newlines, printable ASCII never are).
TEST(Text, EveryBadByteIsFoundAtEveryOffsetOfAnAsciiRun) {
  for (size_t at = 0; at < 40; ++at) {
    for (int b = 0; b < 0x80; ++b) {
      std::string text(40, 'a');
      text[at] = static_cast<char>(b);
      const bool control = (b < 0x20 && b != '\t' && b != '\n') || b == 0x7F;
      const auto found = find_control_character(text);
      ASSERT_EQ(found.has_value(), control) << "byte " << b << " at " << at;
      if (control) {
        EXPECT_EQ(found->offset, at);
      }
      EXPECT_FALSE(find_invalid_utf8(text));
    }
    std::string latin1(40, 'a');
    latin1[at] = '\xE9';
    EXPECT_EQ(find_invalid_utf8(latin1), at);
    std::string c1 = std::string(40, 'a') + "\xC2\x85";  // U+0085 after the run
    c1.replace(at, 1, "e");
    EXPECT_EQ(find_control_character(c1)->offset, 40u);
  }
}

TEST(Text, InvisibleCharactersAreShownEscaped) {
  EXPECT_EQ(escape_invisible("title\xC2\xA0"), "title\\u00a0");
  EXPECT_EQ(escape_invisible("\xE2\x80\x8Btitle"), "\\u200btitle");
  EXPECT_EQ(escape_invisible("a\tb\x01é"), "a\\tb\\u0001é");
  EXPECT_EQ(escape_invisible("descripción"), "descripción");
}

}  // namespace
}  // namespace packager::util

namespace packager::util {
namespace {

// Records read back from the cache name files by their digest: only what
// hex_digest() writes passes.
TEST(Sha256Hex, OnlyADigestAsWrittenPasses) {
  EXPECT_TRUE(is_sha256_hex(sha256_hex("packager")));
  EXPECT_FALSE(is_sha256_hex(""));
  EXPECT_FALSE(is_sha256_hex(std::string(63, 'a')));
  EXPECT_FALSE(is_sha256_hex(std::string(64, 'A')));
  EXPECT_FALSE(is_sha256_hex(std::string(63, 'a') + "/"));
}

}  // namespace
}  // namespace packager::util
