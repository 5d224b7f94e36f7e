#include "packager/core/diagnostic.hpp"

#include <gtest/gtest.h>

namespace packager {
namespace {

TEST(Diagnostic, FormatsPathLineColumnAndCaret) {
  const Diagnostic d{Severity::error, "lessons/a.md", 3, 7, "unknown key 'titel'", "title titel: x"};
  EXPECT_EQ(format(d),
            "lessons/a.md:3:7: error: unknown key 'titel'\n"
            "    title titel: x\n"
            "          ^");
}

TEST(Diagnostic, CaretCountsCharactersNotBytes) {
  const Diagnostic d{Severity::warning, "a.md", 1, 4, "here", "éé x"};
  EXPECT_EQ(format(d), "a.md:1:4: warning: here\n    éé x\n       ^");
}

TEST(Diagnostic, WithoutPositionOnlyPath) {
  EXPECT_EQ(format({Severity::error, "a.md", 0, 0, "cannot read", ""}), "a.md: error: cannot read");
}

TEST(Diagnostic, LineOfHandlesCrLfAndMissingLines) {
  EXPECT_EQ(line_of("one\r\ntwo\r\n", 2), "two");
  EXPECT_EQ(line_of("one\n", 5), "");
}

TEST(Diagnostics, CountsBySeverity) {
  Diagnostics all;
  all.error("a", 1, 1, "e");
  all.warning("a", 2, 1, "w");
  all.warning("a", 3, 1, "w");
  EXPECT_EQ(all.error_count(), 1);
  EXPECT_EQ(all.warning_count(), 2);
  EXPECT_TRUE(all.has_errors());
}

}  // namespace
}  // namespace packager
