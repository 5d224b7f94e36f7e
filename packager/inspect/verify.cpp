#include "packager/inspect/verify.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "packager/archive/zip_check.hpp"
#include "packager/inspect/mbz_check.hpp"
#include "packager/inspect/report_read.hpp"
#include "packager/util/bundle_commit.hpp"
#include "packager/util/file_lock.hpp"
#include "packager/util/fs.hpp"
#include "packager/util/sha256.hpp"

namespace packager::inspect {
namespace fs = std::filesystem;
namespace {

struct Expected {
  std::string sha256;
  std::optional<std::uintmax_t> size;  // SHA256SUMS carries no size
};

// Folders and files an operating system adds to a stick on its own; they
// are not bit rot and would otherwise make every stick fail.
bool is_os_litter(const std::string& rel) {
  static const char* const k_litter[] = {"System Volume Information", ".Trashes", ".Spotlight-V100",
                                         ".fseventsd", ".DS_Store", "Thumbs.db", "desktop.ini"};
  const std::string first = rel.substr(0, rel.find('/'));
  const std::string last = rel.substr(rel.rfind('/') + 1);
  for (const char* name : k_litter)
    if (first == name || last == name) return true;
  return false;
}

// A build's work folder or commit journal: never part of a bundle (a build
// killed before committing leaves its work folder; the next build removes it).
bool is_build_leftover(const std::string& rel) {
  return rel.rfind(".packager-work-", 0) == 0 || rel.rfind(util::k_commit_journal, 0) == 0;
}

bool is_safe_relative(const std::string& path) {
  const fs::path p(path);
  if (p.is_absolute() || path.empty()) return false;
  return std::none_of(p.begin(), p.end(), [](const fs::path& part) { return part == ".."; });
}

// Reads whichever of build-report.json and SHA256SUMS exist in `root` into
// one expectation per file; a disagreement between the two is a finding.
Result<std::map<std::string, Expected>> expectations(const fs::path& root, VerifyResult& result) {
  std::map<std::string, Expected> expected;
  std::error_code ec;
  std::vector<std::string> basis;
  if (fs::is_regular_file(root / k_report_file, ec)) {
    TRY_ASSIGN(ReportSummary report, read_report(root / k_report_file));
    for (const auto& o : report.outputs) expected[o.path] = {o.sha256, o.size};
    basis.push_back(k_report_file);
  }
  if (fs::is_regular_file(root / k_sums_file, ec)) {
    TRY_ASSIGN(std::string text, util::read_text_file(root / k_sums_file));
    TRY_ASSIGN(auto sums, parse_sums(text, (root / k_sums_file).string()));
    for (const auto& s : sums) {
      auto it = expected.find(s.path);
      if (it == expected.end()) expected[s.path] = {s.sha256, std::nullopt};
      else if (it->second.sha256 != s.sha256)
        result.findings.push_back({Difference::changed, k_sums_file,
                                   fmt::format("disagrees with {} about {}", k_report_file, s.path)});
    }
    basis.push_back(k_sums_file);
  }
  result.basis = fmt::format("{}", fmt::join(basis, " and "));
  for (const auto& [path, e] : expected)
    if (!is_safe_relative(path))
      return fail(ErrorCode::input, fmt::format("{}: refusing to check '{}', which lies outside the bundle",
                                                root.string(), path));
  return expected;
}

void check_zip_crcs(const fs::path& file, const std::string& rel, VerifyResult& result) {
  // A Moodle backup: its gzip CRC, its tar structure, and every stored
  // file against the SHA-1 it is named by.
  if (is_moodle_backup(file)) {
    for (auto& damage : backup_damage(file)) result.findings.push_back({Difference::corrupt, rel, std::move(damage)});
    return;
  }
  auto check = archive::check_zip(file);
  if (!check) {
    result.findings.push_back({Difference::corrupt, rel, "not a readable zip"});
    return;
  }
  for (const auto& bad : check->bad_entries) result.findings.push_back({Difference::corrupt, rel, bad});
}

// Returns whether the zip CRCs were checked (only when the bytes differ:
// a zip matching its recorded hash is intact, and its CRCs then say which
// entries the damage hit).
Result<bool> check_file(const fs::path& root, const std::string& rel, const Expected& want, VerifyResult& result) {
  const fs::path file = root / fs::path(rel);
  std::error_code ec;
  ++result.files_checked;
  if (!fs::is_regular_file(file, ec)) {
    result.findings.push_back({Difference::missing, rel, {}});
    return false;
  }
  const auto size = fs::file_size(file, ec);
  TRY_ASSIGN(std::string sha, util::sha256_file(file));
  if (want.size && *want.size != size)
    result.findings.push_back(
        {Difference::changed, rel, fmt::format("size is {} bytes, expected {}", size, *want.size)});
  else if (sha != want.sha256)
    result.findings.push_back({Difference::changed, rel, fmt::format("sha256 is {}, expected {}", sha, want.sha256)});
  else
    return false;
  if (file.extension() != ".zip" && !is_moodle_backup(file)) return false;
  check_zip_crcs(file, rel, result);
  return true;
}

Result<VerifyResult> verify_folder(const fs::path& root) {
  VerifyResult result;
  // A read-only stick cannot be locked or have a commit finished: check it
  // as it is.
  auto lock = util::FileLock::acquire(root);
  if (lock) {
    TRY_ASSIGN(result.finished_commit, util::finish_interrupted_commit(root));
  }
  TRY_ASSIGN(auto expected, expectations(root, result));
  if (result.basis.empty())
    return fail(ErrorCode::input,
                fmt::format("{}: no {} or {} here; is this a packager output folder?", root.string(),
                            k_report_file, k_sums_file));
  for (const auto& [rel, want] : expected) TRY(check_file(root, rel, want, result));
  std::error_code ec;
  std::vector<std::string> extra;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string rel = it->path().lexically_relative(root).generic_string();
    if (rel == k_report_file || rel == k_sums_file || expected.count(rel) || is_os_litter(rel) ||
        is_build_leftover(rel))
      continue;
    extra.push_back(rel);
  }
  std::sort(extra.begin(), extra.end());
  for (auto& rel : extra) result.findings.push_back({Difference::extra, std::move(rel), {}});
  return result;
}

bool has_records(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / k_report_file, ec) || fs::is_regular_file(dir / k_sums_file, ec);
}

Result<VerifyResult> verify_zip(const fs::path& zip) {
  VerifyResult result;
  fs::path root = zip.parent_path().empty() ? fs::path(".") : zip.parent_path();
  std::string rel = zip.filename().string();
  // A zip in a site's scorm/ folder: the records are at the site's root.
  if (!has_records(root) && root.filename() == "scorm" && has_records(root.parent_path())) {
    rel = "scorm/" + rel;
    root = root.parent_path();
  }
  TRY_ASSIGN(auto expected, expectations(root, result));
  bool crcs_checked = false;
  if (auto it = expected.find(rel); it != expected.end()) {
    TRY_ASSIGN(crcs_checked, check_file(root, rel, it->second, result));
  } else {
    ++result.files_checked;
    if (!result.basis.empty())
      result.findings.push_back({Difference::extra, rel, fmt::format("not listed in {}", result.basis)});
    result.basis = "its own CRCs";
  }
  // Always check the CRCs of a zip named on the command line.
  if (!crcs_checked) check_zip_crcs(zip, rel, result);
  return result;
}

}  // namespace

const char* to_string(Difference kind) {
  switch (kind) {
    case Difference::missing: return "missing";
    case Difference::changed: return "changed";
    case Difference::extra: return "extra";
    case Difference::corrupt: return "corrupt";
  }
  return "changed";
}

Result<VerifyResult> verify(const fs::path& target) {
  std::error_code ec;
  if (fs::is_directory(target, ec)) return verify_folder(target);
  if (fs::is_regular_file(target, ec)) return verify_zip(target);
  return fail(ErrorCode::usage, fmt::format("{}: no such file or folder", target.string()));
}

}  // namespace packager::inspect
