// What the ingest tests and ingest_runner share: a data dir's topic, its records read back
// with their headers, and the generator the kill test ingests.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/generator_source.h"
#include "io/ingest_task.h"
#include "log/log_manager.h"
#include "log/record_batch.h"

namespace tributary::testing {

struct TopicRecord {
  std::int64_t offset = 0;
  std::int64_t timestamp = 0;
  std::optional<std::string> key;
  std::string value;
  std::vector<std::pair<std::string, std::string>> headers;
};

inline Result<std::unique_ptr<log::LogManager>> open_data_dir(const std::filesystem::path& dir) {
  log::LogManager::Options o;
  o.data_dir = dir;
  return log::LogManager::open(o);
}

// The topic, created with default settings on first use.
inline Result<std::shared_ptr<log::Topic>> source_topic(log::LogManager& logs,
                                                        const std::string& name, int partitions) {
  auto t = logs.topic(name);
  if (t.ok() || t.status().code() != ErrorCode::not_found) return t;
  log::TopicConfig config;
  config.partitions = partitions;
  return logs.create_topic(name, config);
}

// Every record of a partition, with its headers.
inline Result<std::vector<TopicRecord>> records_of(const log::PartitionLog& log) {
  std::vector<TopicRecord> out;
  std::int64_t position = log.start_offset();
  ByteBuffer buf;
  std::vector<log::RecordHeader> headers;
  while (position < log.end_offset()) {
    buf.clear();
    TRIB_ASSIGN_OR_RETURN(log::FetchResult fetched, log.read(position, 1 << 20, buf));
    if (fetched.bytes == 0) break;
    Status status;
    log::for_each_batch(buf.span(), [&](const log::BatchHeader&, std::span<const char> batch) {
      auto reader = log::RecordBatchReader::open(batch);
      if (!reader.ok()) return status = reader.status(), false;
      log::RecordView v;
      while (reader->next(v)) {
        if (v.offset < position) continue;
        TopicRecord r;
        r.offset = v.offset;
        r.timestamp = v.timestamp;
        if (v.key) r.key = std::string(*v.key);
        r.value = v.value ? std::string(*v.value) : std::string();
        if (status = log::read_headers(v, headers); !status.ok()) return false;
        for (const auto& h : headers)
          r.headers.emplace_back(std::string(h.key), std::string(h.value.value_or("")));
        out.push_back(std::move(r));
      }
      return (status = reader->status()).ok();
    });
    TRIB_RETURN_IF_ERROR(status);
    position = fetched.next_offset;
  }
  return out;
}

// The kill test's source: clicks, keyed by user, into a topic of two partitions.
inline io::GeneratorSpec kill_test_generator(std::int64_t rows) {
  io::GeneratorSpec g;
  g.preset = "clicks";
  g.seed = 42;
  g.count = rows;
  return g;
}

inline io::IngestSpec kill_test_ingest() {
  io::IngestSpec s;
  s.name = "clicks-source";
  s.key = {"user"};
  s.time_field = "ts";
  s.chunk_rows = 500;
  return s;
}

}  // namespace tributary::testing
