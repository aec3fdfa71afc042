// The log of one partition: an ordered list of segments, one writer, many readers.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

#include "core/byte_buffer.h"
#include "core/status.h"
#include "log/log_config.h"
#include "log/record.h"
#include "log/record_batch.h"
#include "log/segment.h"

namespace tributary::log {

// Owner: this process appends, recovers after a crash and enforces retention.
// Observer: read-only view of a log another process may be appending to; never changes files.
enum class Access { owner, observer };

struct AppendResult {
  std::int64_t base_offset = 0;
  std::int64_t last_offset = 0;
};

struct FetchResult {
  std::int64_t next_offset = 0;      // where the next read continues
  std::int64_t end_offset = 0;       // log end offset when the read began
  std::size_t bytes = 0;             // bytes appended to the output buffer
};

// What opening a partition did.
struct RecoveryReport {
  bool clean = false;                  // opened after a clean shutdown, nothing scanned
  std::uint64_t scanned_bytes = 0;
  std::uint64_t truncated_bytes = 0;   // cut from torn or corrupt tails
  std::int64_t truncated_at_offset = -1;
  int deleted_segments = 0;            // whole segments after a cut
  int rebuilt_indexes = 0;
};

struct PartitionStats {
  std::int64_t start_offset = 0;
  std::int64_t end_offset = 0;
  std::uint64_t size_bytes = 0;
  std::size_t segments = 0;
};

class PartitionLog {
 public:
  // `name` (e.g. "clicks-0") is used in messages only.
  static Result<std::unique_ptr<PartitionLog>> open(const std::filesystem::path& dir, std::string name,
                                                    const LogConfig& config, Access access);
  ~PartitionLog();

  const std::string& name() const { return name_; }
  const LogConfig& config() const { return config_; }
  Access access() const { return access_; }

  // Appends an encoded batch (from a client): checks it, assigns offsets by rewriting its
  // base offset in place, and returns once the flush policy is satisfied.
  Result<AppendResult> append(std::span<char> batch);
  // Encodes `records` into one batch and appends it.
  Result<AppendResult> append(std::span<const Record> records);

  // Reads whole batches that hold `offset` and what follows, up to about `max_bytes`.
  // The first batch may start before `offset` (batches are not split, as in Kafka).
  Result<FetchResult> read(std::int64_t offset, std::size_t max_bytes, ByteBuffer& out) const;

  std::int64_t start_offset() const { return start_offset_.load(std::memory_order_acquire); }
  std::int64_t end_offset() const { return end_offset_.load(std::memory_order_acquire); }
  // First offset whose timestamp is >= `timestamp`; none when every record is older.
  Result<std::optional<std::int64_t>> offset_for_timestamp(std::int64_t timestamp) const;
  // Waits until end_offset() > offset or the timeout passes (in-process appends only).
  bool wait_for_data(std::int64_t offset, std::chrono::milliseconds timeout) const;

  Status flush();
  Status flush_if_due(std::chrono::steady_clock::time_point now);
  // Rolls the active segment when it is too old, deletes segments past retention.
  Status enforce_retention(std::int64_t now_ms);
  // Observer: picks up batches and segments the owning process added or removed.
  Status refresh();
  // Owner: flushes, writes the indexes and the clean-shutdown marker.
  Status close();

  PartitionStats stats() const;
  const RecoveryReport& recovery() const { return recovery_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  PartitionLog(std::filesystem::path dir, std::string name, const LogConfig& config, Access access);
  Status load_segments();
  Result<AppendResult> append_checked(std::span<char> batch, const BatchHeader& header);
  Status roll(std::int64_t now_ms);
  // Syncs rolled segments and their indexes, then moves the recovery point past them.
  Status sync_sealed();
  std::shared_ptr<Segment> active() const;
  std::shared_ptr<Segment> segment_for(std::int64_t offset) const;
  void publish_end(std::int64_t end);
  Status write_recovery_point(std::int64_t offset);

  std::filesystem::path dir_;
  std::string name_;
  LogConfig config_;
  Access access_;
  RecoveryReport recovery_;

  mutable std::shared_mutex segments_mutex_;
  std::vector<std::shared_ptr<Segment>> segments_;
  std::mutex write_mutex_;  // one appender at a time
  std::mutex sync_mutex_;
  std::vector<std::shared_ptr<Segment>> unsynced_;  // rolled, not yet fsynced
  std::atomic<std::int64_t> start_offset_{0};
  std::atomic<std::int64_t> end_offset_{0};
  std::atomic<bool> dirty_{false};
  std::chrono::steady_clock::time_point last_flush_;
  bool closed_ = false;

  mutable std::mutex wait_mutex_;
  mutable std::condition_variable data_arrived_;
};

}  // namespace tributary::log
