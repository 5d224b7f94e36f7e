#pragma once
// What goes into a ZIM file, as plain structs: the entries (pages, media,
// assets), the metadata a Kiwix library shows, and the main page. The
// pipeline fills a ZimBook from a lesson's package files; write_zim
// (writer.hpp) turns it into a file.

#include <filesystem>
#include <string>
#include <vector>

namespace packager::zim {

// One entry of the ZIM's content. Exactly one of `file` (bytes on disk: a
// video, a poster) and `bytes` (rendered in memory: a page) is used.
struct ZimEntry {
  std::string path;       // "lessons/<slug>/index.html", no leading '/'
  std::string title;      // shown in search results; empty: the path
  std::string mime_type;  // "text/html; charset=utf-8"...
  std::filesystem::path file;
  std::string bytes;
  // What determines the bytes of `file` (e.g. the remux cache key), so the
  // book's content hash need not read a large video; empty: the file is
  // hashed.
  std::string content_id;
  bool compress = false;       // text: yes; video, pictures, PDF: no
  bool front_article = false;  // a page a reader lands on (suggestions, random)
  bool indexed = false;        // in the full-text index (lesson pages only)
  // What the full-text index holds for an indexed entry: plain text and
  // keywords. Empty text: libzim reads the words out of the HTML itself
  // (navigation links included).
  std::string index_text;
  std::string index_keywords;
  bool on_disk() const { return !file.empty(); }
};

// The metadata every Kiwix reader and library expects (see openZIM's
// "Metadata" page). Language is ISO 639-3 ("fra", "eng").
struct ZimMetadata {
  std::string name;         // stable across versions: "pix-edu_fr"
  std::string title;
  std::string creator;
  std::string publisher;
  std::string date;         // YYYY-MM-DD
  std::string description;  // one line, at most 80 characters
  std::string long_description;
  std::string language;     // ISO 639-3
  std::string tags;         // ';'-separated
  std::string flavour;
  std::string license;
  std::string illustration_png;  // 48x48 PNG bytes
};

struct ZimBook {
  ZimMetadata metadata;
  std::string main_path;  // the course index
  std::vector<ZimEntry> entries;  // written in this order
};

}  // namespace packager::zim
