#pragma once
// Cooperative cancellation. Signal handlers only set a flag; long loops
// (downloads, remuxing, zipping) poll it and unwind through their normal
// error path, so temporary files are removed by the same RAII that handles
// every other failure.

#include "packager/core/error.hpp"

namespace packager {

// Installs SIGINT and SIGTERM handlers that record the signal.
void install_interrupt_handlers();

// True once SIGINT or SIGTERM was received.
bool interrupted();

// The signal received (SIGINT, SIGTERM) or 0.
int interrupt_signal();

// Fails with ErrorCode::interrupted once a signal was received: a cheap
// check between pipeline passes and before a commit step.
Result<void> check_interrupted();

// For tests: pretend a signal arrived (0 clears).
void set_interrupted_for_test(int signal_number);

// For code in a loaded module (modules/), which has its own copy of this
// file: interrupted() and interrupt_signal() ask the program's instead.
void follow_interrupts_of(int (*program_signal)());

}  // namespace packager
