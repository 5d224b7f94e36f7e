#pragma once
// The one date every output carries (zip entries, the Moodle backup's
// dates and tar entries): SOURCE_DATE_EPOCH when set (the
// reproducible-builds convention), else 2000-01-01T00:00:00Z, so the same
// inputs give the same bytes whenever they are built.

#include <cstdint>

namespace packager::pipeline {

// Seconds since the epoch. A SOURCE_DATE_EPOCH that is not a whole number
// of seconds at or after 1980-01-01 (the earliest a zip can store) is
// ignored.
std::int64_t source_date_epoch();

}  // namespace packager::pipeline
