// packager-zim.so: the ZIM writer (libzim, Xapian, ICU) behind one table.
#include "packager/core/interrupt.hpp"
#include "packager/modules/module_abi.hpp"

namespace packager::modules {

extern "C" __attribute__((visibility("default"))) const ZimModule* packager_zim_module(const ModuleHost* host) {
  if (host == nullptr || host->abi != k_module_abi) return nullptr;
  if (host->interrupt_signal != nullptr) follow_interrupts_of(host->interrupt_signal);
  static const ZimModule table = [] {
    ZimModule t;
    t.header.size = sizeof(ZimModule);
    t.write_zim = &zim::write_zim;
    return t;
  }();
  return &table;
}

}  // namespace packager::modules
