// The broker's metrics probe: counters bumped on the hot path without locks.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

#include "broker/broker.h"

namespace tributary::broker {

struct BrokerMetrics {
  std::atomic<std::uint64_t> connections_open{0};
  std::atomic<std::uint64_t> connections_total{0};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> bytes_in{0};
  std::atomic<std::uint64_t> bytes_out{0};
  std::atomic<std::uint64_t> produced_batches{0};
  std::atomic<std::uint64_t> produced_records{0};
  std::atomic<std::uint64_t> fetched_bytes{0};
  std::atomic<std::uint64_t> rejected_requests{0};
  std::atomic<std::uint64_t> buffered_bytes{0};
  std::array<std::atomic<std::uint64_t>, 64> by_api{};

  BrokerStats snapshot() const;
};

}  // namespace tributary::broker
