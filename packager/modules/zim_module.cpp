// packager-zim.so: the ZIM writer (libzim, Xapian, ICU) behind one table.
#include "packager/modules/module_abi.hpp"

namespace packager::modules {

extern "C" __attribute__((visibility("default"))) const ZimModule* packager_zim_module(const ModuleHost* host) {
  if (!accept_host(host)) return nullptr;
  static const ZimModule table = [] {
    ZimModule t;
    t.header.size = sizeof(ZimModule);
    t.write_zim = &zim::write_zim;
    return t;
  }();
  return &table;
}

}  // namespace packager::modules
