#include "packager/scorm/manifest.hpp"

#include <gtest/gtest.h>

#include "packager/scorm/identifiers.hpp"
#include "packager/scorm/manifest_check.hpp"
#include "packager/scorm/xml_text.hpp"
#include "tests/support/test_support.hpp"

namespace packager::scorm {
namespace {
using packager::testing::ScratchDir;

std::string slug_of(const std::string& area) { return area == "Domaine 1" ? "domaine-1" : "domaine-2"; }

// Two areas, each a grouping item over its lessons, as a real course is
// organised; lesson resources depend on one shared asset resource.
Package two_areas(Version version) {
  Package p;
  p.version = version;
  p.identifier = make_identifier("MANIFEST", "pix-edu");
  p.title = "Pix+ Édu & co <2026>";
  p.course_version = "1.0.0";
  p.metadata = {"Pix+ Édu & co <2026>", "Des tutoriels \"vidéo\" pour enseigner", "fr", "1.0.0",
                "CC BY-NC-ND 4.0 — Réseau Canopé & Pix", 605};
  p.completion_threshold = 0.8;
  for (const char* area : {"Domaine 1", "Domaine 2"}) {
    Item group{make_identifier("ITEM", "pix-edu", std::string("area-") + area), area, {}, {}};
    for (const char* lesson : {"lecon-a", "lecon-b"}) {
      const std::string slug = std::string(lesson) + "-" + slug_of(area);
      const std::string dir = "lessons/" + slug;
      Resource r{make_identifier("RES", "pix-edu", slug), dir + "/index.html", true,
                 {dir + "/index.html", dir + "/video.mp4"}, {"RES-pix-edu--shared"}};
      group.children.push_back({make_identifier("ITEM", "pix-edu", slug), "Leçon " + slug, r.identifier, {}});
      p.resources.push_back(r);
    }
    p.items.push_back(group);
  }
  p.resources.push_back({"RES-pix-edu--shared", "", false, {"index.html", "shared/style.css"}, {}});
  return p;
}

int validate(const std::string& xml, const char* version) {
  ScratchDir dir;
  packager::testing::write_file(dir / "imsmanifest.xml", xml);
  return packager::testing::run((packager::testing::shared_dir() / "scorm-xsd" / "validate.sh").string() + " " +
                                (dir / "imsmanifest.xml").string() + " " + version);
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

TEST(Manifest, Scorm12HasExactSchemaLowercaseScormtypeAndValidates) {
  auto xml = write_manifest(two_areas(Version::scorm12));
  ASSERT_TRUE(xml) << xml.error().message;
  EXPECT_TRUE(has(*xml, "<schema>ADL SCORM</schema>"));
  EXPECT_TRUE(has(*xml, "<schemaversion>1.2</schemaversion>"));
  EXPECT_TRUE(has(*xml, "adlcp:scormtype=\"sco\""));
  EXPECT_TRUE(has(*xml, "adlcp:scormtype=\"asset\""));
  EXPECT_TRUE(has(*xml, "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\""));
  EXPECT_TRUE(has(*xml, "<dependency identifierref=\"RES-pix-edu--shared\" />"));
  EXPECT_FALSE(has(*xml, "imsss")) << "no 2004 sequencing in a 1.2 manifest";
  EXPECT_EQ(validate(*xml, "12"), 0) << *xml;
  EXPECT_TRUE(check_manifest(*xml, std::nullopt).empty());
}

TEST(Manifest, Scorm2004HasThresholdFreeNavigationAndValidates) {
  auto xml = write_manifest(two_areas(Version::scorm2004_4th));
  ASSERT_TRUE(xml) << xml.error().message;
  EXPECT_TRUE(has(*xml, "<schemaversion>2004 4th Edition</schemaversion>"));
  EXPECT_TRUE(has(*xml, "xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\""));
  EXPECT_TRUE(has(*xml, "adlcp:scormType=\"sco\""));
  EXPECT_TRUE(has(*xml, "<adlcp:completionThreshold completedByMeasure=\"true\" minProgressMeasure=\"0.80\" />"));
  EXPECT_TRUE(has(*xml, "<imsss:controlMode choice=\"true\" flow=\"true\" />"));
  EXPECT_EQ(validate(*xml, "2004"), 0) << *xml;
  EXPECT_TRUE(check_manifest(*xml, std::nullopt).empty());
}

TEST(Manifest, GroupingItemsHaveNoIdentifierref) {
  auto xml = write_manifest(two_areas(Version::scorm12));
  ASSERT_TRUE(xml);
  EXPECT_TRUE(has(*xml, "<item identifier=\"ITEM-pix-edu--area-domaine-1\">"));
}

TEST(Manifest, LomMetadataInBothVersions) {
  auto v12 = write_manifest(two_areas(Version::scorm12));
  ASSERT_TRUE(v12);
  EXPECT_TRUE(has(*v12, "<imsmd:langstring xml:lang=\"fr\">Pix+ Édu &amp; co &lt;2026&gt;</imsmd:langstring>"));
  EXPECT_TRUE(has(*v12, "<imsmd:datetime>PT10M5S</imsmd:datetime>"));
  EXPECT_TRUE(has(*v12, "CC BY-NC-ND 4.0 — Réseau Canopé &amp; Pix"));
  EXPECT_TRUE(has(*v12, "<imsmd:language>fr</imsmd:language>"));
  auto v2004 = write_manifest(two_areas(Version::scorm2004_4th));
  ASSERT_TRUE(v2004);
  EXPECT_TRUE(has(*v2004, "<lom xmlns=\"http://ltsc.ieee.org/xsd/LOM\">"));
  EXPECT_TRUE(has(*v2004, "<string language=\"fr\">Des tutoriels \"vidéo\" pour enseigner</string>"));
  EXPECT_TRUE(has(*v2004, "<duration>PT10M5S</duration>"));
  EXPECT_TRUE(has(*v2004, "<string>1.0.0</string>"));
}

TEST(Manifest, EscapesWithEntitiesNeverNumericReferences) {
  Package p = two_areas(Version::scorm2004_4th);
  p.items[0].children[0].title = "a\tb\x01<script>&#231;\"'";
  p.metadata.description = "x\r\ny\x7f";
  for (const Version v : {Version::scorm12, Version::scorm2004_4th}) {
    p.version = v;
    auto xml = write_manifest(p);
    ASSERT_TRUE(xml);
    EXPECT_TRUE(has(*xml, "<title>Pix+ Édu &amp; co &lt;2026&gt;</title>"));
    EXPECT_TRUE(has(*xml, "<title>a b&lt;script&gt;&amp;#231;\"'</title>")) << *xml;
    EXPECT_FALSE(has(*xml, "&#"));
  }
}

TEST(Manifest, TitlesAreCutTo255CharactersOnACharacterBoundary) {
  Package p = two_areas(Version::scorm12);
  std::string long_title;
  for (int i = 0; i < 200; ++i) long_title += "é";  // 2 bytes each
  p.items[0].children[0].title = long_title;
  auto xml = write_manifest(p);
  ASSERT_TRUE(xml);
  EXPECT_TRUE(has(*xml, "<title>" + long_title.substr(0, 254) + "</title>"));
  EXPECT_EQ(clean_title(long_title).size(), 254u);
}

TEST(Manifest, InconsistentPackagesAreRefused) {
  Package p = two_areas(Version::scorm12);
  p.items[0].children[0].resource = "RES-nowhere";
  auto xml = write_manifest(p);
  ASSERT_FALSE(xml);
  EXPECT_EQ(xml.error().message, "item ITEM-pix-edu--lecon-a-domaine-1 names missing resource RES-nowhere");
  p = two_areas(Version::scorm12);
  p.items[1].children[1].identifier = p.items[0].children[0].identifier;
  ASSERT_FALSE(write_manifest(p));
}

TEST(Identifiers, StableAndXmlIdSafe) {
  EXPECT_EQ(make_identifier("ITEM", "pix-edu", "Les acteurs du numérique"), "ITEM-pix-edu--les-acteurs-du-numerique");
  EXPECT_EQ(make_identifier("ITEM", "pix-edu", "2nd degré"), make_identifier("ITEM", "pix-edu", "2nd degré"));
  const std::string long_id = make_identifier("ITEM", "c", std::string(300, 'a'));
  EXPECT_LE(long_id.size(), 120u);
  EXPECT_NE(long_id, make_identifier("ITEM", "c", std::string(301, 'a')));
}

TEST(XmlText, IsoDurations) {
  EXPECT_EQ(iso_duration(0), "PT0S");
  EXPECT_EQ(iso_duration(185.4), "PT3M5S");
  EXPECT_EQ(iso_duration(3600), "PT1H");
  EXPECT_EQ(iso_duration(3723), "PT1H2M3S");
}

}  // namespace
}  // namespace packager::scorm
