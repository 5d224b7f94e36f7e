#pragma once
// The one table of front-matter field names. Every schema generation of the
// lesson files spells some fields differently; aliases map them onto one
// canonical field so the rest of the code never sees the variants.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace packager::lesson {

enum class FieldId {
  title,
  description,
  area,
  priority,
  file_type,
  video_download,
  video_embed,
  caption_path,
  pdf_path,
};

struct FieldSpec {
  FieldId id;
  std::string_view canonical;
  std::vector<std::string_view> aliases;  // accepted spellings, canonical included
};

const std::vector<FieldSpec>& field_table();

// The field a front-matter key names, accepting every alias.
std::optional<FieldId> field_for_key(std::string_view key);

// The canonical name nearest to an unknown key, for "did you mean".
std::optional<std::string> suggest_field(std::string_view key);

}  // namespace packager::lesson
