#pragma once
// Move-only ownership of libcurl handles.

#include <memory>

#include <curl/curl.h>

namespace packager::fetch {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;

struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// curl_global_init once per process, thread-safely.
void ensure_curl_initialised();

}  // namespace packager::fetch
