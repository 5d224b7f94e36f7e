#pragma once
// Error values for every fallible function: Result<T> is tl::expected<T, Error>.
// An Error carries a category (which maps to the process exit code) and a
// complete, user-facing message such as "lesson.md:3:1: error: ...".

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace packager {

// Each category is a distinct process exit code so scripts can tell a bad
// lesson file from a network outage.
enum class ErrorCode {
  usage,        // bad command line
  input,        // a lesson, course manifest or caption file is wrong
  network,      // a download failed
  media,        // a video is not usable
  output,       // the destination could not be written (disk full, permissions)
  internal,     // a bug or an unexpected library failure
  interrupted,  // SIGINT / SIGTERM
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
};

template <typename T>
using Result = tl::expected<T, Error>;

// Builds an unexpected Error, for `return fail(ErrorCode::input, "...")`.
inline tl::unexpected<Error> fail(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

// The exit status for an error category: usage 2, input 3, network 4,
// media 5, output 6, internal 70, interrupted 130.
int exit_code_for(ErrorCode code);

// A stable lower-case name for a category ("input", "network", ...).
const char* to_string(ErrorCode code);

}  // namespace packager

#define PACKAGER_CONCAT_INNER(a, b) a##b
#define PACKAGER_CONCAT(a, b) PACKAGER_CONCAT_INNER(a, b)

// TRY(expr): evaluate a Result<void>-like expression and return its error.
#define TRY(expr)                                                            \
  do {                                                                       \
    auto&& packager_try_result_ = (expr);                                    \
    if (!packager_try_result_)                                               \
      return ::tl::unexpected<::packager::Error>(                            \
          std::move(packager_try_result_.error()));                          \
  } while (false)

#define PACKAGER_TRY_ASSIGN_IMPL(tmp, decl, expr)                            \
  auto tmp = (expr);                                                         \
  if (!tmp) return ::tl::unexpected<::packager::Error>(std::move(tmp.error())); \
  decl = std::move(*tmp)

// TRY_ASSIGN(auto x, expr): bind the value of a Result or return its error.
#define TRY_ASSIGN(decl, expr) \
  PACKAGER_TRY_ASSIGN_IMPL(PACKAGER_CONCAT(packager_try_tmp_, __LINE__), decl, expr)
