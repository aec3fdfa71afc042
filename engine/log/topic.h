// A named topic: N partition logs, its settings persisted in `topic.json`, and the producer
// side's choice of partition for each record.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "log/log_config.h"
#include "log/partition_log.h"
#include "log/partitioner.h"
#include "log/record.h"

namespace tributary::log {

struct TopicConfig {
  int partitions = 1;
  LogConfig log;
};

// Where one produced record went.
struct ProducedRecord {
  int partition = 0;
  std::int64_t offset = 0;
};

// Kafka's rule: 1 to 249 characters of [A-Za-z0-9._-], not "." nor "..".
Status validate_topic_name(const std::string& name);

class Topic {
 public:
  static Result<std::unique_ptr<Topic>> create(const std::filesystem::path& dir, const std::string& name,
                                               const TopicConfig& config);
  static Result<std::unique_ptr<Topic>> open(const std::filesystem::path& dir, const std::string& name, Access access);
  static Result<TopicConfig> read_config(const std::filesystem::path& dir);

  const std::string& name() const { return name_; }
  const TopicConfig& config() const { return config_; }
  int partition_count() const { return static_cast<int>(partitions_.size()); }
  PartitionLog& partition(int p) { return *partitions_.at(static_cast<std::size_t>(p)); }
  const PartitionLog& partition(int p) const { return *partitions_.at(static_cast<std::size_t>(p)); }

  // Appends records in order, one batch per partition they go to. A keyed record goes to
  // murmur2(key) % partitions; an unkeyed one to the sticky partition; `partition` overrides.
  Result<std::vector<ProducedRecord>> produce(std::span<const Record> records, std::optional<int> partition = {});
  // The partition each record goes to, by the rule above (advances the sticky partitioner).
  Result<std::vector<int>> assign_partitions(std::span<const Record> records, std::optional<int> partition = {});

  Status flush_if_due(std::chrono::steady_clock::time_point now);
  Status enforce_retention(std::int64_t now_ms);
  Status refresh();
  Status close();

 private:
  Topic(std::filesystem::path dir, std::string name, TopicConfig config)
      : dir_(std::move(dir)), name_(std::move(name)), config_(config) {}
  Status open_partitions(Access access);

  std::filesystem::path dir_;
  std::string name_;
  TopicConfig config_;
  std::vector<std::unique_ptr<PartitionLog>> partitions_;
  std::mutex sticky_mutex_;
  StickyPartitioner sticky_;
};

}  // namespace tributary::log
