#pragma once
// The lesson and course model: plain structs filled by the parsers in this
// folder and read by the pipeline, which translates them for later stages.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "packager/core/target.hpp"

namespace packager::lesson {

enum class FileType { video, pdf };

// A position in a source file, 1-based; 0 when unknown.
struct SourcePos {
  int line = 0;
  int column = 0;
};

// A string field together with where it was written, so later checks
// (a URL that does not resolve, a caption path outside the root) can point
// at the exact place.
struct Field {
  std::string value;
  SourcePos pos;
  bool present() const { return !value.empty(); }
};

struct Contributor {
  std::string role;   // "Scénario"
  std::string names;  // "Nicolas Sedel, Corentine Gasquet"
};

struct Licence {
  std::string name;  // "CC BY-NC-ND 4.0"
  std::string url;   // "https://creativecommons.org/licenses/by-nc-nd/4.0/deed.fr"
};

struct Lesson {
  std::filesystem::path source;  // the lesson file as given
  std::string slug;              // file stem, the basis of stable identifiers
  std::string title;
  std::string description;
  std::string area;  // "Domaine 1"; empty when the generation has none
  SourcePos area_pos;  // where `area` was written
  std::optional<int> priority;
  FileType file_type = FileType::video;
  Field video_url;  // a direct download link (videoDownloadHref or a .mp4 embed)
  Field embed_url;  // a PeerTube embed page (alone, or beside a direct link: its API has the files)
  Field caption_path;  // as written: relative to the collection's public/ root, or a URL
  Field pdf_path;
  // The same two, resolved by the lesson stage against Course::public_root
  // and confined to it; empty when absent (or when caption_path is a URL).
  std::filesystem::path caption_file;
  std::filesystem::path pdf_file;

  std::string intro_markdown;       // body text before the first known section
  std::string transcript_markdown;  // ## Script / ## Transcription / ## Transcript
  std::string credits_markdown;     // ## Crédits
  std::string extra_markdown;       // any other sections, kept in order
  std::optional<Licence> licence;
  std::vector<Contributor> contributors;
};

enum class ScormVersion { scorm12, scorm2004_4th };

enum class PackagingMode { single, per_lesson };

struct Course {
  std::filesystem::path source;  // the course manifest, or the lone lesson
  std::string identifier;        // stable, ASCII: "pix-edu"
  std::string title;
  std::string summary;  // what the course is about, plain text (the Moodle course summary)
  std::string version = "1.0.0";
  std::string language = "fr";
  ScormVersion scorm = ScormVersion::scorm12;
  PackagingMode packaging = PackagingMode::single;
  // Where the course will be played (`target:`): the build warns about
  // settings that would not work there.
  Target target = Target::generic;
  std::string licence;
  // Who made the course and who publishes it, and one line about it (the
  // ZIM's Creator, Publisher and Description); empty when not given.
  std::string description;
  std::string creator;
  std::string publisher;
  std::filesystem::path media_dir;  // local copies of media, by URL file name
  // The collection's public/ folder, against which captionFilePath and
  // pdfFilePath resolve ("/captions/x.vtt" -> <public_root>/captions/x.vtt).
  std::filesystem::path public_root;
  // Share of the video a learner must actually watch for completion.
  double completion_threshold = 0.9;
  // Lessons are grouped into one organization item per `area` (long titles
  // from areas.hpp); false gives a flat list.
  bool group_by_area = true;
  // Explicit order from the manifest: lesson slugs that come first, in this
  // order; the others follow by area, priority, then file order.
  std::vector<std::string> order;
  std::vector<std::filesystem::path> lesson_files;
  std::vector<Lesson> lessons;  // in course order (see order.hpp)
};

}  // namespace packager::lesson
