#include "packager/core/interrupt.hpp"

#include <csignal>

namespace packager {
namespace {
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int signal_number) { g_signal = signal_number; }
}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: blocking reads return EINTR so loops notice promptly.
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupted() { return g_signal != 0; }
int interrupt_signal() { return g_signal; }
Result<void> check_interrupted() {
  if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
  return {};
}
void set_interrupted_for_test(int signal_number) { g_signal = signal_number; }

}  // namespace packager
