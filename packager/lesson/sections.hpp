#pragma once
// Splitting a lesson body into its known sections with cmark.

#include <string>

namespace packager::lesson {

enum class SectionKind { transcript, credits, other };

// Which section a heading's text names: Script / Transcription / Transcript,
// Crédits / Crédit (case and accents ignored), or something else.
SectionKind classify_heading(const std::string& heading_text);

struct Sections {
  std::string intro;       // before the first level-1/2 heading
  std::string transcript;  // the transcript section's Markdown, heading removed
  std::string credits;     // the credits section's Markdown, heading removed
  std::string extra;       // other sections, headings kept
};

// Splits Markdown at level-1 and level-2 headings. Headings are found by
// cmark, so a '## ' inside a code block is not taken for a section.
Sections split_sections(const std::string& markdown);

}  // namespace packager::lesson
