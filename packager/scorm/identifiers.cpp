#include "packager/scorm/identifiers.hpp"

#include "packager/util/sha256.hpp"
#include "packager/util/text.hpp"

namespace packager::scorm {

std::string make_identifier(std::string_view prefix, std::string_view course_id,
                            std::string_view local) {
  std::string id = std::string(prefix) + "-" + util::slugify(course_id);
  if (!local.empty()) id += "--" + util::slugify(local);
  // Some LMSs store identifiers in 255-character columns; keep well below.
  constexpr size_t k_max = 120;
  if (id.size() > k_max) id = id.substr(0, k_max - 13) + "-" + util::sha256_hex(id).substr(0, 12);
  return id;
}

}  // namespace packager::scorm
