#include "packager/pipeline/timing.hpp"

#include "packager/core/interrupt.hpp"

#include <chrono>

namespace packager::pipeline {

Result<void> run_pass(BuildState& state, std::string_view name, Pass pass) {
  // steady_clock: wall-clock jumps (NTP, DST) must not make a stage negative.
  // Quick passes do not poll the interruption flag themselves: a signal is
  // noticed here, between passes.
  TRY(check_interrupted());
  const auto start = std::chrono::steady_clock::now();
  auto result = pass(state);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  state.timings.push_back({std::string(name), elapsed.count()});
  return result;
}

}  // namespace packager::pipeline
