// Linked into each module (not the executable): the check every entry
// makes of the program that loads it.
#include "packager/core/interrupt.hpp"
#include "packager/modules/module_abi.hpp"

namespace packager::modules {

bool accept_host(const ModuleHost* host) {
  if (host == nullptr || host->abi != k_module_abi) return false;
  if (host->interrupt_signal != nullptr) follow_interrupts_of(host->interrupt_signal);
  return true;
}

}  // namespace packager::modules
