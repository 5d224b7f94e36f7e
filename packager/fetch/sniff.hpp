#pragma once
// Recognising media by its first bytes, so a captive portal's HTML page is
// rejected before it is downloaded whole.

#include <string>
#include <string_view>

namespace packager::fetch {

enum class Sniffed { media, html, unknown, need_more };

// Classifies the first bytes of a body. ISO-BMFF (ftyp/styp/moov/moof/free
// boxes) and Matroska/WebM are media; a body starting with '<' is HTML.
Sniffed sniff(std::string_view head);

// How many bytes sniff() wants before it can decide.
inline constexpr size_t k_sniff_bytes = 12;

// A short printable excerpt of a body, for error messages.
std::string describe_body(std::string_view head);

}  // namespace packager::fetch
