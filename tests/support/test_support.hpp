#pragma once
// Helpers shared by the unit tests: folders, files and media fixtures made
// at test time with ffmpeg (lavfi), so no binary fixture is committed.

#include <filesystem>
#include <string>

namespace packager::testing {

std::filesystem::path source_dir();  // the repository root
std::filesystem::path shared_dir();  // ../shared

// A fresh empty folder, removed when the object dies.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

// Runs a shell command; returns its exit status. Output goes to the test log.
int run(const std::string& command);

// Media fixtures. Each returns the path it wrote (inside `dir`), or fails
// the current test. The ffmpeg command lines are in test_support.cpp.
enum class Fixture {
  fragmented_h264_aac,  // PeerTube-style fragmented MP4
  progressive_h264_aac, // a plain MP4 (moov at the end)
  video_only,           // fragmented, no audio
  audio_only,           // AAC in MP4, no video
  hevc,                 // H.265 in MP4
  vp9,                  // VP9 in MP4
  edit_list,            // an MP4 whose video starts late (edit list)
  truncated,            // fragmented MP4 cut at 50%
  truncated_matroska,   // H.264+AAC in Matroska cut at 50% (its header states the full duration)
  truncated_at_fragment,  // fragmented MP4 cut 3 bytes into its second 'moof' (between fragments)
  html,                 // an HTML page named .mp4
  empty,                // zero bytes
  mpeg2,                // MPEG-2 video in MP4
  bad_keyframe,         // progressive MP4 whose first keyframe's slice data is overwritten with 0xFF
  zero_duration,        // a fragmented MP4 cut right after its header: streams, no packets
  duration_mismatch,    // a progressive MP4 whose 'mvhd' claims 60 s for 2 s of streams
  audio_only_fragmented,  // PeerTube's audio-only file (resolution 0): fragmented AAC, no video
  rotated,              // progressive H.264+AAC, 320x180 coded, display matrix turning it 90 degrees
  hls_single_file,      // PeerTube's HLS file: one fragmented MP4 with 'sidx' boxes (H.264+AAC)
  hls_video_only,       // the same shape, video only (a split PeerTube video)
  hls_audio_only,       // the same shape, audio only
};
std::filesystem::path make_fixture(Fixture fixture, const std::filesystem::path& dir,
                                   double seconds = 2.0);

}  // namespace packager::testing
