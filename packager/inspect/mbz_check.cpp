#include "packager/inspect/mbz_check.hpp"

#include <fmt/format.h>

#include "packager/mbz/backup_check.hpp"
#include "packager/util/atomic_file.hpp"

namespace packager::inspect {
namespace fs = std::filesystem;

bool is_moodle_backup(const fs::path& input) {
  std::error_code ec;
  return input.extension() == ".mbz" && !fs::is_directory(input, ec);
}

Result<ValidateReport> validate_backup(const ValidateOptions& options) {
  // The packages inside are copied into a private folder, removed after.
  TRY_ASSIGN(auto scratch, util::TempDir::create(fs::temp_directory_path(), "packager-validate-mbz"));
  TRY_ASSIGN(auto summary, mbz::check_backup(options.input, scratch.path()));
  ValidateReport report;
  for (auto& f : summary.findings)
    report.findings.push_back({f.error ? scorm::Severity::error : scorm::Severity::warning, 0, f.file, f.message});
  for (const auto& p : summary.packages) {
    ValidateOptions inner = options;
    inner.input = p.copy;
    TRY_ASSIGN(auto r, validate_package(inner));
    const std::string where = p.activity + "/" + p.reference;
    for (auto& f : r.findings) {
      f.file = f.file.empty() ? where : where + ": " + f.file;
      report.findings.push_back(std::move(f));
    }
    if (!report.version) report.version = r.version;
  }
  return report;
}

std::vector<std::string> backup_damage(const fs::path& file) {
  auto summary = mbz::check_backup(file, {});
  if (!summary) return {summary.error().message};
  std::vector<std::string> damage;
  for (const auto& f : summary->findings)
    if (f.error) damage.push_back(f.file.empty() ? f.message : f.file + ": " + f.message);
  return damage;
}

}  // namespace packager::inspect
