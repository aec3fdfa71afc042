// The sparse `.index` of a segment: (offset relative to the segment's base, byte position of
// the batch starting there), one entry every `index_interval_bytes` of log. On disk each entry
// is 8 bytes, both fields big-endian u32, as in Kafka's offset index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "core/status.h"

namespace tributary::log {

class OffsetIndex {
 public:
  struct Entry {
    std::uint32_t relative_offset;
    std::uint32_t position;
  };

  // Entries must come in increasing order of both fields.
  void append(std::uint32_t relative_offset, std::uint32_t position);
  // The last entry at or before `relative_offset`; {0, 0} when there is none.
  Entry floor(std::uint32_t relative_offset) const;
  std::size_t size() const;
  std::vector<Entry> entries() const;
  void clear();

  Status save(const std::filesystem::path& path, bool durable) const;
  // Loads and checks the file: ascending entries, positions inside a log of `log_size` bytes.
  static Result<std::vector<Entry>> load(const std::filesystem::path& path, std::uint64_t log_size);
  void assign(std::vector<Entry> entries);

 private:
  mutable std::shared_mutex mutex_;  // one writer appends while readers search
  std::vector<Entry> entries_;
};

}  // namespace tributary::log
