#pragma once
// The one table of lesson areas (the `area` front-matter field): the short
// code authors write and the long title shown as an organization item.

#include <optional>
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

}  // namespace packager::lesson
