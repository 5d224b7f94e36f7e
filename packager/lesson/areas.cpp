#include "packager/lesson/areas.hpp"

#include <map>

#include <fmt/format.h>

#include "packager/util/text.hpp"

namespace packager::lesson {

const std::vector<AreaSpec>& area_table() {
  // From the source site (1024pix/pix-tutos); see ../shared/corpus/README.md.
  static const std::vector<AreaSpec> table = {
      {"Domaine 1",
       "Utiliser le numérique pour agir et se former dans son environnement professionnel"},
      {"Domaine 2", "Sélectionner, créer et gérer des ressources"},
      {"Domaine 3",
       "Concevoir, scénariser, mettre en oeuvre et évaluer des situations "
       "d'enseignement-apprentissage"},
      {"Domaine 4", "Inclure et rendre accessible, différencier et engager les apprenants"},
      {"Domaine 5", "Développer, évaluer et certifier les compétences numériques des apprenants"},
      {"Webinaires",
       "Une série de webinaires produits par Réseau Canopé, en partenariat avec Pix pour se "
       "former et actualiser ses compétences numériques professionnelles"},
  };
  return table;
}

std::optional<AreaSpec> find_area(std::string_view code) {
  const std::string key = util::slugify(util::trim(code));
  for (const auto& spec : area_table())
    if (util::slugify(spec.code) == key) return spec;
  return std::nullopt;
}

size_t area_rank(std::string_view code) {
  const std::string key = util::slugify(util::trim(code));
  const auto& table = area_table();
  for (size_t i = 0; i < table.size(); ++i)
    if (util::slugify(table[i].code) == key) return i;
  return table.size();
}

std::string area_key(std::string_view code) { return util::slugify(util::trim(code)); }

void unify_areas(Course& course, Diagnostics& diagnostics) {
  struct First {
    std::string spelling;
    std::string lesson;
  };
  std::map<std::string, First> chosen;  // area_key -> the spelling used
  for (auto& l : course.lessons) {
    if (l.area.empty()) continue;
    const std::string key = area_key(l.area);
    if (const auto known = find_area(l.area)) {
      l.area = std::string(known->code);
      continue;
    }
    const auto [it, fresh] = chosen.emplace(key, First{l.area, l.source.string()});
    if (fresh || it->second.spelling == l.area) continue;
    diagnostics.warning(l.source.string(), l.area_pos.line, l.area_pos.column,
                        fmt::format("area '{}' is grouped with '{}' ({}): areas are compared without case or "
                                    "spacing; write it the same way in both",
                                    l.area, it->second.spelling, it->second.lesson));
    l.area = it->second.spelling;
  }
}

std::string area_title(std::string_view code) {
  if (const auto spec = find_area(code)) return std::string(spec->title);
  return std::string(code);
}

}  // namespace packager::lesson
