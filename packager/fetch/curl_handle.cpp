#include "packager/fetch/curl_handle.hpp"

#include <mutex>

namespace packager::fetch {

void ensure_curl_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace packager::fetch
