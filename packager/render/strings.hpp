#pragma once
// Interface strings of the pages ("Transcription", "Durée", …), one table per
// language. The course's `language` picks the table; French is the default
// and the fallback for any language without a table.

#include <string>
#include <utility>
#include <vector>

namespace packager::render {

// Key/value pairs, e.g. {"transcript", "Transcription"}. Every table has the
// same keys (a unit test checks it).
using StringTable = std::vector<std::pair<std::string, std::string>>;

// The table for `language` ("fr", "en", "en-GB" → en); French otherwise.
const StringTable& strings_for(const std::string& language);

// The languages with a table of their own.
std::vector<std::string> string_languages();

}  // namespace packager::render
