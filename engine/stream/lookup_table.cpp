#include "stream/lookup_table.h"

#include <charconv>

namespace tributary::stream {

Result<std::shared_ptr<LookupTable>> LookupTable::create(const LookupTableSpec& spec) {
  if (spec.topic.empty()) return error(ErrorCode::invalid_argument, "table: a topic is needed");
  TRIB_ASSIGN_OR_RETURN(RowKey key, RowKey::bind(spec.key, spec.schema, "table key"));
  return std::shared_ptr<LookupTable>(new LookupTable(spec, std::move(key)));
}

LookupTable::LookupTable(LookupTableSpec spec, RowKey key)
    : spec_(std::move(spec)),
      key_(std::move(key)),
      decoder_(spec_.schema),
      rows_(spec_.schema),
      staging_(spec_.schema) {}

void LookupTable::clear() {
  index_.clear();
  rows_ = Batch(spec_.schema);
}

void LookupTable::apply(std::optional<std::string_view> record_key,
                        std::optional<std::string_view> value, std::string_view position,
                        std::vector<io::DeadLetter>& dead) {
  staging_ = Batch(spec_.schema);
  if (!value) {
    // A tombstone names its key in the record key: the text of the one key field.
    auto reject = [&](std::string reason) {
      dead.push_back(
          {std::move(reason), std::string(position), std::string(record_key.value_or(""))});
    };
    if (!record_key) return reject("tombstone without a record key");
    if (key_.columns().size() != 1) return reject("a tombstone needs a table with one key field");
    for (std::size_t c = 0; c < staging_.num_columns(); ++c) {
      Column& col = staging_.column(c);
      if (c != key_.columns()[0]) {
        col.append_null();
      } else if (col.type() == DataType::string) {
        col.append_string(*record_key);
      } else if (col.type() == DataType::int64 || col.type() == DataType::timestamp) {
        std::int64_t v = 0;
        const auto [end, ec] =
            std::from_chars(record_key->data(), record_key->data() + record_key->size(), v);
        if (ec != std::errc() || end != record_key->data() + record_key->size()) {
          return reject("tombstone key is not an integer");
        }
        col.append_int(v);
      } else {
        return reject("tombstones need a string or integer key field");
      }
    }
    if (key_.encode(staging_, 0, key_buffer_)) index_.erase(key_buffer_);
    return;
  }
  const std::size_t before = dead.size();
  (void)decoder_.decode_value(*value, std::string(position), staging_, dead);
  if (dead.size() != before || staging_.num_rows() != 1) return;
  if (!key_.encode(staging_, 0, key_buffer_)) {
    dead.push_back({"a table key field is null", std::string(position), std::string(*value)});
    return;
  }
  const auto row = static_cast<std::uint32_t>(rows_.num_rows());
  for (std::size_t c = 0; c < rows_.num_columns(); ++c)
    rows_.column(c).append_from(staging_.column(c), 0);
  index_.insert_or_assign(key_buffer_, row);
  // Replaced and deleted versions are garbage: rewrite once they outnumber the live rows.
  if (rows_.num_rows() > 1024 && rows_.num_rows() > 2 * index_.size()) compact();
}

void LookupTable::compact() {
  Batch live(spec_.schema);
  for (auto& [key, row] : index_) {
    const auto moved = static_cast<std::uint32_t>(live.num_rows());
    for (std::size_t c = 0; c < live.num_columns(); ++c)
      live.column(c).append_from(rows_.column(c), row);
    row = moved;
  }
  rows_ = std::move(live);
}

}  // namespace tributary::stream
