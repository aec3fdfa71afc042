// The table side of a stream-table join: the latest value per key of a topic (Kafka Streams'
// GlobalKTable). Each record's value is a JSON object with the table's fields; the key is
// made of `key` fields of that value. A record with a null value is a tombstone: it deletes
// the row whose (single) key field has the record key's text as its value.
// The job owns the reading: it applies every table record up to the end of the table topic
// before each micro-batch runs, and rebuilds the table from the topic on restart. Lookups
// run from many tasks at once while nothing is applied.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/batch.h"
#include "core/status.h"
#include "io/dead_letter.h"
#include "io/json_decoder.h"
#include "stream/row_key.h"

namespace tributary::stream {

struct LookupTableSpec {
  std::string topic;
  Schema schema;
  std::vector<std::string> key;
};

class LookupTable {
 public:
  static Result<std::shared_ptr<LookupTable>> create(const LookupTableSpec& spec);

  const LookupTableSpec& spec() const { return spec_; }
  const Schema& schema() const { return spec_.schema; }
  const RowKey& key() const { return key_; }

  // One record of the table topic; what cannot be applied becomes a dead letter.
  void apply(std::optional<std::string_view> record_key, std::optional<std::string_view> value,
             std::string_view position, std::vector<io::DeadLetter>& dead);
  void clear();

  // The row of `rows()` holding an encoded key (RowKey::encode), or -1.
  std::int64_t find(std::string_view encoded_key) const {
    const auto it = index_.find(absl::string_view(encoded_key.data(), encoded_key.size()));
    return it == index_.end() ? -1 : static_cast<std::int64_t>(it->second);
  }
  const Batch& rows() const { return rows_; }
  std::size_t size() const { return index_.size(); }

 private:
  explicit LookupTable(LookupTableSpec spec, RowKey key);
  void compact();

  LookupTableSpec spec_;
  RowKey key_;
  io::JsonDecoder decoder_;
  Batch rows_;     // every version applied since the last compaction
  Batch staging_;  // one decoded record
  absl::flat_hash_map<std::string, std::uint32_t> index_;  // key -> its latest row
  std::string key_buffer_;
};

}  // namespace tributary::stream
