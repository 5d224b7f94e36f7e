#pragma once
// Writes a Moodle course backup (.mbz) one activity at a time, so a course
// of any size needs the memory and temporary disk of one lesson only: each
// activity's XML and files go into the archive as soon as it is added; the
// course, its sections, files.xml and moodle_backup.xml at commit.
//
// Reproducible: backup identifiers are numbered in the order activities
// are added, every date is CourseInfo::time, the archive is a reproducible
// tar.gz (tar_gz.hpp). Files with the same bytes (the shared CSS and
// runtime of every lesson) are stored once, as Moodle does.

#include <filesystem>
#include <memory>

#include "packager/core/error.hpp"
#include "packager/mbz/backup.hpp"

namespace packager::mbz {

class BackupWriter {
 public:
  // Prepares `destination` (written under a temporary name). Messages name
  // `display_name` when given (see TarGzWriter). ErrorCode::output.
  static Result<BackupWriter> create(const std::filesystem::path& destination, CourseInfo course,
                                     const std::string& display_name = {});

  BackupWriter(BackupWriter&&) noexcept;
  BackupWriter& operator=(BackupWriter&&) noexcept;
  ~BackupWriter();

  // Adds the next activity (course order). Its package file and content
  // files are read now; they may be deleted once this returns.
  // ErrorCode::usage for a section number outside the course's sections,
  // ErrorCode::output when a file cannot be read or written.
  Result<void> add_activity(const Activity& activity);

  // Writes the course-level files, closes the archive and renames it into
  // place. ErrorCode::output; nothing is left behind on failure.
  Result<void> commit();

 private:
  struct Impl;
  explicit BackupWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// Moodle's MIME type for a file name, as its file pool records it
// (informational in files.xml: restore detects it again).
std::string moodle_mimetype(const std::string& filename);

}  // namespace packager::mbz
