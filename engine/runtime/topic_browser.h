// Reads a data dir's topics as an observer, beside a run that writes them (the app's Topics
// dock: partitions, offsets, and records from an offset on). Each call opens the log for the
// moment of the call only.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace tributary::runtime {

struct PartitionRange {
  std::int64_t start = 0;  // the first offset retention kept
  std::int64_t end = 0;    // the next offset to be written
};

// A consumer group reading the topic (a Kafka client through the broker, or
// `tributary-cli consume --group`): its lag is end - committed, summed over partitions.
struct GroupLag {
  std::string group;
  std::int64_t lag = 0;
};

struct TopicSummary {
  std::string name;
  std::vector<PartitionRange> partitions;
  std::vector<GroupLag> groups;
};

struct BrowsedRecord {
  std::int64_t offset = 0;
  std::int64_t timestamp = 0;
  std::optional<std::string> key;
  std::optional<std::string> value;
};

Result<std::vector<TopicSummary>> list_topics(const std::filesystem::path& data_dir);

// Up to `max` records of one partition from `offset` on (clamped to what the log holds).
Result<std::vector<BrowsedRecord>> read_records(const std::filesystem::path& data_dir,
                                                const std::string& topic, int partition,
                                                std::int64_t offset, std::size_t max);

}  // namespace tributary::runtime
