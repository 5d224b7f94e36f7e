#pragma once
// Runs one pass of the build and records how long it took in
// BuildState::timings, so build.cpp stays a plain list of passes.

#include <string_view>

#include "packager/pipeline/state.hpp"

namespace packager::pipeline {

using Pass = Result<void> (*)(BuildState&);

// Runs `pass`, appends {name, seconds} to state.timings (also when the pass
// fails) and returns the pass's result unchanged.
Result<void> run_pass(BuildState& state, std::string_view name, Pass pass);

}  // namespace packager::pipeline
