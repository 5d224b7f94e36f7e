#pragma once
// Sizes as people write and read them, one convention for every option:
// a bare K, M, G, T is a power of 1024 (as PHP's upload_max_filesize, which
// a Moodle admin quotes); kB, MB, GB, TB are powers of 1000 (as on USB
// stick labels); KiB, MiB, GiB, TiB are powers of 1024. Letter case is
// ignored except that "B" may be "b".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace packager::util {

// "100M" -> 104857600, "8GB" -> 8000000000, "4GiB" -> 4294967296, "512" ->
// 512. nullopt for anything else, zero, or a value that overflows.
std::optional<std::uint64_t> parse_size(std::string_view text);

// "276.2 KiB": powers of 1024, for limits given in K/M/G (package sizes).
std::string format_size_binary(std::uint64_t bytes);

// "458.8 kB": powers of 1000, for what must fit on a stick.
std::string format_size_decimal(std::uint64_t bytes);

}  // namespace packager::util
