#pragma once
// The one date a build writes into its outputs (zip entry dates, the Moodle
// backup's dates and tar entries, the ZIM's
// Date metadata): SOURCE_DATE_EPOCH when set (the reproducible-builds
// convention), else a fixed date, never the clock.

#include <cstdint>
#include <string>

namespace packager::pipeline {

// Seconds since 1970 (UTC): SOURCE_DATE_EPOCH when it is a whole number at
// or after 1980-01-01 (the zip format's first date), else 2000-01-01.
std::int64_t build_epoch();

// build_epoch() as a UTC calendar date, "YYYY-MM-DD".
std::string build_date();

}  // namespace packager::pipeline
