#include "core/status.h"

namespace tributary {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::invalid_argument: return "invalid argument";
    case ErrorCode::not_found: return "not found";
    case ErrorCode::already_exists: return "already exists";
    case ErrorCode::out_of_range: return "out of range";
    case ErrorCode::corrupt: return "corrupt data";
    case ErrorCode::io_error: return "I/O error";
    case ErrorCode::busy: return "busy";
  }
  return "unknown";
}

}  // namespace tributary
