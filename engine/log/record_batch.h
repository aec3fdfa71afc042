// Kafka's RecordBatch v2 (magic 2): the unit stored in segments and served to clients.
//
//   base_offset i64 | batch_length i32 | partition_leader_epoch i32 | magic i8 | crc u32 |
//   attributes i16 | last_offset_delta i32 | base_timestamp i64 | max_timestamp i64 |
//   producer_id i64 | producer_epoch i16 | base_sequence i32 | record_count i32 | records...
//
// All fixed fields are big-endian. The CRC-32C covers attributes to the end, so the log can
// rewrite base_offset (and the leader epoch) without touching the checksum.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/byte_buffer.h"
#include "core/status.h"
#include "log/record.h"

namespace tributary::log {

namespace batch_layout {
inline constexpr std::size_t base_offset = 0;
inline constexpr std::size_t batch_length = 8;
inline constexpr std::size_t partition_leader_epoch = 12;
inline constexpr std::size_t magic = 16;
inline constexpr std::size_t crc = 17;
inline constexpr std::size_t attributes = 21;
inline constexpr std::size_t last_offset_delta = 23;
inline constexpr std::size_t base_timestamp = 27;
inline constexpr std::size_t max_timestamp = 35;
inline constexpr std::size_t producer_id = 43;
inline constexpr std::size_t producer_epoch = 51;
inline constexpr std::size_t base_sequence = 53;
inline constexpr std::size_t record_count = 57;
inline constexpr std::size_t header_size = 61;
// base_offset and batch_length precede what batch_length counts.
inline constexpr std::size_t log_overhead = 12;
}  // namespace batch_layout

inline constexpr std::int8_t kMagicV2 = 2;
// Larger batches are refused as corrupt: a torn length field must not make us read gigabytes.
inline constexpr std::int32_t kMaxBatchBytes = 64 * 1024 * 1024;

enum class Compression : std::uint8_t { none = 0, gzip = 1, snappy = 2, lz4 = 3, zstd = 4 };
const char* compression_name(Compression c);

struct BatchHeader {
  std::int64_t base_offset = 0;
  std::int32_t batch_length = 0;
  std::int32_t partition_leader_epoch = 0;
  std::int8_t magic = kMagicV2;
  std::uint32_t crc = 0;
  std::int16_t attributes = 0;
  std::int32_t last_offset_delta = 0;
  std::int64_t base_timestamp = 0;
  std::int64_t max_timestamp = 0;
  std::int64_t producer_id = -1;
  std::int16_t producer_epoch = -1;
  std::int32_t base_sequence = -1;
  std::int32_t record_count = 0;

  Compression compression() const { return static_cast<Compression>(attributes & 0x7); }
  bool is_transactional() const { return (attributes & 0x10) != 0; }
  bool is_control() const { return (attributes & 0x20) != 0; }
  std::int64_t last_offset() const { return base_offset + last_offset_delta; }
  std::int64_t next_offset() const { return last_offset() + 1; }
  std::size_t total_size() const { return batch_layout::log_overhead + static_cast<std::size_t>(batch_length); }
};

// Reads the fixed header; checks only what is needed to trust batch_length (magic, bounds).
Result<BatchHeader> parse_batch_header(std::span<const char> bytes);
// Size in bytes of the batch that starts at `bytes`, from its first 12 bytes; 0 when fewer.
std::size_t peek_batch_size(std::span<const char> bytes);
// Full check of one complete batch: header, exact size and CRC-32C.
Status verify_batch(std::span<const char> batch);
// The CRC the batch should carry (over attributes..end).
std::uint32_t compute_batch_crc(std::span<const char> batch);
// Rewrites the base offset in place (outside the CRC).
void set_base_offset(char* batch, std::int64_t base_offset);

// Encodes records into one uncompressed batch. Reuse one builder to avoid allocations.
class RecordBatchBuilder {
 public:
  RecordBatchBuilder();

  void set_producer(std::int64_t producer_id, std::int16_t producer_epoch, std::int32_t base_sequence);
  void add(const Record& record);
  std::int32_t record_count() const { return count_; }
  // Bytes the batch will have once finished.
  std::size_t size_bytes() const { return buffer_.size(); }
  // Writes the header and CRC. The bytes stay valid until the next add() or reset().
  std::span<char> finish(std::int64_t base_offset = 0);
  // Hands the finished batch over, leaving the builder empty.
  ByteBuffer take();
  void reset();

 private:
  ByteBuffer buffer_;
  std::int32_t count_ = 0;
  std::int64_t base_timestamp_ = 0;
  std::int64_t max_timestamp_ = -1;
  std::int64_t producer_id_ = -1;
  std::int16_t producer_epoch_ = -1;
  std::int32_t base_sequence_ = -1;
};

// Decodes the records of one batch, decompressing it first when needed.
class RecordBatchReader {
 public:
  // `batch` must hold exactly one complete batch and outlive the reader.
  static Result<RecordBatchReader> open(std::span<const char> batch, bool verify_crc = true);

  const BatchHeader& header() const { return header_; }
  // Fills `out` with the next record; false at the end or on a malformed record (see status()).
  bool next(RecordView& out);
  const Status& status() const { return status_; }

 private:
  RecordBatchReader() = default;
  BatchHeader header_;
  ByteBuffer decompressed_;
  const char* p_ = nullptr;
  const char* end_ = nullptr;
  std::int32_t remaining_ = 0;
  Status status_;
};

// Decodes the headers of a record.
Status read_headers(const RecordView& record, std::vector<RecordHeader>& out);

// Calls `fn(header, bytes)` for each complete batch in a buffer of concatenated batches and
// returns the bytes consumed; stops before a trailing partial batch, or before the batch for
// which `fn` returns false.
std::size_t for_each_batch(std::span<const char> bytes,
                           const std::function<bool(const BatchHeader&, std::span<const char>)>& fn);

}  // namespace tributary::log
