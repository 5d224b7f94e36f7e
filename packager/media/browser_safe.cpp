// Which codecs every browser plays, without libav* (validate.hpp): the
// pipeline decides with these whether to transcode before loading the media
// module.
#include "packager/media/validate.hpp"

namespace packager::media {

bool browser_safe_video(const std::string& codec) { return codec == "h264"; }
bool browser_safe_audio(const std::string& codec) { return codec == "aac" || codec == "mp3"; }

}  // namespace packager::media
