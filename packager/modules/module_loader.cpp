#include "packager/modules/module_loader.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "packager/core/interrupt.hpp"

#if !defined(PACKAGER_MODULE_INSTALL_DIR) || !defined(PACKAGER_MODULE_DIR_FROM_BINDIR)
#error "PACKAGER_MODULE_INSTALL_DIR and PACKAGER_MODULE_DIR_FROM_BINDIR name <libdir>/packager"
#endif

namespace packager::modules {
namespace fs = std::filesystem;
namespace {

// The module's entry, called with what it needs from the program; nullptr
// (and every reason) when no folder holds a usable copy.
template <typename Table, typename Entry>
Result<const Table*> load(const char* file_name, const char* what, const char* symbol) {
  static const ModuleHost host{k_module_abi, &interrupt_signal};
  std::vector<std::string> tried;
  for (const fs::path& dir : module_dirs()) {
    const fs::path path = dir / file_name;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      tried.push_back(fmt::format("{}: not found", dir.string()));
      continue;
    }
    // Never closed: its code runs until the program exits.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      tried.push_back(fmt::format("{}: {}", path.string(), why != nullptr ? why : "cannot be loaded"));
      continue;
    }
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, symbol));
    const Table* table = entry != nullptr ? entry(&host) : nullptr;
    if (table == nullptr || table->header.abi != k_module_abi || table->header.size != sizeof(Table) ||
        std::strcmp(table->header.version, PACKAGER_VERSION) != 0) {
      tried.push_back(fmt::format("{}: from another build of packager (this is {})", path.string(),
                                  PACKAGER_VERSION));
      continue;
    }
    return table;
  }
  return fail(ErrorCode::internal, fmt::format("cannot load {}, packager's {} ({}); build or install packager again",
                                               file_name, what, fmt::join(tried, "; ")));
}

}  // namespace

std::vector<fs::path> module_dirs() {
  if (const char* dir = std::getenv("PACKAGER_MODULE_DIR"); dir != nullptr && *dir != '\0') return {dir};
  std::vector<fs::path> dirs;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    dirs.push_back(self.parent_path());
    // Installed under another prefix than the configured one (cmake
    // --install --prefix): <prefix>/bin/packager finds <prefix>/lib/packager.
    dirs.push_back((self.parent_path() / PACKAGER_MODULE_DIR_FROM_BINDIR).lexically_normal());
  }
  const fs::path installed = PACKAGER_MODULE_INSTALL_DIR;
  if (std::find(dirs.begin(), dirs.end(), installed) == dirs.end()) dirs.push_back(installed);
  return dirs;
}

Result<const MediaModule*> media_module() {
  // A function-local static: loaded once, even when two workers ask at once.
  static const Result<const MediaModule*> loaded = load<MediaModule, MediaEntry>(
      "packager-media.so", "video module (libavformat, libavcodec)", k_media_entry);
  return loaded;
}

Result<const ZimModule*> zim_module() {
  static const Result<const ZimModule*> loaded = load<ZimModule, ZimEntry>(
      "packager-zim.so", "ZIM module (libzim)", k_zim_entry);
  return loaded;
}

}  // namespace packager::modules
