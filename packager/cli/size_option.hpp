#pragma once
// Every size option (--max-package-size, --target-size, --upload-limit…)
// takes the same units (util/size.hpp) and hands CLI11 the number of bytes.

#include <CLI/CLI.hpp>

namespace packager::cli {

// A CLI11 transform: "100M" becomes "104857600"; anything else is refused
// with the accepted units.
CLI::Validator size_option();

}  // namespace packager::cli
