#include "packager/cli/size_option.hpp"

#include <string>

#include "packager/util/size.hpp"

namespace packager::cli {

CLI::Validator size_option() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto bytes = util::parse_size(text);
        if (!bytes)
          return "'" + text + "' is not a size: expected e.g. 100M (K, M, G: powers of 1024) or 8GB "
                              "(kB, MB, GB: powers of 1000)";
        text = std::to_string(*bytes);
        return {};
      },
      "SIZE");
}

}  // namespace packager::cli
