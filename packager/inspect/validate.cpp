#include "packager/inspect/validate.hpp"

#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "packager/inspect/mbz_check.hpp"
#include "packager/util/atomic_file.hpp"
#include "packager/util/fs.hpp"

extern char** environ;

namespace packager::inspect {
namespace fs = std::filesystem;
namespace {

constexpr const char* k_manifest = "imsmanifest.xml";
constexpr std::uint64_t k_max_manifest_bytes = 16 * 1024 * 1024;
// Pages, style sheets and scripts read for --target; larger ones are skipped.
constexpr std::uint64_t k_max_text_bytes = 4 * 1024 * 1024;

scorm::Finding package_error(std::string message) {
  return {scorm::Severity::error, 0, {}, std::move(message)};
}

struct Contents {
  std::optional<std::string> manifest;  // nullopt when not at the root
  std::set<std::string> files;          // every file but the root manifest
  std::uint64_t package_bytes = 0;
  std::uint64_t unpacked_bytes = 0;
  std::map<std::string, std::string> texts;  // for --target (scorm::PackageFacts::texts)
};

Result<Contents> read_zip(const ValidateOptions& options, std::vector<scorm::Finding>& findings) {
  TRY_ASSIGN(auto zip, archive::ZipReader::open(options.input, options.limits));
  Contents contents;
  for (const auto& entry : zip.entries()) {
    if (entry.directory) continue;
    // Zip-slip: such a name would be written outside the folder by a naive
    // extractor. Reported, never used as a path.
    if (!scorm::is_safe_href(entry.name)) {
      findings.push_back({scorm::Severity::error, 0, entry.name,
                          "unsafe entry name (absolute, '..' or '\\'): extraction could write outside the folder"});
      continue;
    }
    contents.unpacked_bytes += entry.size;
    if (options.target && scorm::is_checked_text(entry.name) && entry.size <= k_max_text_bytes) {
      TRY_ASSIGN(contents.texts[entry.name], zip.read(entry.name, k_max_text_bytes));
    }
    if (entry.name == k_manifest) continue;
    contents.files.insert(entry.name);
  }
  std::error_code ec;
  contents.package_bytes = fs::file_size(options.input, ec);
  const auto& entries = zip.entries();
  if (std::any_of(entries.begin(), entries.end(), [](const auto& e) { return e.name == k_manifest; })) {
    TRY_ASSIGN(contents.manifest, zip.read(k_manifest, k_max_manifest_bytes));
  }
  return contents;
}

Result<Contents> read_folder(const fs::path& root, bool read_texts) {
  Contents contents;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string name = fs::relative(it->path(), root).generic_string();
    std::error_code size_ec;
    const std::uint64_t size = it->file_size(size_ec);
    contents.unpacked_bytes += size;
    if (read_texts && scorm::is_checked_text(name) && size <= k_max_text_bytes) {
      TRY_ASSIGN(contents.texts[name], util::read_text_file(it->path()));
    }
    if (name != k_manifest) contents.files.insert(name);
  }
  if (ec) return fail(ErrorCode::input, fmt::format("{}: cannot list: {}", root.string(), ec.message()));
  if (fs::is_regular_file(root / k_manifest)) {
    TRY_ASSIGN(contents.manifest, util::read_text_file(root / k_manifest));
  }
  return contents;
}

// Runs xmllint as ../shared/scorm-xsd/validate.sh does: the catalog maps
// every schema import to a local file, --nonet forbids the network.
Result<void> check_xsd(const fs::path& schemas, const std::string& manifest, scorm::Version version,
                       std::vector<scorm::Finding>& findings) {
  TRY_ASSIGN(auto tmp, util::TempDir::create(fs::temp_directory_path(), "packager-validate"));
  const fs::path file = tmp.path() / k_manifest;
  const fs::path errors = tmp.path() / "xmllint.txt";
  TRY(util::write_file_atomically(file, manifest));
  const fs::path driver =
      schemas / "drivers" / (version == scorm::Version::scorm12 ? "scorm12.xsd" : "scorm2004-4th.xsd");
  std::vector<std::string> args = {"xmllint", "--nonet", "--noout", "--schema", driver.string(), file.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_store = {"XML_CATALOG_FILES=" + (schemas / "catalog.xml").string()};
  for (char** e = environ; *e != nullptr; ++e)
    if (std::string_view(*e).rfind("XML_CATALOG_FILES=", 0) != 0) env_store.emplace_back(*e);
  std::vector<char*> envp;
  for (auto& e : env_store) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "xmllint", &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return fail(ErrorCode::internal, "cannot run xmllint (install libxml2-utils)");
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const int rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (rc == 0) return {};
  if (rc == 5) return fail(ErrorCode::usage, fmt::format("{}: the schemas do not compile", driver.string()));
  auto text = util::read_text_file(errors);
  std::istringstream lines(text ? *text : std::string());
  bool any = false;
  for (std::string line; std::getline(lines, line);) {
    // Known noise from the official SCORM 1.2 ims_xml.xsd (see validate.sh).
    if (line.find("ims_xml.xsd") != std::string::npos || line.find(" fails to validate") != std::string::npos ||
        line.empty() || line.find_first_not_of(" ^") == std::string::npos)
      continue;
    // "<file>:12: element x: Schemas validity error : …" -> line 12, message.
    const std::string prefix = file.string() + ":";
    int at_line = 0;
    std::string message = line;
    if (line.rfind(prefix, 0) == 0) {
      const size_t colon = line.find(':', prefix.size());
      at_line = std::atoi(line.substr(prefix.size(), colon - prefix.size()).c_str());
      message = colon == std::string::npos ? line : line.substr(colon + 1);
      while (!message.empty() && message.front() == ' ') message.erase(0, 1);
    } else if (line.find("Schemas validity error") == std::string::npos) {
      continue;
    }
    findings.push_back({scorm::Severity::error, at_line, k_manifest, "XSD: " + message});
    any = true;
  }
  if (!any) findings.push_back({scorm::Severity::error, 0, k_manifest, fmt::format("XSD: invalid (xmllint {})", rc)});
  return {};
}

}  // namespace

int ValidateReport::errors() const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [](const auto& f) { return f.severity == scorm::Severity::error; }));
}
int ValidateReport::warnings() const { return static_cast<int>(findings.size()) - errors(); }

Result<ValidateReport> validate_package(const ValidateOptions& options) {
  std::error_code ec;
  if (!fs::exists(options.input, ec))
    return fail(ErrorCode::usage, fmt::format("{}: no such file or folder", options.input.string()));
  if (!options.schemas_dir.empty() && !fs::is_regular_file(options.schemas_dir / "catalog.xml", ec))
    return fail(ErrorCode::usage, fmt::format("{}: not a schemas folder (expected catalog.xml and drivers/ in it)",
                                              options.schemas_dir.string()));
  // A Moodle course backup: its structure, then each package inside.
  if (is_moodle_backup(options.input)) return validate_backup(options);
  ValidateReport report;
  Contents contents;
  if (fs::is_directory(options.input, ec)) {
    TRY_ASSIGN(contents, read_folder(options.input, options.target.has_value()));
    contents.package_bytes = contents.unpacked_bytes;
  } else {
    TRY_ASSIGN(contents, read_zip(options, report.findings));
  }
  if (!contents.manifest) {
    const auto nested = std::find_if(contents.files.begin(), contents.files.end(), [](const std::string& f) {
      return f.size() > 16 && f.ends_with("/imsmanifest.xml");
    });
    report.findings.push_back(package_error(
        nested == contents.files.end()
            ? "no imsmanifest.xml at the root of the package"
            : fmt::format("imsmanifest.xml is not at the root but in {} (zip the folder's contents, not the folder)",
                          *nested)));
    return report;
  }
  for (auto& f : scorm::check_manifest(*contents.manifest, contents.files)) {
    if (f.file.empty()) f.file = k_manifest;
    report.findings.push_back(std::move(f));
  }
  report.version = scorm::detect_version(*contents.manifest);
  report.package_bytes = contents.package_bytes;
  report.unpacked_bytes = contents.unpacked_bytes;
  if (options.target) {
    const scorm::PackageFacts facts{report.version, scorm::count_scos(*contents.manifest), contents.package_bytes,
                                    contents.unpacked_bytes, std::move(contents.texts)};
    report.target = scorm::check_target(facts, *options.target);
    report.findings.insert(report.findings.end(), report.target->findings.begin(), report.target->findings.end());
  }
  if (!options.schemas_dir.empty() && report.version)
    TRY(check_xsd(options.schemas_dir, *contents.manifest, *report.version, report.findings));
  return report;
}

}  // namespace packager::inspect
