#pragma once
// The tables the loadable modules hand the executable. libav* and libzim,
// with the ~140 shared libraries Debian builds them against, cost a process
// 25 MiB of memory and 35 ms before main() (157 libraries mapped and
// relocated); most runs (validate, verify, a build with nothing new, a
// revalidation) never call them. So the stages that use them are also built
// as packager-media.so and packager-zim.so, and the executable loads one the
// first time a build calls into it (module_loader.hpp).
//
// Module and executable come from one build: the table carries the version
// and its own size, and a module that does not match is refused, never
// called.

#include <cstdint>

#include "packager/media/illustration.hpp"
#include "packager/media/poster.hpp"
#include "packager/media/probe.hpp"
#include "packager/media/remux.hpp"
#include "packager/media/transcode.hpp"
#include "packager/zim/writer.hpp"

namespace packager::modules {

// Raised whenever a table below changes shape or meaning.
inline constexpr std::uint32_t k_module_abi = 1;

// What the executable gives a module when it loads it.
struct ModuleHost {
  std::uint32_t abi = k_module_abi;
  int (*interrupt_signal)() = nullptr;  // the program's SIGINT/SIGTERM, for long loops
};

struct ModuleHeader {
  std::uint32_t abi = k_module_abi;
  std::uint32_t size = 0;  // sizeof the whole table
  const char* version = PACKAGER_VERSION;
};

struct MediaModule {
  ModuleHeader header;
  decltype(&media::probe) probe = nullptr;
  decltype(&media::remux_to_faststart) remux_to_faststart = nullptr;
  decltype(&media::mux_split_to_faststart) mux_split_to_faststart = nullptr;
  decltype(&media::transcode) transcode = nullptr;
  decltype(&media::make_poster) make_poster = nullptr;
  decltype(&media::make_illustration) make_illustration = nullptr;
  decltype(&media::plain_illustration) plain_illustration = nullptr;
};

struct ZimModule {
  ModuleHeader header;
  decltype(&zim::write_zim) write_zim = nullptr;
};

// A module's entry starts with this: false for a program of another ABI
// (the entry then returns nullptr); else the module's copy of the core
// stage follows the program's interrupt flag (Ctrl-C during a remux).
bool accept_host(const ModuleHost* host);

// Each module exports one of these, by these names.
inline constexpr const char* k_media_entry = "packager_media_module";
inline constexpr const char* k_zim_entry = "packager_zim_module";
using MediaEntry = const MediaModule* (*)(const ModuleHost*);
using ZimEntry = const ZimModule* (*)(const ModuleHost*);

}  // namespace packager::modules
