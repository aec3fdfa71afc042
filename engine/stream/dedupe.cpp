// transform.dedupe: per key, the latest event time seen; a record within `within_ms` of it
// is a duplicate. Keys are forgotten as stream time moves on, so state follows the number
// of keys active within the bound, not all keys ever seen.
#include <limits>
#include <set>
#include <unordered_map>

#include "core/serialization.h"
#include "stream/operator.h"
#include "stream/state_codec.h"

namespace tributary::stream {
namespace {

// |a - b| without overflow, for any two int64 times.
std::uint64_t distance(std::int64_t a, std::int64_t b) {
  return a >= b ? static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b)
                : static_cast<std::uint64_t>(b) - static_cast<std::uint64_t>(a);
}

class DedupeOperator final : public Operator {
 public:
  DedupeOperator(Schema schema, std::vector<std::size_t> key_columns, std::size_t time_column, std::int64_t within)
      : schema_(std::move(schema)), key_columns_(std::move(key_columns)), time_column_(time_column), within_(within) {}
  const Schema& output_schema() const override { return schema_; }

  void process(const Batch& in, Batch& out, std::vector<Rejected>& rejected) override {
    const Column& time = in.column(time_column_);
    keep_.assign(in.num_rows(), 0);
    std::size_t kept = 0;
    std::string key;
    for (std::size_t r = 0; r < in.num_rows(); ++r) {
      if (time.is_null(r)) {
        rejected.push_back({r, "no event time"});
        continue;
      }
      const std::int64_t t = time.ints()[r];
      key.clear();
      for (std::size_t k : key_columns_) encode_key_part(key, value_at(in.column(k), r));
      auto [it, inserted] = last_.try_emplace(key, t);
      if (inserted || distance(t, it->second) > static_cast<std::uint64_t>(within_)) {
        keep_[r] = 1;
        ++kept;
      }
      // The key's latest time moves forward on every record, duplicates included.
      if (inserted || t > it->second) {
        if (!inserted) expiry_.erase({it->second, key});
        it->second = t;
        expiry_.emplace(t, key);
        dirty_.insert(key);
      }
      if (t > stream_time_) {
        stream_time_ = t;
        meta_dirty_ = true;
      }
      evict();  // per record, so that results do not depend on where batches are cut
    }
    if (kept == 0) return;
    const Batch selected = kept == in.num_rows() ? Batch() : in.filter(keep_);
    const Batch& from = kept == in.num_rows() ? in : selected;
    for (std::size_t c = 0; c < from.num_columns(); ++c) {
      for (std::size_t r = 0; r < from.num_rows(); ++r) out.column(c).append_from(from.column(c), r);
    }
  }

  void save_changes(const std::string& op, StateChanges& out) override {
    for (const auto& key : dirty_) {
      auto it = last_.find(key);
      if (it == last_.end()) {
        out.erase.emplace_back(op, "k" + key);
        continue;
      }
      ByteWriter w;
      w.varint(it->second);
      out.put.emplace_back(op, "k" + key, w.take());
    }
    if (meta_dirty_) {
      ByteWriter w;
      w.varint(stream_time_);
      out.put.emplace_back(op, "m", w.take());
    }
    dirty_.clear();
    meta_dirty_ = false;
  }

  Status restore(std::string_view key, std::string_view value) override {
    ByteReader r(value);
    const std::int64_t v = r.varint();
    if (!r.ok() || !r.at_end() || key.empty()) return error(ErrorCode::corrupt, "bad dedupe state row");
    if (key == "m") {
      stream_time_ = v;
    } else if (key[0] == 'k') {
      std::string k(key.substr(1));
      last_[k] = v;
      expiry_.emplace(v, std::move(k));
    } else {
      return error(ErrorCode::corrupt, "unknown dedupe state row");
    }
    return {};
  }

 private:
  void evict() {
    // Forget keys whose latest time is more than within_ behind stream time: no record at
    // or after stream time can be within the bound of them.
    while (!expiry_.empty() && distance(stream_time_, expiry_.begin()->first) > static_cast<std::uint64_t>(within_) &&
           expiry_.begin()->first < stream_time_) {
      auto node = expiry_.extract(expiry_.begin());
      last_.erase(node.value().second);
      dirty_.insert(std::move(node.value().second));
    }
  }

  Schema schema_;
  std::vector<std::size_t> key_columns_;
  std::size_t time_column_;
  std::int64_t within_;
  std::int64_t stream_time_ = std::numeric_limits<std::int64_t>::min();
  std::unordered_map<std::string, std::int64_t> last_;  // encoded key -> latest event time
  std::set<std::pair<std::int64_t, std::string>> expiry_;  // (latest time, key), oldest first
  std::set<std::string> dirty_;                            // keys put or forgotten since the last save
  bool meta_dirty_ = false;
  std::vector<std::uint8_t> keep_;
};

}  // namespace

Result<std::unique_ptr<Operator>> make_dedupe(const std::vector<std::string>& key_fields, std::string_view time_field,
                                              std::int64_t within_ms, const Schema& input) {
  if (within_ms < 0) return error(ErrorCode::invalid_argument, "within_ms must not be negative");
  auto t = input.index_of(time_field);
  if (!t) return error(ErrorCode::invalid_argument, "time_field: unknown field '" + std::string(time_field) + "'");
  const DataType tt = input.field(*t).type;
  if (tt != DataType::int64 && tt != DataType::timestamp) {
    return error(ErrorCode::invalid_argument, "time_field: '" + std::string(time_field) + "' must be a timestamp or int64");
  }
  std::vector<std::size_t> keys;
  for (const auto& k : key_fields) {
    auto i = input.index_of(k);
    if (!i) return error(ErrorCode::invalid_argument, "key: unknown field '" + k + "'");
    keys.push_back(*i);
  }
  if (key_fields.empty()) {
    for (std::size_t c = 0; c < input.size(); ++c) {
      if (c != *t) keys.push_back(c);
    }
  }
  return std::unique_ptr<Operator>(std::make_unique<DedupeOperator>(input, std::move(keys), *t, within_ms));
}

}  // namespace tributary::stream
