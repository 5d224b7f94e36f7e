// The ZIM stage's one pure helper, kept out of writer.cpp so that code
// that does not write a ZIM needs no libzim (modules/).
#include "packager/zim/writer.hpp"

namespace packager::zim {

std::string iso639_3(const std::string& language) {
  if (language.rfind("en", 0) == 0) return "eng";
  return "fra";
}

}  // namespace packager::zim
