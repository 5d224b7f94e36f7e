#include "packager/pipeline/timing.hpp"

#include <chrono>

namespace packager::pipeline {

Result<void> run_pass(BuildState& state, std::string_view name, Pass pass) {
  // steady_clock: wall-clock jumps (NTP, DST) must not make a stage negative.
  const auto start = std::chrono::steady_clock::now();
  auto result = pass(state);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  state.timings.push_back({std::string(name), elapsed.count()});
  return result;
}

}  // namespace packager::pipeline
