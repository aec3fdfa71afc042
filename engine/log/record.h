// A record as a producer hands it to the log, and as a reader sees it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tributary::log {

// Kafka distinguishes a null key/value (absent) from an empty one.
using Bytes = std::optional<std::string_view>;

struct RecordHeader {
  std::string_view key;
  Bytes value;
};

struct Record {
  Bytes key;
  Bytes value;
  std::int64_t timestamp = 0;  // ms since the Unix epoch
  std::span<const RecordHeader> headers;
};

// One record decoded from a stored batch. Views point into the batch (or its decompressed
// copy) and stay valid while that buffer lives.
struct RecordView {
  std::int64_t offset = 0;
  std::int64_t timestamp = 0;
  Bytes key;
  Bytes value;
  std::int32_t header_count = 0;
  std::string_view header_bytes;  // the encoded headers; decode with read_headers()
};

}  // namespace tributary::log
