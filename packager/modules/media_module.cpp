// packager-media.so: the media stage (libav*) behind one table.
#include "packager/modules/module_abi.hpp"

namespace packager::modules {

extern "C" __attribute__((visibility("default"))) const MediaModule* packager_media_module(const ModuleHost* host) {
  if (!accept_host(host)) return nullptr;
  static const MediaModule table = [] {
    MediaModule t;
    t.header.size = sizeof(MediaModule);
    t.probe = &media::probe;
    t.remux_to_faststart = &media::remux_to_faststart;
    t.mux_split_to_faststart = &media::mux_split_to_faststart;
    t.transcode = &media::transcode;
    t.make_poster = &media::make_poster;
    t.make_illustration = &media::make_illustration;
    t.plain_illustration = &media::plain_illustration;
    return t;
  }();
  return &table;
}

}  // namespace packager::modules
