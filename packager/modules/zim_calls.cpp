// The ZIM stage's functions as the executable sees them: the ZIM module
// (libzim, Xapian, ICU) is loaded the first time a build writes a ZIM.
#include "packager/modules/module_loader.hpp"

namespace packager::zim {

Result<ZimWritten> write_zim(const ZimBook& book, const std::filesystem::path& path, const ZimSettings& settings) {
  TRY_ASSIGN(const auto* m, modules::zim_module());
  return m->write_zim(book, path, settings);
}

}  // namespace packager::zim
