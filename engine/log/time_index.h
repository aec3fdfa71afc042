// The sparse `.timeindex` of a segment: (largest timestamp in the segment up to and including
// a batch, that batch's offset relative to the segment base). The timestamps never decrease,
// so "first offset with a timestamp >= T" is a binary search and a short scan. On disk each
// entry is 12 bytes, big-endian i64 + u32, as in Kafka's time index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <shared_mutex>
#include <vector>

#include "core/status.h"

namespace tributary::log {

class TimeIndex {
 public:
  struct Entry {
    std::int64_t max_timestamp;
    std::uint32_t relative_offset;
  };

  void append(std::int64_t max_timestamp, std::uint32_t relative_offset);
  // Relative offset from which a scan for the first record with timestamp >= `timestamp`
  // must start: the entry before the first entry that reaches `timestamp` (0 when none).
  std::uint32_t scan_start(std::int64_t timestamp) const;
  std::optional<Entry> last() const;
  std::size_t size() const;
  void clear();

  Status save(const std::filesystem::path& path, bool durable) const;
  static Result<std::vector<Entry>> load(const std::filesystem::path& path);
  void assign(std::vector<Entry> entries);

 private:
  mutable std::shared_mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace tributary::log
