#include "packager/render/markdown.hpp"

#include <gtest/gtest.h>

namespace packager::render {
namespace {

TEST(Markdown, RawHtmlIsEscapedNotPassedThrough) {
  EXPECT_EQ(markdown_to_html("a <script>alert(1)</script> b\n"),
            "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>\n");
  EXPECT_EQ(markdown_to_html("<div onclick=\"x()\">\nhi\n</div>\n"),
            "<p>&lt;div onclick=&quot;x()&quot;&gt;\nhi\n&lt;/div&gt;\n</p>\n");
}

TEST(Markdown, JavascriptAndDataLinksKeepOnlyTheirText) {
  EXPECT_EQ(markdown_to_html("[clic](javascript:alert(1))\n"), "<p>clic</p>\n");
  EXPECT_EQ(markdown_to_html("[x](data:text/html;base64,AAAA)\n"), "<p>x</p>\n");
  EXPECT_EQ(markdown_to_html("[ok](https://example.org/a)\n"),
            "<p><a href=\"https://example.org/a\">ok</a></p>\n");
}

TEST(Markdown, SafeLinks) {
  EXPECT_TRUE(is_safe_link("https://a"));
  EXPECT_TRUE(is_safe_link("mailto:a@b"));
  EXPECT_TRUE(is_safe_link("../x.html#t"));
  EXPECT_FALSE(is_safe_link(" JavaScript:alert(1)"));
  EXPECT_FALSE(is_safe_link("vbscript:x"));
}

TEST(Markdown, OnlyPackageRelativeImagesAreKept) {
  EXPECT_EQ(markdown_to_html("![logo](https://cdn.example.org/x.png)\n"), "<p>logo</p>\n");
  EXPECT_EQ(markdown_to_html("![logo](//cdn.example.org/x.png)\n"), "<p>logo</p>\n");
  EXPECT_EQ(markdown_to_html("![logo](img/x.png)\n"), "<p><img src=\"img/x.png\" alt=\"logo\" /></p>\n");
}

TEST(Markdown, HeadingsShiftUnderTheirSection) {
  EXPECT_EQ(markdown_to_html("# A\n\n## B\n", 3), "<h3>A</h3>\n<h4>B</h4>\n");
  EXPECT_EQ(markdown_to_html("#### A\n", 2), "<h2>A</h2>\n");
  EXPECT_EQ(markdown_to_html("# A\n##### B\n###### C\n", 3), "<h3>A</h3>\n<h6>B</h6>\n<h6>C</h6>\n");
  EXPECT_EQ(markdown_to_html("# A\n"), "<h1>A</h1>\n");
}

}  // namespace
}  // namespace packager::render
