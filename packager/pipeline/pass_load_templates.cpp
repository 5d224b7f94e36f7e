// The load_templates pass: the templates read now, so a broken --templates
// folder fails before anything is downloaded.
#include "packager/pipeline/state.hpp"

namespace packager::pipeline {

Result<void> load_templates(BuildState& state) {
  TRY_ASSIGN(state.templates, render::load_templates(state.options.templates_dir));
  return {};
}

}  // namespace packager::pipeline
