#include "broker/producer_state.h"

#include <chrono>

namespace tributary::broker {

ProducerState::ProducerState() {
  // Ids are not persisted: starting from the clock keeps a restarted broker from handing out
  // an id that a producer of the previous run still uses.
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  next_id_.store(ms * 1000);
}

std::mutex& ProducerState::lock_for(const std::string& topic, int partition) {
  std::lock_guard lock(mutex_);
  return partition_locks_[{topic, partition}];
}

SequenceCheck ProducerState::check(const std::string& topic, int partition,
                                   std::int64_t producer_id, std::int16_t epoch,
                                   std::int32_t first_sequence, std::int32_t last_sequence) {
  std::lock_guard lock(mutex_);
  auto it = producers_.find(Key{topic, partition, producer_id});
  if (it == producers_.end() || it->second.count == 0) {
    // A producer new to this partition starts at 0; anything else means state was lost.
    if (first_sequence != 0) return {ErrorCode::out_of_order_sequence_number, false, -1};
    return {};
  }
  Producer& p = it->second;
  if (epoch < p.epoch) return {ErrorCode::invalid_producer_epoch, false, -1};
  if (epoch > p.epoch) {
    if (first_sequence != 0) return {ErrorCode::out_of_order_sequence_number, false, -1};
    return {};
  }
  const std::size_t n = std::min(p.count, kBatchesToRetain);
  for (std::size_t i = 0; i < n; ++i) {
    const Entry& e = p.recent[i];
    if (e.first_sequence == first_sequence && e.last_sequence == last_sequence) {
      return {ErrorCode::none, true, e.base_offset};
    }
  }
  const Entry& last = p.recent[(p.count - 1) % kBatchesToRetain];
  // Sequences wrap at 2^31 - 1 back to 0.
  const std::int32_t expected = last.last_sequence == INT32_MAX ? 0 : last.last_sequence + 1;
  if (first_sequence != expected) return {ErrorCode::out_of_order_sequence_number, false, -1};
  return {};
}

void ProducerState::record(const std::string& topic, int partition, std::int64_t producer_id,
                           std::int16_t epoch, std::int32_t first_sequence,
                           std::int32_t last_sequence, std::int64_t base_offset) {
  std::lock_guard lock(mutex_);
  Producer& p = producers_[Key{topic, partition, producer_id}];
  if (epoch != p.epoch) {
    p.epoch = epoch;
    p.count = 0;
  }
  p.recent[p.count % kBatchesToRetain] = Entry{first_sequence, last_sequence, base_offset};
  ++p.count;
}

}  // namespace tributary::broker
