#include "packager/mbz/backup_check.hpp"

#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "packager/mbz/sha1.hpp"
#include "packager/mbz/tar_gz.hpp"

namespace packager::mbz {
namespace fs = std::filesystem;
namespace {

constexpr const char* k_backup_file = "moodle_backup.xml";

bool safe_name(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string::npos) return false;
  size_t start = 0;
  while (start <= name.size()) {
    const size_t end = std::min(name.find('/', start), name.size());
    if (name.compare(start, end - start, "..") == 0) return false;
    start = end + 1;
  }
  return true;
}

struct Stored {
  std::uint64_t size = 0;
  std::string sha1;
};

struct FileRow {
  std::string id, sha1, contextid, filearea, filepath, filename;
  std::uint64_t size = 0;
};

struct Contents {
  std::map<std::string, std::string> xml;      // every .xml entry -> its text
  std::map<std::string, Stored> stored;        // files/<xx>/<sha1> entries
  std::set<std::string> names;                 // every regular entry
};

class Checker {
 public:
  explicit Checker(BackupSummary& summary) : m_summary(summary) {}

  void error(const std::string& file, std::string message) { m_summary.findings.push_back({true, file, std::move(message)}); }
  void warning(const std::string& file, std::string message) {
    m_summary.findings.push_back({false, file, std::move(message)});
  }

  // The parsed document, or null after reporting why not.
  const pugi::xml_document* doc(const Contents& c, const std::string& name, bool required = true) {
    if (auto it = m_docs.find(name); it != m_docs.end()) return it->second.get();
    auto x = c.xml.find(name);
    if (x == c.xml.end()) {
      if (required) error(name, "missing");
      return nullptr;
    }
    auto d = std::make_unique<pugi::xml_document>();
    // No DOCTYPE handling at all: entity expansion cannot happen.
    const auto r = d->load_buffer(x->second.data(), x->second.size(), pugi::parse_default & ~pugi::parse_doctype);
    if (!r) {
      error(name, fmt::format("not well-formed XML at byte {}: {}", r.offset, r.description()));
      m_docs[name] = nullptr;
      return nullptr;
    }
    return (m_docs[name] = std::move(d)).get();
  }

 private:
  BackupSummary& m_summary;
  std::map<std::string, std::unique_ptr<pugi::xml_document>> m_docs;
};

std::string text(const pugi::xml_node& node, const char* child) { return node.child(child).text().as_string(); }

// Pass 1: every XML file in memory, every stored file hashed, names checked.
Result<Contents> read_contents(const fs::path& path, Checker& check) {
  Contents c;
  auto read = read_tar(path, [&](const TarEntry& e, const TarData& data) -> Result<bool> {
    if (!e.regular) return true;
    if (!safe_name(e.name)) {
      check.error(e.name, "unsafe entry name (absolute, '..' or '\\'): extraction could write outside the folder");
      return true;
    }
    c.names.insert(e.name);
    if (e.name.ends_with(".xml")) {
      auto bytes = data.read(k_max_xml_bytes);
      if (!bytes) {
        check.error(e.name, bytes.error().message);
        return true;
      }
      c.xml[e.name] = std::move(*bytes);
    } else if (e.name.rfind("files/", 0) == 0) {
      Sha1 sha;
      auto hashed = data.stream([&](std::string_view block) -> Result<void> {
        sha.update(block);
        return {};
      });
      if (!hashed) return tl::unexpected(hashed.error());
      c.stored[e.name] = {e.size, sha.hex_digest()};
    }
    return true;
  });
  if (!read) return tl::unexpected(read.error());
  return c;
}

std::map<std::string, FileRow> check_files(const Contents& c, Checker& check) {
  std::map<std::string, FileRow> rows;
  const auto* files = check.doc(c, "files.xml");
  if (files == nullptr) return rows;
  for (auto f : files->child("files").children("file")) {
    FileRow r{f.attribute("id").as_string(), text(f, "contenthash"), text(f, "contextid"), text(f, "filearea"),
              text(f, "filepath"), text(f, "filename"), f.child("filesize").text().as_ullong()};
    if (r.filename != ".") {
      const std::string entry = r.sha1.size() > 2 ? fmt::format("files/{}/{}", r.sha1.substr(0, 2), r.sha1) : "";
      auto s = c.stored.find(entry);
      if (s == c.stored.end())
        check.error("files.xml", fmt::format("file {} ({}{}): its content {} is not in the backup", r.id, r.filepath,
                                             r.filename, entry.empty() ? "(no contenthash)" : entry));
      else if (s->second.sha1 != r.sha1)
        check.error(entry, fmt::format("SHA-1 is {}, not the name it is stored under", s->second.sha1));
      else if (s->second.size != r.size)
        check.error("files.xml", fmt::format("file {} ({}{}): filesize {} but {} holds {} bytes", r.id, r.filepath,
                                             r.filename, r.size, entry, s->second.size));
    }
    if (!rows.emplace(r.id, r).second) check.error("files.xml", fmt::format("file id {} is listed twice", r.id));
  }
  return rows;
}

// One SCORM activity: its XML, its package and content, its SCO rows.
void check_scorm(const Contents& c, Checker& check, const std::string& dir, const std::string& title,
                 const std::map<std::string, FileRow>& rows, BackupSummary& summary) {
  const auto* doc = check.doc(c, dir + "/scorm.xml");
  const auto* inforef = check.doc(c, dir + "/inforef.xml");
  if (doc == nullptr || inforef == nullptr) return;
  const auto activity = doc->child("activity");
  const auto scorm = activity.child("scorm");
  const std::string file = dir + "/scorm.xml";
  if (!scorm) return check.error(file, "no <activity><scorm> element");
  const std::string contextid = activity.attribute("contextid").as_string();
  const std::string version = text(scorm, "version");
  if (version != "SCORM_1.2" && version != "SCORM_1.3")
    check.error(file, fmt::format("version is '{}', expected SCORM_1.2 or SCORM_1.3", version));
  // The files inforef names are the ones restore attaches to the activity.
  std::set<std::string> content;
  const FileRow* package = nullptr;
  const std::string reference = text(scorm, "reference");
  for (auto f : inforef->child("inforef").child("fileref").children("file")) {
    const std::string id = f.child("id").text().as_string();
    auto r = rows.find(id);
    if (r == rows.end()) {
      check.error(dir + "/inforef.xml", fmt::format("file id {} is not in files.xml", id));
      continue;
    }
    if (r->second.contextid != contextid)
      check.error("files.xml", fmt::format("file {} belongs to context {}, not the activity's {}", id,
                                           r->second.contextid, contextid));
    if (r->second.filearea == "content" && r->second.filename != ".")
      content.insert((r->second.filepath + r->second.filename).substr(1));
    if (r->second.filearea == "package" && r->second.filepath == "/" && r->second.filename == reference)
      package = &r->second;
  }
  if (package == nullptr)
    check.error(file, fmt::format("the package '{}' (scorm.reference) is not among the activity's files", reference));
  if (content.count("imsmanifest.xml") == 0)
    check.error(file, "no imsmanifest.xml among the extracted content: Moodle would not launch anything");
  // The SCO rows: at least one launchable SCO, every launch page present,
  // and scorm.launch naming a row.
  std::set<std::string> sco_ids;
  int launchable = 0;
  for (auto sco : scorm.child("scoes").children("sco")) {
    sco_ids.insert(sco.attribute("id").as_string());
    const std::string launch = text(sco, "launch");
    if (launch.empty()) continue;
    if (text(sco, "scormtype") == "sco") ++launchable;
    std::string page = launch.substr(0, launch.find_first_of("?#"));
    if (content.count(page) == 0)
      check.error(file, fmt::format("SCO '{}' launches {}, which is not among the extracted content",
                                    text(sco, "identifier"), launch));
  }
  if (launchable == 0) check.error(file, "no launchable SCO (a <sco> with scormtype sco and a launch page)");
  const std::string launch = text(scorm, "launch");
  if (sco_ids.count(launch) == 0) check.error(file, fmt::format("launch {} names no <sco> of the activity", launch));
  // The copy is made in pass 2.
  if (package != nullptr) summary.packages.push_back({dir, title, reference, package->sha1, {}});
}

}  // namespace

Result<BackupSummary> check_backup(const fs::path& path, const fs::path& scratch) {
  BackupSummary summary;
  Checker check(summary);
  // The gzip CRC first: libarchive does not check it, and a damaged XML
  // file would otherwise go unnoticed (stored files have their SHA-1).
  {
    std::ifstream in(path, std::ios::binary);
    char magic[2] = {};
    in.read(magic, 2);
    if (in.gcount() != 2 || magic[0] != '\x1f' || magic[1] != '\x8b')
      return fail(ErrorCode::input,
                  fmt::format("{}: not a Moodle backup (an .mbz is a gzip-compressed tar)", path.string()));
  }
  const auto gz = check_gzip(path);
  if (!gz) check.error("", gz.error().message);
  auto read = read_contents(path, check);
  if (!read) {
    // A damaged gzip stream is a finding (verify reports it as such); a
    // file that is no tar.gz at all cannot be examined.
    if (gz) return tl::unexpected(read.error());
    std::string why = read.error().message;
    if (why.rfind(path.string() + ": ", 0) == 0) why.erase(0, path.string().size() + 2);
    check.error("", why);
    return summary;
  }
  Contents c = std::move(*read);
  for (const auto& [name, bytes] : c.xml) check.doc(c, name);  // every XML file parses
  const auto rows = check_files(c, check);
  const auto* backup = check.doc(c, k_backup_file);
  if (backup == nullptr) return summary;
  const auto info = backup->child("moodle_backup").child("information");
  if (!info) {
    check.error(k_backup_file, "no <moodle_backup><information> element");
    return summary;
  }
  summary.moodle_release = text(info, "moodle_release");
  const auto detail = info.child("details").child("detail");
  if (text(detail, "format") != "moodle2" || text(detail, "type") != "course")
    check.error(k_backup_file, fmt::format("a '{}' backup of type '{}', expected a moodle2 course backup",
                                           text(detail, "format"), text(detail, "type")));
  if (info.child("backup_version").text().as_llong() < 2010072300)
    check.error(k_backup_file, "backup_version is missing or older than Moodle 2.0: Moodle refuses it");
  const auto contents = info.child("contents");
  const std::string course_dir = text(contents.child("course"), "directory");
  if (course_dir.empty()) check.error(k_backup_file, "no <contents><course><directory>");
  else check.doc(c, course_dir + "/course.xml");

  std::map<std::string, std::set<std::string>> sequences;  // section id -> its activities' module ids
  for (auto s : contents.child("sections").children("section")) {
    ++summary.sections;
    const std::string dir = text(s, "directory");
    const auto* sec = check.doc(c, dir + "/section.xml");
    if (sec == nullptr) continue;
    std::set<std::string>& seq = sequences[text(s, "sectionid")];
    const std::string list = sec->child("section").child("sequence").text().as_string();
    for (size_t start = 0; start < list.size();) {
      const size_t comma = std::min(list.find(',', start), list.size());
      seq.insert(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  for (auto a : contents.child("activities").children("activity")) {
    ++summary.activities;
    const std::string dir = text(a, "directory");
    const std::string modname = text(a, "modulename");
    const auto* module = check.doc(c, dir + "/module.xml");
    if (module != nullptr && text(module->child("module"), "modulename") != modname)
      check.error(dir + "/module.xml", fmt::format("modulename is not '{}' as moodle_backup.xml says", modname));
    const std::string section = text(a, "sectionid");
    auto seq = sequences.find(section);
    if (seq == sequences.end())
      check.error(k_backup_file, fmt::format("activity {} is in section id {}, which is not listed", dir, section));
    else if (seq->second.count(text(a, "moduleid")) == 0)
      check.error(k_backup_file,
                  fmt::format("activity {} is not in the sequence of its section (id {})", dir, section));
    if (modname == "scorm") check_scorm(c, check, dir, text(a, "title"), rows, summary);
    else check.doc(c, fmt::format("{}/{}.xml", dir, modname));
  }
  if (summary.activities == 0) check.warning(k_backup_file, "the backup holds no activity");

  // Pass 2: copy each SCORM package out for the caller to validate.
  std::map<std::string, std::vector<size_t>> wanted;  // stored entry -> packages
  for (size_t i = 0; i < summary.packages.size(); ++i) {
    const std::string& sha1 = summary.packages[i].sha1;
    wanted[fmt::format("files/{}/{}", sha1.substr(0, 2), sha1)].push_back(i);
  }
  if (wanted.empty() || scratch.empty()) return summary;
  size_t copied = 0;
  auto copied_all = read_tar(path, [&](const TarEntry& e, const TarData& data) -> Result<bool> {
    auto it = wanted.find(e.name);
    if (it == wanted.end()) return true;
    const fs::path copy = scratch / fmt::format("package-{}.zip", copied++);
    std::ofstream out(copy, std::ios::binary | std::ios::trunc);
    if (!out) return fail(ErrorCode::output, fmt::format("{}: cannot write", copy.string()));
    auto written = data.stream([&](std::string_view block) -> Result<void> {
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
      if (!out) return fail(ErrorCode::output, fmt::format("{}: cannot write", copy.string()));
      return {};
    });
    if (!written) return tl::unexpected(written.error());
    for (size_t i : it->second) summary.packages[i].copy = copy;
    wanted.erase(it);
    return !wanted.empty();
  });
  if (!copied_all) return tl::unexpected(copied_all.error());
  return summary;
}

}  // namespace packager::mbz
