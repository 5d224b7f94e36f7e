// Security: the XML parser the project uses (pugixml, for imsmanifest.xml
// and `packager validate`) is safe against entity expansion ("billion
// laughs"), external entities (XXE) and deep nesting. These tests pin that
// behaviour so a change of parser or of parse flags cannot bring it back.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <string>

namespace {

std::string billion_laughs() {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  doc += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    doc += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) doc += "&lol" + std::to_string(i - 1) + ";";
    doc += "\">\n";
  }
  doc += "]>\n<manifest><title>&lol9;</title></manifest>\n";
  return doc;
}

// Every flag combination the code base may use, DOCTYPE parsing included.
constexpr unsigned k_flag_sets[] = {pugi::parse_default, pugi::parse_full,
                                    pugi::parse_default | pugi::parse_doctype};

TEST(HostileXml, EntitiesAreNeverExpanded) {
  const std::string doc = billion_laughs();
  for (const unsigned flags : k_flag_sets) {
    pugi::xml_document xml;
    const auto result = xml.load_buffer(doc.data(), doc.size(), flags);
    ASSERT_TRUE(result) << result.description();
    const std::string title = xml.child("manifest").child_value("title");
    // The entity reference stays as text: 6 bytes, not 3 GB of "lol".
    EXPECT_EQ(title, "&lol9;") << "flags " << flags;
  }
}

TEST(HostileXml, ExternalEntitiesAreNeverLoaded) {
  const std::string doc =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
      "<manifest><title>&xxe;</title></manifest>\n";
  for (const unsigned flags : k_flag_sets) {
    pugi::xml_document xml;
    ASSERT_TRUE(xml.load_buffer(doc.data(), doc.size(), flags));
    const std::string title = xml.child("manifest").child_value("title");
    EXPECT_EQ(title, "&xxe;") << "flags " << flags;
    EXPECT_EQ(title.find("root:"), std::string::npos);
  }
}

TEST(HostileXml, DeepNestingNeitherCrashesNorRecurses) {
  // pugixml parses and frees iteratively: 200 000 levels would overflow a
  // recursive parser's stack (and ASan's shadow stack) long before the end.
  constexpr int k_depth = 200000;
  std::string doc;
  doc.reserve(k_depth * 7 + 8);
  for (int i = 0; i < k_depth; ++i) doc += "<a>";
  for (int i = 0; i < k_depth; ++i) doc += "</a>";
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_buffer(doc.data(), doc.size()));
  int depth = 0;
  for (pugi::xml_node n = xml.first_child(); n; n = n.first_child()) ++depth;
  EXPECT_EQ(depth, k_depth);
}

TEST(HostileXml, UnbalancedDeepNestingIsAnErrorNotACrash) {
  std::string doc(300000, '<');
  pugi::xml_document xml;
  EXPECT_FALSE(xml.load_buffer(doc.data(), doc.size()));
}

}  // namespace
