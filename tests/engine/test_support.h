// Helpers shared by the engine tests: reading a whole partition back, building records.
#pragma once

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "log/partition_log.h"
#include "log/record_batch.h"

namespace tributary::testing {

struct StoredRecord {
  std::int64_t offset;
  std::int64_t timestamp;
  std::optional<std::string> key;
  std::optional<std::string> value;
};

// Every record from `from` to the end, each batch checked by CRC; fails the test on error.
inline std::vector<StoredRecord> read_all(const log::PartitionLog& log, std::int64_t from = -1,
                                          std::size_t max_bytes = 64 * 1024) {
  std::vector<StoredRecord> out;
  std::int64_t position = from < 0 ? log.start_offset() : from;
  ByteBuffer buf;
  while (position < log.end_offset()) {
    buf.clear();
    auto r = log.read(position, max_bytes, buf);
    if (!r.ok()) {
      qWarning("read failed: %s", r.status().message().c_str());
      return out;
    }
    if (r->bytes == 0) break;
    std::size_t pos = 0;
    while (pos < buf.size()) {
      const std::size_t size = log::peek_batch_size(buf.span().subspan(pos));
      auto reader = log::RecordBatchReader::open(buf.span().subspan(pos, size));
      if (!reader.ok()) {
        qWarning("bad batch: %s", reader.status().message().c_str());
        return out;
      }
      log::RecordView v;
      while (reader->next(v)) {
        if (v.offset < position) continue;
        out.push_back({v.offset, v.timestamp, v.key ? std::optional<std::string>(std::string(*v.key)) : std::nullopt,
                       v.value ? std::optional<std::string>(std::string(*v.value)) : std::nullopt});
      }
      pos += size;
    }
    position = r->next_offset;
  }
  return out;
}

// Appends `count` records "prefix-<n>" as one batch.
inline log::AppendResult append_values(log::PartitionLog& log, const std::string& prefix, int first, int count,
                                       std::int64_t timestamp = 1000) {
  std::vector<std::string> values;
  for (int i = 0; i < count; ++i) values.push_back(prefix + "-" + std::to_string(first + i));
  std::vector<log::Record> records;
  for (const auto& v : values) records.push_back({std::nullopt, std::string_view(v), timestamp, {}});
  auto r = log.append(records);
  if (!r.ok()) qFatal("append failed: %s", r.status().message().c_str());
  return *r;
}

inline std::string read_binary(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_binary(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace tributary::testing
