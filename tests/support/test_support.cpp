#include "tests/support/test_support.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace packager::testing {
namespace fs = std::filesystem;

fs::path source_dir() { return PACKAGER_SOURCE_DIR; }
fs::path shared_dir() { return PACKAGER_SHARED_DIR; }

ScratchDir::ScratchDir() {
  std::string pattern = (fs::temp_directory_path() / "packager-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  m_path = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

int run(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

namespace {
std::string ffmpeg() { return "ffmpeg -hide_banner -loglevel error -nostdin -y "; }

std::string lavfi_av(double seconds, bool video, bool audio, int width = 320, int height = 180) {
  std::ostringstream s;
  if (video)
    s << "-f lavfi -i testsrc2=size=" << width << "x" << height << ":rate=25:duration=" << seconds << " ";
  if (audio) s << "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=" << seconds << " ";
  return s.str();
}

const char* k_fragmented = "-movflags +frag_keyframe+empty_moov+default_base_moof ";
// B-frames as PeerTube's encodes have: the first DTS is negative.
const char* k_h264 = "-c:v libx264 -profile:v main -pix_fmt yuv420p -preset ultrafast -bf 2 -g 25 ";

// PeerTube's HLS files: ffmpeg's HLS muxer writing fragmented MP4 into one
// file (a 'sidx' before each 'moof', one fragment a second), the playlist
// beside it. Returns the media file, renamed to `name`.
fs::path make_hls_single_file(const fs::path& dir, const std::string& name, double seconds, bool video, bool audio) {
  const fs::path work = dir / (name + ".hls");
  fs::create_directories(work);
  const std::string cmd = ffmpeg() + lavfi_av(seconds, video, audio) + (video ? k_h264 : "") +
                          (audio ? "-c:a aac -b:a 64k " : "") +
                          "-f hls -hls_segment_type fmp4 -hls_flags single_file -hls_time 1 "
                          "-hls_playlist_type vod " +
                          (work / "master.m3u8").string();
  if (run(cmd) != 0) ADD_FAILURE() << "fixture command failed: " << cmd;
  const fs::path out = dir / name;
  std::error_code ec;
  fs::rename(work / "master.m4s", out, ec);
  if (ec) ADD_FAILURE() << "the HLS muxer wrote no master.m4s in " << work;
  return out;
}

// Offset of the first occurrence of a box type (its 4 letters) in `bytes`.
size_t find_box(const std::string& bytes, const char* type) { return bytes.find(type) - 4; }
const char* k_aac = "-c:a aac -b:a 64k ";
}  // namespace

fs::path make_fixture(Fixture fixture, const fs::path& dir, double seconds) {
  fs::create_directories(dir);
  std::string cmd;
  fs::path out;
  switch (fixture) {
    case Fixture::fragmented_h264_aac:
      out = dir / "fragmented.mp4";
      cmd = ffmpeg() + lavfi_av(seconds, true, true) + k_h264 + k_aac + k_fragmented + out.string();
      break;
    case Fixture::progressive_h264_aac:
      out = dir / "progressive.mp4";
      cmd = ffmpeg() + lavfi_av(seconds, true, true) + k_h264 + k_aac + out.string();
      break;
    case Fixture::video_only:
      out = dir / "video-only.mp4";
      cmd = ffmpeg() + lavfi_av(seconds, true, false) + k_h264 + k_fragmented + out.string();
      break;
    case Fixture::audio_only:
      out = dir / "audio-only.mp4";
      cmd = ffmpeg() + lavfi_av(seconds, false, true) + k_aac + out.string();
      break;
    case Fixture::hevc:
      out = dir / "hevc.mp4";
      cmd = ffmpeg() + lavfi_av(seconds, true, true) +
            "-c:v libx265 -preset ultrafast -x265-params log-level=error -tag:v hvc1 " + k_aac +
            out.string();
      break;
    case Fixture::vp9:
      out = dir / "vp9.mp4";
      cmd = ffmpeg() + lavfi_av(seconds, true, true) + "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 " +
            k_aac + out.string();
      break;
    case Fixture::edit_list:
      // The video starts 0.5 s after the audio, which MP4 expresses with an
      // edit list.
      out = dir / "edit-list.mp4";
      cmd = ffmpeg() + "-itsoffset 0.5 " + lavfi_av(seconds, true, false) + lavfi_av(seconds, false, true) +
            k_h264 + k_aac + out.string();
      break;
    case Fixture::truncated: {
      const fs::path full = make_fixture(Fixture::fragmented_h264_aac, dir / "full", seconds);
      out = dir / "truncated.mp4";
      const auto size = fs::file_size(full);
      fs::copy_file(full, out, fs::copy_options::overwrite_existing);
      fs::resize_file(out, size / 2);
      return out;
    }
    case Fixture::truncated_matroska: {
      const fs::path full = dir / "full.mkv";
      if (run(ffmpeg() + lavfi_av(seconds, true, true) + k_h264 + k_aac + full.string()) != 0)
        ADD_FAILURE() << "fixture command failed";
      out = dir / "truncated.mkv";
      const std::string bytes = read_file(full);
      write_file(out, bytes.substr(0, bytes.size() / 2));
      return out;
    }
    case Fixture::truncated_at_fragment: {
      // libavformat reads such a file as a whole, shorter one. Two
      // fragments need two seconds (a keyframe a second).
      const fs::path full = make_fixture(Fixture::fragmented_h264_aac, dir / "full", seconds < 2 ? 2.0 : seconds);
      out = dir / "truncated-at-fragment.mp4";
      const std::string bytes = read_file(full);
      const size_t second_moof = bytes.find("moof", find_box(bytes, "moof") + 8) - 4;
      write_file(out, bytes.substr(0, second_moof + 3));
      return out;
    }
    case Fixture::html:
      out = dir / "login.mp4";
      write_file(out, "<!DOCTYPE html>\n<html><head><title>Login</title></head><body>Please log in</body></html>\n");
      return out;
    case Fixture::empty:
      out = dir / "empty.mp4";
      write_file(out, "");
      return out;
    case Fixture::mpeg2:
      out = dir / "mpeg2.mp4";
      cmd = ffmpeg() + lavfi_av(seconds, true, true) + "-c:v mpeg2video " + k_aac + out.string();
      break;
    case Fixture::bad_keyframe: {
      // Without faststart, 'mdat' follows 'ftyp'/'free' and starts with the
      // first video sample: x264's SEI (~600 bytes), then the IDR slice.
      const fs::path full = make_fixture(Fixture::video_only, dir / "full", seconds);
      const fs::path plain = dir / "plain.mp4";
      if (run(ffmpeg() + "-i " + full.string() + " -c copy " + plain.string()) != 0) ADD_FAILURE() << "remux failed";
      out = dir / "bad-keyframe.mp4";
      std::string bytes = read_file(plain);
      const size_t mdat = find_box(bytes, "mdat");
      for (size_t i = mdat + 8 + 800; i < mdat + 8 + 1800 && i < bytes.size(); ++i) bytes[i] = '\xFF';
      write_file(out, bytes);
      return out;
    }
    case Fixture::zero_duration: {
      // The header of a fragmented file and nothing else: what a download
      // that stopped before its first fragment leaves.
      const fs::path full = make_fixture(Fixture::fragmented_h264_aac, dir / "full", seconds);
      out = dir / "zero-duration.mp4";
      const std::string bytes = read_file(full);
      write_file(out, bytes.substr(0, find_box(bytes, "moof")));
      return out;
    }
    case Fixture::duration_mismatch: {
      // mvhd (version 0): size, 'mvhd', version+flags, creation, modification,
      // timescale, duration; the duration is rewritten to 60 s.
      const fs::path full = make_fixture(Fixture::progressive_h264_aac, dir / "full", seconds);
      out = dir / "duration-mismatch.mp4";
      std::string bytes = read_file(full);
      const size_t mvhd = find_box(bytes, "mvhd");
      auto byte = [&](size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[at])); };
      const unsigned timescale = (byte(mvhd + 20) << 24) | (byte(mvhd + 21) << 16) | (byte(mvhd + 22) << 8) | byte(mvhd + 23);
      const unsigned duration = timescale * 60;
      for (int i = 0; i < 4; ++i) bytes[mvhd + 24 + i] = static_cast<char>((duration >> (24 - 8 * i)) & 0xFF);
      write_file(out, bytes);
      return out;
    }
    case Fixture::audio_only_fragmented:
      out = dir / "audio-only-fragmented.mp4";
      cmd = ffmpeg() + lavfi_av(seconds, false, true) + k_aac + k_fragmented + out.string();
      break;
    case Fixture::rotated: {
      // ffmpeg 5.1 turns the 'rotate' tag into a display matrix on stream
      // copy only, hence two steps.
      const fs::path plain = make_fixture(Fixture::progressive_h264_aac, dir / "unrotated", seconds);
      out = dir / "rotated.mp4";
      cmd = ffmpeg() + "-i " + plain.string() + " -c copy -metadata:s:v:0 rotate=90 " + out.string();
      break;
    }
    case Fixture::hls_single_file:
      return make_hls_single_file(dir, "hls-single-file.mp4", seconds, true, true);
    case Fixture::hls_video_only:
      return make_hls_single_file(dir, "hls-video-only.mp4", seconds, true, false);
    case Fixture::hls_audio_only:
      return make_hls_single_file(dir, "hls-audio-only.mp4", seconds, false, true);
  }
  if (run(cmd) != 0) ADD_FAILURE() << "fixture command failed: " << cmd;
  return out;
}

}  // namespace packager::testing
