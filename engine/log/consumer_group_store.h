// Committed offsets of consumer groups, one durable file per group under `<data-dir>/groups`.
// A commit is atomic (write, fsync, rename): after a crash a group has its old or its new
// offsets, never a mix. Lag of a partition = log end offset - committed offset.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace tributary::log {

using TopicPartition = std::pair<std::string, int>;

class ConsumerGroupStore {
 public:
  explicit ConsumerGroupStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

  // Merges `offsets` into what the group has committed, in one durable write.
  Status commit(const std::string& group, const std::map<TopicPartition, std::int64_t>& offsets);
  Result<std::map<TopicPartition, std::int64_t>> offsets(const std::string& group) const;
  Result<std::optional<std::int64_t>> committed(const std::string& group, const std::string& topic, int partition) const;
  Result<std::vector<std::string>> list() const;
  // Drops a deleted topic's offsets from every group.
  Status forget_topic(const std::string& topic);

 private:
  std::filesystem::path file_of(const std::string& group) const;
  Status write(const std::string& group, const std::map<TopicPartition, std::int64_t>& offsets);

  std::filesystem::path dir_;
  mutable std::mutex mutex_;
};

}  // namespace tributary::log
