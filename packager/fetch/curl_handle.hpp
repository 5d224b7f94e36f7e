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

struct FetchOptions;

// The settings every transfer shares, in one place so none is forgotten:
// allowed protocols (`protocols`, e.g. "http,https,file"; redirects only
// ever to http/https), the redirect limit, connect and low-speed timeouts,
// the User-Agent and an error buffer, and the calling thread's connection
// cache (a request to a host this thread already spoke to reuses the open
// connection). TLS verification is libcurl's
// default (on) and is never changed.
void apply_common_options(CURL* handle, const FetchOptions& options, const char* protocols, char* error_buffer);

}  // namespace packager::fetch
