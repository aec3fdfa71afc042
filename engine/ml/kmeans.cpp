#include "ml/kmeans.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/serialization.h"
#include "ml/features.h"
#include "ml/model_output.h"

namespace tributary::ml {
namespace {

// splitmix64: a tiny generator whose whole state is one integer, so it checkpoints exactly.
std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class KMeansOperator final : public ModelOperator {
 public:
  KMeansOperator(FeatureSet features, Schema schema, std::size_t k, double decay, std::uint64_t seed)
      : features_(std::move(features)),
        schema_(std::move(schema)),
        k_(k),
        dim_(features_.size()),
        decay_(decay),
        random_(seed),
        centers_(k * dim_, 0.0),
        weights_(k, 0.0) {}

  const Schema& output_schema() const override { return schema_; }

  void process(const Batch& in, Batch& out, std::vector<stream::Rejected>& rejected) override {
    features_.evaluate(in, values_, problem_);
    const std::size_t n = in.num_rows();
    const std::size_t inputs = in.num_columns();
    rows_.clear();
    Column& cluster = out.column(inputs);
    Column& distance = out.column(inputs + 1);
    cluster.reserve(cluster.size() + n);
    distance.reserve(distance.size() + n);
    for (std::size_t r = 0; r < n; ++r) {
      if (problem_[r]) {
        rejected.push_back({r, *problem_[r]});
        continue;
      }
      const double* x = values_.data() + r * dim_;
      auto [c, d2] = nearest(x);
      if (used_ < k_ && d2 > 0) {  // a point unlike every centre so far opens the next one
        c = used_++;
        std::copy(x, x + dim_, centers_.begin() + static_cast<std::ptrdiff_t>(c * dim_));
        weights_[c] = 0;
        d2 = 0;
      }
      cluster.append_int(static_cast<std::int64_t>(c));
      distance.append_double(std::sqrt(d2));
      learn(c, x);
      rows_.push_back(static_cast<std::int64_t>(r));
    }
    append_input_rows(in, rows_, out);
    changed_ = changed_ || !rows_.empty();
  }

  void save_changes(const std::string& op, stream::StateChanges& out) override {
    if (!changed_) return;
    ByteWriter w;
    w.varint(static_cast<std::int64_t>(k_));
    w.varint(static_cast<std::int64_t>(dim_));
    w.varint(static_cast<std::int64_t>(used_));
    w.varint(points_);
    w.varint(splits_);
    w.varint(static_cast<std::int64_t>(random_));
    for (double v : centers_) w.f64(v);
    for (double v : weights_) w.f64(v);
    out.put.emplace_back(op, "model", w.take());
    changed_ = false;
  }

  Status restore(std::string_view key, std::string_view value) override {
    if (key != "model") return error(ErrorCode::corrupt, "unknown k-means state row");
    ByteReader r(value);
    const std::int64_t k = r.varint();
    const std::int64_t dim = r.varint();
    if (!r.ok() || k != static_cast<std::int64_t>(k_) || dim != static_cast<std::int64_t>(dim_)) {
      return error(ErrorCode::corrupt, "k-means state is for another k or number of features");
    }
    const std::int64_t used = r.varint();
    points_ = r.varint();
    splits_ = r.varint();
    random_ = static_cast<std::uint64_t>(r.varint());
    for (double& v : centers_) v = r.f64();
    for (double& v : weights_) v = r.f64();
    if (!r.ok() || !r.at_end() || used < 0 || used > k) return error(ErrorCode::corrupt, "bad k-means state");
    used_ = static_cast<std::size_t>(used);
    return {};
  }

  std::string snapshot_json() const override {
    nlohmann::json centers = nlohmann::json::array();
    nlohmann::json weights = nlohmann::json::array();
    for (std::size_t c = 0; c < used_; ++c) {
      centers.push_back(std::vector<double>(centers_.begin() + static_cast<std::ptrdiff_t>(c * dim_),
                                            centers_.begin() + static_cast<std::ptrdiff_t>((c + 1) * dim_)));
      weights.push_back(weights_[c]);
    }
    nlohmann::json j = {{"model", "kmeans"}, {"k", k_},         {"points", points_}, {"splits", splits_},
                        {"centers", centers}, {"weights", weights}};
    return j.dump();
  }

 private:
  // The closest centre among those opened so far and the squared distance to it
  // (infinity while there is none).
  std::pair<std::size_t, double> nearest(const double* x) const {
    std::size_t best = 0;
    double best_d2 = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < used_; ++c) {
      const double* center = centers_.data() + c * dim_;
      double d2 = 0;
      for (std::size_t j = 0; j < dim_; ++j) {
        const double diff = x[j] - center[j];
        d2 += diff * diff;
      }
      if (d2 < best_d2) {
        best_d2 = d2;
        best = c;
      }
    }
    return {best, best_d2};
  }

  // MLlib's update with a batch of one point: discount, add the point's weight, move the
  // centre by lambda = 1 / n' (written as (1 - lambda) c + lambda x, as MLlib does).
  void learn(std::size_t c, const double* x) {
    if (decay_ != 1.0) {
      for (std::size_t i = 0; i < used_; ++i) weights_[i] *= decay_;
    }
    weights_[c] += 1.0;
    const double lambda = 1.0 / weights_[c];
    double* center = centers_.data() + c * dim_;
    for (std::size_t j = 0; j < dim_; ++j) center[j] = (1.0 - lambda) * center[j] + lambda * x[j];
    ++points_;
    if (used_ == k_) split_dying_cluster();
  }

  void split_dying_cluster() {
    std::size_t largest = 0, smallest = 0;
    for (std::size_t c = 1; c < k_; ++c) {
      if (weights_[c] > weights_[largest]) largest = c;
      if (weights_[c] < weights_[smallest]) smallest = c;
    }
    if (!(weights_[smallest] < 1e-8 * weights_[largest])) return;
    const double weight = (weights_[largest] + weights_[smallest]) / 2.0;
    weights_[largest] = weight;
    weights_[smallest] = weight;
    double* big = centers_.data() + largest * dim_;
    double* small = centers_.data() + smallest * dim_;
    std::uint64_t bits = 0;
    for (std::size_t j = 0; j < dim_; ++j) {
      if (j % 64 == 0) bits = next_random(random_);
      const double p = 1e-14 * std::max(std::abs(big[j]), 1.0);
      const double sign = (bits >> (j % 64)) & 1 ? 1.0 : -1.0;
      const double v = big[j];
      big[j] = v + sign * p;
      small[j] = v - sign * p;
    }
    ++splits_;
  }

  FeatureSet features_;
  Schema schema_;
  std::size_t k_;
  std::size_t dim_;
  double decay_;
  std::uint64_t random_;
  std::size_t used_ = 0;         // centres opened so far (first k distinct points)
  std::vector<double> centers_;  // k × dim, row-major
  std::vector<double> weights_;
  std::int64_t points_ = 0;
  std::int64_t splits_ = 0;
  bool changed_ = false;  // since the last save_changes()
  // Per-batch scratch, kept to reuse its memory.
  std::vector<double> values_;
  std::vector<const std::string*> problem_;
  std::vector<std::int64_t> rows_;
};

}  // namespace

Result<std::unique_ptr<ModelOperator>> make_kmeans(const KMeansSpec& spec, const Schema& input) {
  if (spec.k < 1) return error(ErrorCode::invalid_argument, "k: must be at least 1");
  if (spec.k > 100'000) return error(ErrorCode::invalid_argument, "k: must be at most 100000");
  if (spec.decay && spec.half_life) {
    return error(ErrorCode::invalid_argument, "half_life: give either half_life or decay, not both");
  }
  double decay = 1.0;
  if (spec.decay) {
    if (!(*spec.decay >= 0.0 && *spec.decay <= 1.0)) return error(ErrorCode::invalid_argument, "decay: must be between 0 and 1");
    decay = *spec.decay;
  }
  if (spec.half_life) {
    if (!(*spec.half_life > 0.0) || !std::isfinite(*spec.half_life)) {
      return error(ErrorCode::invalid_argument, "half_life: must be a positive number of records");
    }
    decay = std::exp(std::log(0.5) / *spec.half_life);
  }
  TRIB_ASSIGN_OR_RETURN(FeatureSet features, FeatureSet::compile(spec.features, input));
  TRIB_ASSIGN_OR_RETURN(Schema schema,
                        model_output_schema(input, {{"cluster", DataType::int64}, {"distance", DataType::float64}}));
  return std::unique_ptr<ModelOperator>(std::make_unique<KMeansOperator>(
      std::move(features), std::move(schema), static_cast<std::size_t>(spec.k), decay, spec.seed));
}

}  // namespace tributary::ml
