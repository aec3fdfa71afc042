#include "ml/anomaly.h"

#include <absl/container/flat_hash_map.h>

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/serialization.h"
#include "ml/features.h"
#include "ml/model_output.h"

namespace tributary::ml {
namespace {

enum class Method { zscore, gaussian };

constexpr double min_deviation = 1e-6;  // a deviation of 0 counts as this much

// The state of one key's series.
struct Series {
  std::int64_t seen = 0;  // records of this key so far
  // zscore: the weighted mean and variance. gaussian: the window's mean and sum of squared
  // deviations (Welford), over `size` values.
  double mean = 0.0;
  double spread = 0.0;
  std::vector<double> ring;  // gaussian: the window, a ring of window + step slots
  std::size_t head = 0;      // slot of the oldest value
  std::size_t size = 0;
  bool dirty = false;  // changed since the last save_changes()
};

// Key fields as bytes: a tag per field (null or not), then fixed-width values or a length and
// the characters. Nulls form a key of their own, as in GROUP BY.
void encode_key(const Batch& batch, const std::vector<std::size_t>& columns, std::size_t row, std::string& out) {
  out.clear();
  for (std::size_t c : columns) {
    const Column& col = batch.column(c);
    if (col.is_null(row)) {
      out += '\0';
      continue;
    }
    out += '\1';
    switch (col.type()) {
      case DataType::boolean: out += static_cast<char>(col.bools()[row]); break;
      case DataType::int64:
      case DataType::timestamp: out.append(reinterpret_cast<const char*>(&col.ints()[row]), 8); break;
      case DataType::float64: {
        double d = col.doubles()[row];
        if (d == 0) d = 0;  // -0.0 is the same key as 0.0
        out.append(reinterpret_cast<const char*>(&d), 8);
        break;
      }
      case DataType::string: {
        const std::string_view s = col.string_at(row);
        const auto n = static_cast<std::uint32_t>(s.size());
        out.append(reinterpret_cast<const char*>(&n), 4);
        out += s;
        break;
      }
      case DataType::null: break;
    }
  }
}

class AnomalyOperator final : public ModelOperator {
 public:
  AnomalyOperator(Method method, const AnomalySpec& spec, double threshold, FeatureSet features,
                  std::vector<std::size_t> key_columns, Schema schema)
      : method_(method),
        window_(static_cast<std::size_t>(spec.window)),
        step_(static_cast<std::size_t>(spec.step)),
        alpha_(spec.alpha),
        threshold_(threshold),
        features_(std::move(features)),
        key_columns_(std::move(key_columns)),
        schema_(std::move(schema)) {}

  const Schema& output_schema() const override { return schema_; }

  void process(const Batch& in, Batch& out, std::vector<stream::Rejected>& rejected) override {
    features_.evaluate(in, values_, problem_);
    const std::size_t n = in.num_rows();
    const std::size_t d = features_.size();
    const std::size_t inputs = in.num_columns();
    rows_.clear();
    Column& scores = out.column(inputs);
    Column& flags = out.column(inputs + 1);
    scores.reserve(scores.size() + n);
    flags.reserve(flags.size() + n);
    for (std::size_t r = 0; r < n; ++r) {
      if (problem_[r]) {
        rejected.push_back({r, *problem_[r]});
        continue;
      }
      encode_key(in, key_columns_, r, key_);
      auto it = series_.find(key_);
      if (it == series_.end()) it = series_.try_emplace(key_).first;
      Series& s = it->second;
      const double x = values_[r * d];
      const double score = method_ == Method::zscore ? zscore(s, x) : gaussian(s, x);
      const bool anomaly = score >= threshold_;
      scores.append_double(score);
      flags.append_bool(anomaly);
      ++s.seen;
      anomalies_ += anomaly;
      if (!s.dirty) {
        s.dirty = true;
        dirty_.push_back(key_);  // once per key and batch, not per record
      }
      rows_.push_back(static_cast<std::int64_t>(r));
    }
    append_input_rows(in, rows_, out);
    records_ += static_cast<std::int64_t>(rows_.size());
    counts_changed_ = counts_changed_ || !rows_.empty();
  }

  void save_changes(const std::string& op, stream::StateChanges& out) override {
    for (const auto& key : dirty_) {
      Series& s = series_.find(key)->second;
      s.dirty = false;
      ByteWriter w;
      w.varint(s.seen);
      w.f64(s.mean);
      w.f64(s.spread);
      w.varint(static_cast<std::int64_t>(s.size));
      for (std::size_t i = 0; i < s.size; ++i) w.f64(s.ring[(s.head + i) % s.ring.size()]);
      out.put.emplace_back(op, "k" + key, w.take());
    }
    dirty_.clear();
    if (counts_changed_) {
      ByteWriter w;
      w.varint(records_);
      w.varint(anomalies_);
      out.put.emplace_back(op, "m", w.take());
      counts_changed_ = false;
    }
  }

  Status restore(std::string_view key, std::string_view value) override {
    ByteReader r(value);
    if (key == "m") {
      records_ = r.varint();
      anomalies_ = r.varint();
    } else if (!key.empty() && key[0] == 'k') {
      Series s;
      s.seen = r.varint();
      s.mean = r.f64();
      s.spread = r.f64();
      const std::int64_t size = r.varint();
      if (size < 0 || size >= static_cast<std::int64_t>(window_ + step_) || (size > 0 && method_ != Method::gaussian)) {
        return error(ErrorCode::corrupt, "anomaly state has a window of the wrong size");
      }
      s.size = static_cast<std::size_t>(size);
      if (method_ == Method::gaussian) s.ring.assign(window_ + step_, 0.0);
      for (std::size_t i = 0; i < s.size; ++i) s.ring[i] = r.f64();
      series_[std::string(key.substr(1))] = std::move(s);
    } else {
      return error(ErrorCode::corrupt, "unknown anomaly state row");
    }
    if (!r.ok() || !r.at_end()) return error(ErrorCode::corrupt, "bad anomaly state");
    return {};
  }

  std::string snapshot_json() const override {
    nlohmann::json j = {{"model", "anomaly"},
                        {"method", method_ == Method::zscore ? "zscore" : "gaussian"},
                        {"keys", series_.size()},
                        {"records", records_},
                        {"anomalies", anomalies_},
                        {"threshold", threshold_}};
    return j.dump();
  }

 private:
  double zscore(Series& s, double x) const {
    if (s.seen == 0) {
      s.mean = x;
      s.spread = 0.0;
      return 0.0;
    }
    const double deviation = std::sqrt(s.spread);
    const double score = std::abs(x - s.mean) / (deviation == 0.0 ? min_deviation : deviation);
    const double diff = x - s.mean;
    const double increment = alpha_ * diff;
    s.mean += increment;
    s.spread = (1.0 - alpha_) * (s.spread + diff * increment);
    return score;
  }

  double gaussian(Series& s, double x) const {
    double score = 0.0;
    if (s.size > 0) {
      double deviation = std::sqrt(std::max(0.0, s.spread / static_cast<double>(s.size)));
      if (deviation == 0.0) deviation = min_deviation;
      score = std::erf(std::abs(x - s.mean) / deviation / std::sqrt(2.0));
    }
    if (s.ring.empty()) s.ring.assign(window_ + step_, 0.0);
    s.ring[(s.head + s.size) % s.ring.size()] = x;
    ++s.size;
    welford_add(s, x);
    if (s.size == window_ + step_) {
      s.head = (s.head + step_) % s.ring.size();
      s.size -= step_;
      // From the values again: removing values one by one would let rounding errors pile up.
      const std::size_t size = s.size;
      s.mean = 0.0;
      s.spread = 0.0;
      for (std::size_t i = 0; i < size; ++i) {
        s.size = i + 1;
        welford_add(s, s.ring[(s.head + i) % s.ring.size()]);
      }
    }
    return score;
  }

  // Adds x to the statistics of a window that (already) holds s.size values, x included.
  static void welford_add(Series& s, double x) {
    const double d = x - s.mean;
    s.mean += d / static_cast<double>(s.size);
    s.spread += d * (x - s.mean);
  }

  Method method_;
  std::size_t window_, step_;
  double alpha_, threshold_;
  FeatureSet features_;
  std::vector<std::size_t> key_columns_;
  Schema schema_;
  absl::flat_hash_map<std::string, Series> series_;  // by encoded key
  std::vector<std::string> dirty_;                    // keys changed since the last save
  std::int64_t records_ = 0;
  std::int64_t anomalies_ = 0;
  bool counts_changed_ = false;
  std::string key_;
  std::vector<double> values_;
  std::vector<const std::string*> problem_;
  std::vector<std::int64_t> rows_;
};

}  // namespace

Result<std::unique_ptr<ModelOperator>> make_anomaly(const AnomalySpec& spec, const Schema& input) {
  Method method;
  if (spec.method == "zscore") {
    method = Method::zscore;
  } else if (spec.method == "gaussian") {
    method = Method::gaussian;
  } else {
    return error(ErrorCode::invalid_argument, "method: unknown method '" + spec.method + "' (zscore or gaussian)");
  }
  if (spec.window < 1) return error(ErrorCode::invalid_argument, "window: must be at least 1");
  if (spec.window > 10'000'000) return error(ErrorCode::invalid_argument, "window: must be at most 10000000");
  if (spec.step < 1 || spec.step > spec.window) {
    return error(ErrorCode::invalid_argument, "step: must be between 1 and window (" + std::to_string(spec.window) + ")");
  }
  if (!(spec.alpha > 0.0 && spec.alpha <= 1.0)) return error(ErrorCode::invalid_argument, "alpha: must be in (0, 1]");
  const double threshold = spec.threshold.value_or(method == Method::zscore ? 3.0 : 0.997);
  if (std::isnan(threshold)) return error(ErrorCode::invalid_argument, "threshold: must be a number");
  TRIB_ASSIGN_OR_RETURN(FeatureSet features, FeatureSet::compile(spec.features, input));
  std::vector<std::size_t> key_columns;
  for (const auto& k : spec.key) {
    auto i = input.index_of(k);
    if (!i) return error(ErrorCode::invalid_argument, "key: unknown field '" + k + "'");
    key_columns.push_back(*i);
  }
  TRIB_ASSIGN_OR_RETURN(Schema schema,
                        model_output_schema(input, {{"score", DataType::float64}, {"anomaly", DataType::boolean}}));
  return std::unique_ptr<ModelOperator>(std::make_unique<AnomalyOperator>(method, spec, threshold, std::move(features),
                                                                          std::move(key_columns), std::move(schema)));
}

}  // namespace tributary::ml
