#include "packager/media/av_handles.hpp"

namespace packager::media {

void OutputContextDeleter::operator()(AVFormatContext* ctx) const {
  if (ctx == nullptr) return;
  if (ctx->pb != nullptr && (ctx->oformat->flags & AVFMT_NOFILE) == 0) avio_closep(&ctx->pb);
  avformat_free_context(ctx);
}

std::string av_error_text(int error) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(error, text, sizeof text);
  return text;
}

}  // namespace packager::media
