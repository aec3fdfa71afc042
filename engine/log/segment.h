// One segment of a partition: `<20-digit base offset>.log` holding whole RecordBatches, with
// its sparse `.index` and `.timeindex`. One writer appends; any number of readers read the
// bytes published so far (`size()`), so a reader never sees part of a batch.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/byte_buffer.h"
#include "core/status.h"
#include "log/file.h"
#include "log/offset_index.h"
#include "log/record_batch.h"
#include "log/time_index.h"

namespace tributary::log {

// What a full scan of a segment found: where the valid batches end and why it stopped.
struct ScanReport {
  std::uint64_t scanned_bytes = 0;   // bytes read and checked (length, magic, CRC, offsets)
  std::uint64_t valid_bytes = 0;     // the segment's size after the scan
  std::uint64_t invalid_bytes = 0;   // bytes after the last valid batch (cut when repairing)
  std::int64_t next_offset = 0;      // offset after the last valid batch
  std::string stop_reason;           // empty when the scan reached the end cleanly
};

class Segment {
 public:
  static std::string file_stem(std::int64_t base_offset);
  static std::filesystem::path log_path(const std::filesystem::path& dir, std::int64_t base_offset);
  static std::filesystem::path index_path(const std::filesystem::path& dir, std::int64_t base_offset);
  static std::filesystem::path time_index_path(const std::filesystem::path& dir, std::int64_t base_offset);

  // A new, empty segment.
  static Result<std::shared_ptr<Segment>> create(const std::filesystem::path& dir, std::int64_t base_offset,
                                                 std::uint32_t index_interval);
  // Opens a segment written before a clean shutdown: its index files are loaded, not rebuilt,
  // and only the batch headers after the last index entry are walked. Fails (so the caller
  // falls back to a scan) when an index file is missing or does not match the log.
  static Result<std::shared_ptr<Segment>> open_trusted(const std::filesystem::path& dir, std::int64_t base_offset,
                                                       std::uint32_t index_interval, bool writable);
  // Opens a segment by checking every batch (length, magic, CRC, offset continuity) and
  // rebuilding both indexes. With `repair`, cuts the file at the first bad batch.
  static Result<std::shared_ptr<Segment>> open_scanned(const std::filesystem::path& dir, std::int64_t base_offset,
                                                       std::uint32_t index_interval, bool repair, bool writable,
                                                       ScanReport& report);

  std::int64_t base_offset() const { return base_offset_; }
  std::int64_t next_offset() const { return next_offset_.load(std::memory_order_acquire); }
  std::uint64_t size() const { return size_.load(std::memory_order_acquire); }
  std::int64_t max_timestamp() const { return max_timestamp_.load(std::memory_order_acquire); }
  std::int64_t created_ms() const { return created_ms_; }
  std::int64_t last_modified_ms() const { return last_modified_ms_.load(std::memory_order_relaxed); }
  bool empty() const { return size() == 0; }

  // Writer side. `batch` already carries its final base offset, equal to next_offset().
  Status append(std::span<const char> batch, const BatchHeader& header, std::int64_t now_ms);
  Status sync();
  // Adds index entries for the last batch so that a clean reopen walks no data, then writes
  // both index files.
  Status save_indexes(bool durable);
  // Observer side: checks and publishes batches another process appended since.
  Status extend_scan(ScanReport& report);

  // Reader side.
  // Position of the batch that holds `offset`, or size() when the segment ends before it.
  Result<std::uint64_t> position_of(std::int64_t offset) const;
  // Appends whole batches starting at `position` to `out`: as many as fit in `max_bytes`, but
  // always the first one, so a reader makes progress whatever its limit.
  Status read(std::uint64_t position, std::size_t max_bytes, ByteBuffer& out) const;
  // First offset whose record timestamp is >= `timestamp`, if the segment has one.
  Result<std::optional<std::int64_t>> offset_for_timestamp(std::int64_t timestamp) const;

  Status remove_files();
  const std::filesystem::path& dir() const { return dir_; }

 private:
  Segment(std::filesystem::path dir, std::int64_t base_offset, std::uint32_t index_interval);
  Status scan_from(std::uint64_t position, std::int64_t expected_offset, ScanReport& report);
  void index_batch(const BatchHeader& header, std::uint64_t position, std::uint64_t batch_size);
  Result<BatchHeader> read_header(std::uint64_t position) const;

  std::filesystem::path dir_;
  std::int64_t base_offset_;
  std::uint32_t index_interval_;
  File log_;
  OffsetIndex offset_index_;
  TimeIndex time_index_;
  std::atomic<std::int64_t> next_offset_;
  std::atomic<std::uint64_t> size_{0};
  std::atomic<std::int64_t> max_timestamp_{-1};
  std::atomic<std::int64_t> last_modified_ms_{0};
  std::int64_t created_ms_ = 0;
  // Writer-only bookkeeping for the sparse indexes.
  std::uint64_t bytes_since_index_ = 0;
  std::int64_t last_batch_base_ = -1;
  std::uint64_t last_batch_position_ = 0;
  std::int64_t last_indexed_base_ = -1;
};

}  // namespace tributary::log
