#pragma once
// Committing a bundle whole: many files staged in a folder inside the
// destination, moved into the destination as one unit.
//
// No file system renames several files atomically, so the commit is
// journaled: the list of moves and removals is written first (atomically,
// as <dest>/.packager-commit.json), then carried out, then the journal is
// deleted. SIGINT and SIGTERM are held back for the few renames this takes,
// so an interruption lands before the journal (nothing of the new bundle in
// place) or after the commit (all of it). A process killed outright in
// between leaves the journal, and finish_interrupted_commit() (run by the
// next build and by `verify`) completes it from the staged files, which
// were all complete before the journal was written. Either way the folder
// ends with the whole earlier bundle or the whole new one.

#include <filesystem>
#include <string>
#include <vector>

#include "packager/core/error.hpp"

namespace packager::util {

inline constexpr const char* k_commit_journal = ".packager-commit.json";

struct CommitPlan {
  // Paths relative to both folders, '/'-separated: each moves from the
  // staging folder to the same place in the destination, in this order.
  std::vector<std::string> moves;
  // Paths in the destination removed (files of the earlier bundle the new
  // one no longer has); emptied folders go with them.
  std::vector<std::string> removes;
};

// Carries out `plan`. `staging` must be inside `dest`. ErrorCode::output
// naming the path when a rename fails; the journal then stays so that a
// later finish_interrupted_commit() completes the commit.
Result<void> commit_staged(const std::filesystem::path& dest, const std::filesystem::path& staging,
                           const CommitPlan& plan);

// Completes the commit a killed process left in `dest`, if any, and removes
// its staging folder. Returns whether there was one. ErrorCode::output when
// the journal cannot be carried out (it then stays).
Result<bool> finish_interrupted_commit(const std::filesystem::path& dest);

}  // namespace packager::util
