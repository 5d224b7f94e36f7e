#pragma once
// Loading the media and ZIM modules (module_abi.hpp), once per process, the
// first time a caller needs one.

#include <filesystem>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/modules/module_abi.hpp"

namespace packager::modules {

// Where a module is looked for, in order: $PACKAGER_MODULE_DIR when set
// (nothing else then), the running executable's own folder (a build tree,
// or a copy of packager with its modules beside it), <libdir>/packager
// relative to it (an install moved to another prefix), and the folder
// `cmake --install` puts them in.
std::vector<std::filesystem::path> module_dirs();

// The loaded module's table. Loaded with RTLD_NOW | RTLD_LOCAL (its
// libraries stay out of the program's symbol space) the first time; later
// calls, from any thread, return the same table or the same error. An
// ErrorCode::internal error names the file, every folder tried and why each
// failed ("not found", dlerror(), or a module from another build).
Result<const MediaModule*> media_module();
Result<const ZimModule*> zim_module();

}  // namespace packager::modules
