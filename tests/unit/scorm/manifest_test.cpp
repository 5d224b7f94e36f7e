#include "packager/scorm/manifest.hpp"

#include <gtest/gtest.h>

#include "packager/scorm/identifiers.hpp"
#include "tests/support/test_support.hpp"

namespace packager::scorm {
namespace {
using packager::testing::ScratchDir;

Package two_lessons(Version version) {
  Package p;
  p.version = version;
  p.identifier = make_identifier("MANIFEST", "pix-edu");
  p.title = "Pix+ Édu & co <2026>";
  p.course_version = "1.0.0";
  for (const char* slug : {"lecon-a", "lecon-b"}) {
    Resource r{make_identifier("RES", "pix-edu", slug), std::string("lessons/") + slug + "/index.html", true,
               {std::string("lessons/") + slug + "/index.html", std::string("lessons/") + slug + "/video.mp4"},
               {"RES-pix-edu--shared"}};
    p.items.push_back({make_identifier("ITEM", "pix-edu", slug), std::string("Leçon ") + slug, r.identifier, {}});
    p.resources.push_back(r);
  }
  p.resources.push_back({"RES-pix-edu--shared", "", false, {"shared/style.css"}, {}});
  return p;
}

int validate(const std::string& xml, const char* version) {
  ScratchDir dir;
  packager::testing::write_file(dir / "imsmanifest.xml", xml);
  return packager::testing::run((packager::testing::shared_dir() / "scorm-xsd" / "validate.sh").string() + " " +
                                (dir / "imsmanifest.xml").string() + " " + version);
}

TEST(Manifest, Scorm12HasExactSchemaAndLowercaseScormtype) {
  auto xml = write_manifest(two_lessons(Version::scorm12));
  ASSERT_TRUE(xml) << xml.error().message;
  EXPECT_NE(xml->find("<schema>ADL SCORM</schema>"), std::string::npos);
  EXPECT_NE(xml->find("<schemaversion>1.2</schemaversion>"), std::string::npos);
  EXPECT_NE(xml->find("adlcp:scormtype=\"sco\""), std::string::npos);
  EXPECT_NE(xml->find("adlcp:scormtype=\"asset\""), std::string::npos);
  EXPECT_NE(xml->find("xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\""), std::string::npos);
  EXPECT_NE(xml->find("identifierref=\"RES-pix-edu--lecon-a\""), std::string::npos);
  EXPECT_EQ(validate(*xml, "12"), 0) << *xml;
}

TEST(Manifest, EscapesWithEntitiesNeverNumericReferences) {
  auto xml = write_manifest(two_lessons(Version::scorm12));
  ASSERT_TRUE(xml);
  EXPECT_NE(xml->find("<title>Pix+ Édu &amp; co &lt;2026&gt;</title>"), std::string::npos);
  EXPECT_EQ(xml->find("&#"), std::string::npos);
}

TEST(Manifest, DanglingItemIsRefused) {
  Package p = two_lessons(Version::scorm12);
  p.items[0].resource = "RES-nowhere";
  auto xml = write_manifest(p);
  ASSERT_FALSE(xml);
  EXPECT_EQ(xml.error().message, "item ITEM-pix-edu--lecon-a names missing resource RES-nowhere");
}

TEST(Identifiers, StableAndXmlIdSafe) {
  EXPECT_EQ(make_identifier("ITEM", "pix-edu", "Les acteurs du numérique"), "ITEM-pix-edu--les-acteurs-du-numerique");
  EXPECT_EQ(make_identifier("ITEM", "pix-edu", "2nd degré"), make_identifier("ITEM", "pix-edu", "2nd degré"));
  const std::string long_id = make_identifier("ITEM", "c", std::string(300, 'a'));
  EXPECT_LE(long_id.size(), 120u);
  EXPECT_NE(long_id, make_identifier("ITEM", "c", std::string(301, 'a')));
}

}  // namespace
}  // namespace packager::scorm
