// Idempotent producers (Kafka's ProducerStateManager): per producer id and partition, the
// next batch must continue the sequence; a retry of one of the last five batches is answered
// with its original offsets instead of being appended twice.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "broker/error_codes.h"

namespace tributary::broker {

struct SequenceCheck {
  ErrorCode error = ErrorCode::none;
  bool duplicate = false;  // answer with duplicate_offset, append nothing
  std::int64_t duplicate_offset = -1;
};

class ProducerState {
 public:
  ProducerState();

  // A fresh producer id (epoch 0) for InitProducerId without a transactional id.
  std::int64_t next_producer_id() { return next_id_.fetch_add(1); }

  // Checks a batch before it is appended. The caller holds the partition's append lock
  // (lock_for) from check to record, so two batches of one producer cannot interleave.
  SequenceCheck check(const std::string& topic, int partition, std::int64_t producer_id,
                      std::int16_t epoch, std::int32_t first_sequence, std::int32_t last_sequence);
  void record(const std::string& topic, int partition, std::int64_t producer_id, std::int16_t epoch,
              std::int32_t first_sequence, std::int32_t last_sequence, std::int64_t base_offset);
  std::mutex& lock_for(const std::string& topic, int partition);

 private:
  struct Entry {
    std::int32_t first_sequence = 0;
    std::int32_t last_sequence = 0;
    std::int64_t base_offset = 0;
  };
  static constexpr std::size_t kBatchesToRetain = 5;
  struct Producer {
    std::int16_t epoch = 0;
    std::array<Entry, kBatchesToRetain> recent{};
    std::size_t count = 0;  // entries used, newest at (count - 1) % 5
  };
  using Key = std::tuple<std::string, int, std::int64_t>;

  std::atomic<std::int64_t> next_id_;
  std::mutex mutex_;
  std::map<Key, Producer> producers_;
  std::map<std::pair<std::string, int>, std::mutex> partition_locks_;
};

}  // namespace tributary::broker
