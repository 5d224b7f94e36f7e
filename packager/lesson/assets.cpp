#include "packager/lesson/assets.hpp"

#include <fmt/format.h>

#include "packager/util/fs.hpp"

namespace packager::lesson {
namespace fs = std::filesystem;

fs::path find_public_root(const fs::path& lesson_file) {
  std::error_code ec;
  fs::path dir = fs::absolute(lesson_file, ec).parent_path();
  if (ec) return {};
  // Walk up to the filesystem root; the first public/ wins, so a
  // collection nested in another one uses its own.
  while (true) {
    const fs::path candidate = dir / "public";
    if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec);
    if (!dir.has_relative_path()) return {};
    dir = dir.parent_path();
  }
}

PublicFile resolve_public_file(std::string_view written, const fs::path& public_root) {
  if (public_root.empty())
    return {{},
            "no public/ folder was found above the lesson file; set 'public_dir' in the course "
            "manifest"};
  // A leading '/' means "from the site root", which is public/.
  std::string_view relative = written;
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  const fs::path joined = public_root / fs::path(std::string(relative));
  // is_within resolves symlinks and "..": a link inside public/ that points
  // outside is refused like a literal "../../etc/passwd".
  if (!util::is_within(joined, public_root))
    return {{}, fmt::format("'{}' is outside the collection's public/ folder", written)};
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(joined, ec);
  if (ec || !fs::is_regular_file(resolved, ec))
    return {{}, fmt::format("'{}' does not exist in {}", written, public_root.string())};
  return {resolved, {}};
}

}  // namespace packager::lesson
