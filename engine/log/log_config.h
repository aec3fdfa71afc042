// Per-topic settings of the log, with Kafka's names in mind (flush.ms, retention.ms, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tributary::log {

enum class FlushPolicy {
  always,    // fsync before acknowledging an append
  interval,  // fsync every flush_interval_ms (the default)
  never,     // leave it to the operating system
};

const char* flush_policy_name(FlushPolicy policy);
std::optional<FlushPolicy> parse_flush_policy(std::string_view text);

struct LogConfig {
  FlushPolicy flush = FlushPolicy::interval;
  std::int64_t flush_interval_ms = 100;
  std::int64_t retention_ms = 7LL * 24 * 3600 * 1000;  // -1: keep forever
  std::int64_t retention_bytes = -1;                   // per partition; -1: no limit
  std::uint64_t segment_bytes = 128ull * 1024 * 1024;
  std::int64_t segment_ms = 7LL * 24 * 3600 * 1000;
  std::uint32_t index_interval_bytes = 4096;
};

}  // namespace tributary::log
