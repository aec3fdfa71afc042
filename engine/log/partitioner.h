// Picks a partition for a record the way Kafka's default producer does, so that a key lands
// in the same partition here as with any Kafka client.
#pragma once

#include <cstdint>
#include <random>
#include <string_view>

namespace tributary::log {

// Kafka's Utils.murmur2 (seed 0x9747b28c), returned as Java's signed int.
std::int32_t murmur2(std::string_view data);

// toPositive(murmur2(key)) % partitions, as Kafka's BuiltInPartitioner.partitionForKey.
int partition_for_key(std::string_view key, int partitions);

// Unkeyed records stick to one partition until about `batch_bytes` went there, then move to
// another one chosen at random (KIP-480), so batches fill up instead of scattering.
class StickyPartitioner {
 public:
  explicit StickyPartitioner(std::uint64_t seed = std::random_device{}(), std::size_t batch_bytes = 16384)
      : rng_(seed), batch_bytes_(batch_bytes) {}

  int partition(int partitions);
  // Records that `bytes` went to the current sticky partition.
  void on_appended(std::size_t bytes, int partitions);

 private:
  void switch_partition(int partitions);

  std::mt19937_64 rng_;
  std::size_t batch_bytes_;
  int current_ = -1;
  std::size_t bytes_ = 0;
};

}  // namespace tributary::log
