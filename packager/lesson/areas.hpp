#pragma once
// The one table of lesson areas (the `area` front-matter field): the short
// code authors write and the long title shown as an organization item.

#include <optional>

#include "packager/core/diagnostic.hpp"
#include "packager/lesson/model.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace packager::lesson {

struct AreaSpec {
  std::string_view code;   // "Domaine 1", as written in `area:`
  std::string_view title;  // "Utiliser le numérique pour agir et se former ..."
};

// Every known area, in the order the source site lists them.
const std::vector<AreaSpec>& area_table();

// The area a code names (case, accents and spacing ignored, so "domaine 1"
// and "Domaine  1" match); nullopt for an unknown code.
std::optional<AreaSpec> find_area(std::string_view code);

// The position of an area in area_table(); unknown areas sort after every
// known one.
size_t area_rank(std::string_view code);

// The long title of an area, or the code itself when it is not in the table.
std::string area_title(std::string_view code);

// What two area names are compared by: case, accents, spacing and
// punctuation ignored ("Domaine  1" == "domaine 1").
std::string area_key(std::string_view code);

// Gives every lesson of `course` whose area differs from another's only by
// area_key the same spelling, so the index, the organization and the order
// see one area: the table's code for a known area, else the spelling of
// the first lesson (in file order) that uses it. A warning at each lesson
// that spelt an unknown area differently.
void unify_areas(Course& course, Diagnostics& diagnostics);

}  // namespace packager::lesson
