#pragma once
// Checks that a video is whole and playable, while the remuxer or the
// transcoder reads it: no extra pass over the file. Messages say what is
// wrong with the file; the pipeline prefixes the lesson and the URL.

#include <cstdint>
#include <vector>

#include "packager/core/error.hpp"
#include "packager/media/av_handles.hpp"
#include "packager/media/probe.hpp"

namespace packager::media {

// Whether a codec plays in MP4 in every current browser.
bool browser_safe_video(const std::string& codec_name);
bool browser_safe_audio(const std::string& codec_name);

// Refuses files a browser cannot play as they are: no video stream, or a
// video / audio codec outside H.264 / AAC-MP3. With `will_transcode` only
// the video stream is required. ErrorCode::media.
Result<void> check_codecs(const MediaInfo& info, bool will_transcode);

// Watches every packet of one input. Fails with ErrorCode::media:
//   - a packet cut short by the end of the file (truncated download, an
//     incomplete last fragment);
//   - a first video keyframe that does not decode;
//   - fewer packets than the container's index lists;
//   - no packets or zero duration;
//   - a container duration that disagrees with what the streams hold.
class PacketValidator {
 public:
  // `ctx` must outlive the validator. ErrorCode::media if the video
  // stream has no decoder.
  static Result<PacketValidator> create(const AVFormatContext& ctx);

  // Checks one packet just read (before any timestamp rescaling).
  Result<void> add(const AVPacket& packet);
  // Checks the totals after the last packet. Returns the packets counted.
  Result<std::int64_t> finish() const;

 private:
  struct Tally {
    std::int64_t packets = 0;
    std::int64_t indexed = 0;  // samples listed by the container's index
    std::int64_t first = AV_NOPTS_VALUE;
    std::int64_t end = AV_NOPTS_VALUE;
  };
  explicit PacketValidator(const AVFormatContext& ctx) : m_ctx(&ctx) {}
  Result<void> decode_keyframe(const AVPacket& packet);

  const AVFormatContext* m_ctx;
  int m_video = -1;
  bool m_keyframe_checked = false;
  CodecContext m_decoder;
  std::vector<Tally> m_tallies;
};

}  // namespace packager::media
