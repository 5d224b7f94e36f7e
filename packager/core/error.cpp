#include "packager/core/error.hpp"

namespace packager {

int exit_code_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage: return 2;
    case ErrorCode::input: return 3;
    case ErrorCode::network: return 4;
    case ErrorCode::media: return 5;
    case ErrorCode::output: return 6;
    case ErrorCode::internal: return 70;
    case ErrorCode::interrupted: return 130;
  }
  return 70;
}

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage: return "usage";
    case ErrorCode::input: return "input";
    case ErrorCode::network: return "network";
    case ErrorCode::media: return "media";
    case ErrorCode::output: return "output";
    case ErrorCode::internal: return "internal";
    case ErrorCode::interrupted: return "interrupted";
  }
  return "internal";
}

}  // namespace packager
