#include "packager/lesson/fields.hpp"

#include "packager/util/text.hpp"

namespace packager::lesson {

const std::vector<FieldSpec>& field_table() {
  static const std::vector<FieldSpec> table = {
      {FieldId::title, "title", {"title"}},
      {FieldId::description, "description", {"description"}},
      {FieldId::area, "area", {"area"}},
      {FieldId::priority, "priority", {"priority"}},
      {FieldId::file_type, "fileType", {"fileType"}},
      // 2023 files say videoDLHref, some hand edits videoDlHref, 2026 files
      // videoDownloadHref.
      {FieldId::video_download,
       "videoDownloadHref",
       {"videoDownloadHref", "videoDLHref", "videoDlHref"}},
      {FieldId::video_embed, "videoEmbedSrc", {"videoEmbedSrc"}},
      {FieldId::caption_path, "captionFilePath", {"captionFilePath"}},
      {FieldId::pdf_path, "pdfFilePath", {"pdfFilePath"}},
  };
  return table;
}

std::optional<FieldId> field_for_key(std::string_view key) {
  for (const auto& spec : field_table())
    for (const auto alias : spec.aliases)
      if (alias == key) return spec.id;
  return std::nullopt;
}

std::optional<std::string> suggest_field(std::string_view key) {
  // A key that starts with a known name followed by ':' is a missing space
  // after the colon ("description:Hameçonnage"): the suggestion is obvious.
  for (const auto& spec : field_table())
    for (const auto alias : spec.aliases)
      if (key.size() > alias.size() && key.substr(0, alias.size()) == alias &&
          key[alias.size()] == ':')
        return std::string(spec.canonical);
  std::optional<std::string> best;
  size_t best_distance = 4;  // more than 3 edits away is not a typo
  const std::string lowered = util::to_lower_ascii(key);
  for (const auto& spec : field_table()) {
    for (const auto alias : spec.aliases) {
      const size_t d = util::edit_distance(lowered, util::to_lower_ascii(alias));
      if (d < best_distance) {
        best_distance = d;
        best = std::string(spec.canonical);
      }
    }
  }
  return best;
}

}  // namespace packager::lesson
