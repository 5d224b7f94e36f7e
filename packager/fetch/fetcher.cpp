#include "packager/fetch/fetcher.hpp"

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "packager/fetch/cache.hpp"
#include "packager/fetch/download.hpp"
#include "packager/fetch/local_hash.hpp"
#include "packager/fetch/sniff.hpp"
#include "packager/util/sha256.hpp"
#include "packager/util/url.hpp"

namespace packager::fetch {
namespace fs = std::filesystem;

fs::path default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    return fs::path(xdg) / "packager";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return fs::path(home) / ".cache" / "packager";
  return fs::temp_directory_path() / "packager-cache";
}

const char* to_string(Origin origin) {
  switch (origin) {
    case Origin::local_copy: return "local copy";
    case Origin::cache: return "cache";
    case Origin::network: return "network";
  }
  return "?";
}

namespace {

Result<std::string> read_head(const fs::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return fail(ErrorCode::input, fmt::format("cannot read {}", path.string()));
  std::string head(64, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), file));
  std::fclose(file);
  return head;
}

// Where a user's own copy of the media would be: the first
// <media_dir>/<file name of the URL> that is a file.
std::optional<fs::path> local_copy_path(const std::string& url, const FetchOptions& options) {
  const std::string name = util::url_file_name(url);
  if (name.empty()) return std::nullopt;
  for (const auto& dir : options.media_dirs) {
    std::error_code ec;
    if (fs::is_regular_file(dir / name, ec)) return dir / name;
  }
  return std::nullopt;
}

// A user's own copy of the media: <media_dir>/<file name of the URL>.
Result<std::optional<Fetched>> find_local_copy(const std::string& url, const FetchOptions& options) {
  const auto candidate = local_copy_path(url, options);
  if (!candidate) return std::optional<Fetched>{};
  TRY_ASSIGN(const std::string head, read_head(*candidate));
  if (sniff(head) != Sniffed::media)
    return fail(ErrorCode::media, fmt::format("{}: the local copy of {} is not a video (starts with {})",
                                              candidate->string(), url, describe_body(head)));
  TRY_ASSIGN(std::string sha, local_copy_sha256(*candidate, options.cache_dir));
  Fetched found;
  found.path = *candidate;
  found.url = url;
  found.sha256 = std::move(sha);
  std::error_code ec;
  found.size = fs::file_size(*candidate, ec);
  found.origin = Origin::local_copy;
  return std::optional<Fetched>(std::move(found));
}

Fetched from_cache(const std::string& url, const CacheEntry& entry, Origin origin) {
  Fetched fetched;
  fetched.path = entry.data_path;
  fetched.url = url;
  fetched.sha256 = entry.sha256;
  fetched.size = entry.size;
  fetched.etag = entry.etag;
  fetched.last_modified = entry.last_modified;
  fetched.origin = origin;
  return fetched;
}

}  // namespace

Result<Fetched> fetch_media(const std::string& url, const FetchOptions& options) {
  std::string why;
  if (!util::parse_url(url, &why)) return fail(ErrorCode::input, fmt::format("{}: not a usable URL: {}", url, why));

  // Hashing a user's copy for the first time is no quick answer.
  if (options.only_if_unchanged && options.expect == FetchOptions::Expect::media && local_copy_path(url, options))
    return fail(ErrorCode::network, fmt::format("{}: a local copy, not a cached one", url));
  if (options.expect == FetchOptions::Expect::media) {
    TRY_ASSIGN(auto local, find_local_copy(url, options));
    if (local) return std::move(*local);
  }

  const Cache cache(options.cache_dir);
  std::vector<std::string> notes;
  // One build at a time per URL: another build sharing the cache may be
  // downloading it right now; once it is done, its entry is ours too.
  std::optional<util::FileLock> lock;
  // Nothing cached, nothing to ask: no lock taken for it either.
  if (options.only_if_unchanged && (options.offline || !cache.lookup(url)))
    return fail(ErrorCode::network, fmt::format("{}: no cached copy to revalidate", url));
  if (!options.offline) {
    TRY_ASSIGN(lock, cache.lock(url, [&] {
      if (options.on_wait) options.on_wait(url);
    }));
  }
  auto entry = cache.lookup(url);
  // What needs more than a conditional request (a record to re-hash, a
  // changed blob, a download) is left to a normal fetch, which says why.
  if (options.only_if_unchanged && (!entry || !entry->identity || !cache.changed(*entry).empty()))
    return fail(ErrorCode::network, fmt::format("{}: no cached copy to revalidate", url));
  if (entry) {
    // A blob changed since it was recorded (edited in place, replaced) must
    // not end up in a package. The identity check costs one stat(); a
    // record from an older version without one is re-hashed once instead.
    std::string change = cache.changed(*entry);
    if (change.empty() && !entry->identity) {
      auto intact = cache.verify(*entry);
      if (intact && *intact) {
        entry->identity = util::file_identity(entry->data_path);
        (void)cache.store(*entry);
      } else {
        change = "its SHA-256 does not match";
      }
    }
    if (!change.empty()) {
      notes.push_back(
          fmt::format("{}: the cached copy changed since it was stored ({}); fetching it again", url, change));
      cache.remove(url);
      entry.reset();
    }
  }
  if (entry && (options.offline || (entry->etag.empty() && entry->last_modified.empty()))) {
    Fetched hit = from_cache(url, *entry, Origin::cache);
    hit.notes = std::move(notes);
    return hit;
  }
  if (!entry && options.offline)
    return fail(ErrorCode::network,
                fmt::format("{}: not in the cache ({}) and --offline forbids downloading it", url,
                            cache.root().string()));

  TRY(cache.ensure_dirs());
  const fs::path partial = cache.download_path(url);
  Validators validators;
  if (entry) validators = Validators{entry->etag, entry->last_modified};
  auto got = download(url, partial, options, validators);
  if (options.only_if_unchanged && got && !got->not_modified)  // download() refuses a body: cannot happen
    return fail(ErrorCode::internal, fmt::format("{}: downloaded while only revalidating", url));
  if (!got && entry && got.error().code != ErrorCode::interrupted && !options.only_if_unchanged) {
    // The server cannot be asked (offline classroom, server down): the
    // cached copy is intact and is the best there is.
    Fetched hit = from_cache(url, *entry, Origin::cache);
    notes.push_back(fmt::format("{}; using the cached copy", got.error().message));
    hit.notes = std::move(notes);
    return hit;
  }
  if (!got) return tl::unexpected(got.error());
  if (got->not_modified) {
    Fetched hit = from_cache(url, *entry, Origin::cache);
    hit.notes = std::move(notes);
    return hit;
  }
  CacheEntry fresh{url, got->etag, got->last_modified, got->size, got->sha256, {}, std::nullopt};
  TRY_ASSIGN(const CacheEntry stored, cache.adopt(partial, fresh));
  Fetched fetched = from_cache(url, stored, Origin::network);
  fetched.bytes_downloaded = got->size - got->resumed_bytes;
  fetched.notes = std::move(notes);
  return fetched;
}

}  // namespace packager::fetch
