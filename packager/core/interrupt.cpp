#include "packager/core/interrupt.hpp"

#include <csignal>

namespace packager {
namespace {
volatile std::sig_atomic_t g_signal = 0;
int (*g_program_signal)() = nullptr;  // set once, before any worker starts

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

bool interrupted() { return interrupt_signal() != 0; }
int interrupt_signal() { return g_program_signal != nullptr ? g_program_signal() : g_signal; }
Result<void> check_interrupted() {
  if (interrupted()) return fail(ErrorCode::interrupted, "interrupted");
  return {};
}
void set_interrupted_for_test(int signal_number) { g_signal = signal_number; }
void follow_interrupts_of(int (*program_signal)()) { g_program_signal = program_signal; }

}  // namespace packager
