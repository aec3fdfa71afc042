#include "log/partitioner.h"

#include <cstring>

namespace tributary::log {

std::int32_t murmur2(std::string_view data) {
  constexpr std::uint32_t seed = 0x9747b28cu;
  constexpr std::uint32_t m = 0x5bd1e995u;
  constexpr int r = 24;
  const auto length = static_cast<std::uint32_t>(data.size());
  std::uint32_t h = seed ^ length;
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const std::uint32_t blocks = length / 4;
  for (std::uint32_t i = 0; i < blocks; ++i) {
    // Kafka reads each 4-byte block little-endian.
    std::uint32_t k = static_cast<std::uint32_t>(p[4 * i]) | (static_cast<std::uint32_t>(p[4 * i + 1]) << 8) |
                      (static_cast<std::uint32_t>(p[4 * i + 2]) << 16) | (static_cast<std::uint32_t>(p[4 * i + 3]) << 24);
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }
  const unsigned char* tail = p + 4 * blocks;
  switch (length % 4) {
    case 3: h ^= static_cast<std::uint32_t>(tail[2]) << 16; [[fallthrough]];
    case 2: h ^= static_cast<std::uint32_t>(tail[1]) << 8; [[fallthrough]];
    case 1:
      h ^= static_cast<std::uint32_t>(tail[0]);
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<std::int32_t>(h);
}

int partition_for_key(std::string_view key, int partitions) {
  const auto positive = static_cast<std::uint32_t>(murmur2(key)) & 0x7fffffffu;
  return static_cast<int>(positive % static_cast<std::uint32_t>(partitions));
}

int StickyPartitioner::partition(int partitions) {
  if (current_ < 0 || current_ >= partitions) switch_partition(partitions);
  return current_;
}

void StickyPartitioner::on_appended(std::size_t bytes, int partitions) {
  bytes_ += bytes;
  if (bytes_ >= batch_bytes_) switch_partition(partitions);
}

void StickyPartitioner::switch_partition(int partitions) {
  bytes_ = 0;
  if (partitions <= 1) {
    current_ = 0;
    return;
  }
  std::uniform_int_distribution<int> pick(0, partitions - 1);
  int next = pick(rng_);
  if (next == current_) next = (next + 1) % partitions;  // a switch always moves
  current_ = next;
}

}  // namespace tributary::log
