// The organization tree on the real edu set: 92 lessons under six area
// items titled with the areas' long names.
#include "packager/pipeline/organization.hpp"

#include <gtest/gtest.h>

#include "packager/lesson/course.hpp"
#include "tests/support/test_support.hpp"

namespace packager::pipeline {
namespace {
using packager::testing::source_dir;

lesson::Course load(const char* manifest) {
  Diagnostics d;
  auto course = lesson::load_course(source_dir() / "manifests" / manifest, d);
  if (!course) throw std::runtime_error(d.to_string());
  return std::move(*course);
}

TEST(Organization, PixEduGroupsByAreaWithLongTitles) {
  const auto items = organize(load("pix-edu.yaml"));
  ASSERT_EQ(items.size(), 6u);
  const std::vector<std::pair<std::string, size_t>> expected = {
      {"Utiliser le numérique pour agir et se former dans son environnement professionnel", 26},
      {"Sélectionner, créer et gérer des ressources", 9},
      {"Concevoir, scénariser, mettre en oeuvre et évaluer des situations "
       "d'enseignement-apprentissage",
       16},
      {"Inclure et rendre accessible, différencier et engager les apprenants", 11},
      {"Développer, évaluer et certifier les compétences numériques des apprenants", 21},
      {"Une série de webinaires produits par Réseau Canopé, en partenariat avec Pix pour se former "
       "et actualiser ses compétences numériques professionnelles",
       9},
  };
  size_t total = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].title, expected[i].first);
    EXPECT_EQ(items[i].children.size(), expected[i].second) << items[i].title;
    EXPECT_TRUE(items[i].resource.empty()) << "a grouping item launches nothing";
    for (const auto& child : items[i].children) {
      EXPECT_FALSE(child.resource.empty());
      EXPECT_TRUE(child.children.empty());
    }
    total += items[i].children.size();
  }
  EXPECT_EQ(total, 92u);
  EXPECT_EQ(items[0].identifier, "ITEM-pix-edu--area-domaine-1");
  EXPECT_EQ(items[0].children[0].title, "Agir face au cyberharcèlement");
  EXPECT_EQ(items[0].children[0].resource, "RES-pix-edu--agir-face-au-cyberharcelement");
}

TEST(Organization, LessonsWithoutAreaStayFlatInPriorityOrder) {
  const auto items = organize(load("pix-sixieme.yaml"));
  ASSERT_EQ(items.size(), 7u);
  EXPECT_EQ(items[0].title, "Présentation de l'attestation de sensibilisation Pix en 6ème");
  for (const auto& item : items) EXPECT_FALSE(item.resource.empty());
}

TEST(Organization, GroupingNoneIsFlat) {
  auto course = load("pix-edu.yaml");
  course.group_by_area = false;
  EXPECT_EQ(organize(course).size(), 92u);
}

TEST(Organization, AnAreaSplitByAnExplicitOrderIsStillOneItem) {
  lesson::Course course;
  course.identifier = "c";
  for (const char* area : {"Domaine 2", "Domaine 1", "Domaine 2"}) {
    lesson::Lesson l;
    l.slug = "l" + std::to_string(course.lessons.size());
    l.title = l.slug;
    l.area = area;
    course.lessons.push_back(l);
  }
  const auto items = organize(course);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].children.size(), 2u);
  EXPECT_EQ(items[0].children[1].title, "l2");
  EXPECT_EQ(items[1].title,
            "Utiliser le numérique pour agir et se former dans son environnement professionnel");
}

}  // namespace
}  // namespace packager::pipeline
