#include "ml/linear_model.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/serialization.h"
#include "ml/features.h"
#include "ml/model_output.h"
#include "ml/standardizer.h"

namespace tributary::ml {
namespace {

double sigmoid(double t) {
  // Two forms so that exp never overflows.
  if (t >= 0) return 1.0 / (1.0 + std::exp(-t));
  const double e = std::exp(t);
  return e / (1.0 + e);
}

class LinearOperator final : public ModelOperator {
 public:
  LinearOperator(bool logistic, const LinearModelSpec& spec, FeatureSet features, stream::Expression label, Schema schema)
      : logistic_(logistic),
        lr_(spec.lr),
        intercept_lr_(spec.intercept_lr),
        l2_(spec.l2),
        standardize_(spec.standardize),
        features_(std::move(features)),
        label_(std::move(label)),
        schema_(std::move(schema)),
        dim_(features_.size()),
        weights_(dim_, 0.0),
        scaler_(dim_),
        z_(dim_, 0.0),
        null_label_("null label '" + label_.text() + "'") {}

  const Schema& output_schema() const override { return schema_; }

  void process(const Batch& in, Batch& out, std::vector<stream::Rejected>& rejected) override {
    features_.evaluate(in, values_, problem_);
    const Column labels = label_.evaluate(in);
    const std::size_t n = in.num_rows();
    const std::size_t inputs = in.num_columns();
    rows_.clear();
    Column& first = out.column(inputs);  // prediction (linreg) or probability (logreg)
    first.reserve(first.size() + n);
    Column* predicted = logistic_ ? &out.column(inputs + 1) : nullptr;
    if (predicted) predicted->reserve(predicted->size() + n);
    for (std::size_t r = 0; r < n; ++r) {
      if (problem_[r]) {
        rejected.push_back({r, *problem_[r]});
        continue;
      }
      if (labels.is_null(r)) {
        rejected.push_back({r, null_label_});
        continue;
      }
      const double y = number_at(labels, r);
      if (logistic_ && y != 0.0 && y != 1.0) {
        rejected.push_back({r, "label '" + label_.text() + "' must be 0 or 1, got " + labels.to_string(r)});
        continue;
      }
      const double* x = values_.data() + r * dim_;
      const double t = score(x);
      if (logistic_) {
        const double p = sigmoid(t);
        first.append_double(p);
        const bool one = p >= 0.5;
        predicted->append_int(one ? 1 : 0);
        correct_ += (one ? 1.0 : 0.0) == y;
        const double clipped = std::clamp(p, 1e-15, 1.0 - 1e-15);
        loss_sum_ += y == 1.0 ? -std::log(clipped) : -std::log(1.0 - clipped);
      } else {
        first.append_double(t);
        const double e = t - y;
        abs_sum_ += std::abs(e);
        loss_sum_ += e * e;
      }
      ++count_;
      learn(x, y);
      rows_.push_back(static_cast<std::int64_t>(r));
    }
    append_input_rows(in, rows_, out);
    changed_ = changed_ || !rows_.empty();
  }

  void save_changes(const std::string& op, stream::StateChanges& out) override {
    if (!changed_) return;
    ByteWriter w;
    w.varint(static_cast<std::int64_t>(dim_));
    for (double v : weights_) w.f64(v);
    w.f64(intercept_);
    scaler_.write(w);
    w.varint(count_);
    w.varint(correct_);
    w.f64(abs_sum_);
    w.f64(loss_sum_);
    out.put.emplace_back(op, "model", w.take());
    changed_ = false;
  }

  Status restore(std::string_view key, std::string_view value) override {
    if (key != "model") return error(ErrorCode::corrupt, "unknown linear model state row");
    ByteReader r(value);
    if (r.varint() != static_cast<std::int64_t>(dim_) || !r.ok()) {
      return error(ErrorCode::corrupt, "linear model state is for another number of features");
    }
    for (double& v : weights_) v = r.f64();
    intercept_ = r.f64();
    scaler_.read(r);
    count_ = r.varint();
    correct_ = r.varint();
    abs_sum_ = r.f64();
    loss_sum_ = r.f64();
    if (!r.ok() || !r.at_end()) return error(ErrorCode::corrupt, "bad linear model state");
    return {};
  }

  std::string snapshot_json() const override {
    nlohmann::json j = {{"model", logistic_ ? "logreg" : "linreg"},
                        {"count", count_},
                        {"weights", weights_},
                        {"intercept", intercept_},
                        {"standardize", standardize_}};
    if (standardize_) {
      j["means"] = scaler_.means();
      j["deviations"] = scaler_.deviations();
    }
    const double n = static_cast<double>(count_);
    if (logistic_) {
      j["accuracy"] = count_ > 0 ? nlohmann::json(static_cast<double>(correct_) / n) : nlohmann::json();
      j["log_loss"] = count_ > 0 ? nlohmann::json(loss_sum_ / n) : nlohmann::json();
    } else {
      j["mae"] = count_ > 0 ? nlohmann::json(abs_sum_ / n) : nlohmann::json();
      j["rmse"] = count_ > 0 ? nlohmann::json(std::sqrt(loss_sum_ / n)) : nlohmann::json();
    }
    return j.dump();
  }

 private:
  // w·z + b with z the features as the model sees them now (standardised into z_).
  double score(const double* x) {
    const double* z = x;
    if (standardize_) {
      scaler_.transform(x, z_.data());
      z = z_.data();
    }
    double t = intercept_;
    for (std::size_t j = 0; j < dim_; ++j) t += weights_[j] * z[j];
    return t;
  }

  void learn(const double* x, double y) {
    if (standardize_) scaler_.add(x);
    const double t = score(x);  // with updated statistics when standardising
    const double g = (logistic_ ? sigmoid(t) : t) - y;
    const double* z = standardize_ ? z_.data() : x;
    for (std::size_t j = 0; j < dim_; ++j) weights_[j] -= lr_ * (g * z[j] + l2_ * weights_[j]);
    intercept_ -= intercept_lr_ * g;
  }

  bool logistic_;
  double lr_, intercept_lr_, l2_;
  bool standardize_;
  FeatureSet features_;
  stream::Expression label_;
  Schema schema_;
  std::size_t dim_;
  std::vector<double> weights_;
  double intercept_ = 0.0;
  Standardizer scaler_;
  std::vector<double> z_;  // standardised features of the current record
  // Prequential metrics: records scored, correct predictions (logreg), sums of |error|
  // (linreg) and of squared error (linreg) or log loss (logreg).
  std::int64_t count_ = 0;
  std::int64_t correct_ = 0;
  double abs_sum_ = 0.0;
  double loss_sum_ = 0.0;
  bool changed_ = false;
  std::string null_label_;
  std::vector<double> values_;
  std::vector<const std::string*> problem_;
  std::vector<std::int64_t> rows_;
};

Result<std::unique_ptr<ModelOperator>> make_linear(bool logistic, const LinearModelSpec& spec, const Schema& input) {
  if (!(spec.lr > 0.0) || !std::isfinite(spec.lr)) return error(ErrorCode::invalid_argument, "lr: must be a positive number");
  if (!(spec.intercept_lr >= 0.0) || !std::isfinite(spec.intercept_lr)) {
    return error(ErrorCode::invalid_argument, "intercept_lr: must not be negative");
  }
  if (!(spec.l2 >= 0.0) || !std::isfinite(spec.l2)) return error(ErrorCode::invalid_argument, "l2: must not be negative");
  TRIB_ASSIGN_OR_RETURN(FeatureSet features, FeatureSet::compile(spec.features, input));
  if (spec.label.empty()) return error(ErrorCode::invalid_argument, "label: an expression is needed");
  auto label = stream::Expression::compile(spec.label, input);
  if (!label.ok()) return error(ErrorCode::invalid_argument, "label: " + label.status().message());
  const DataType lt = label->type();
  if (!is_numeric(lt) && !(logistic && lt == DataType::boolean)) {
    return error(ErrorCode::invalid_argument, std::string("label: '") + spec.label + "' must be " +
                                                  (logistic ? "a bool or a number (0 or 1)" : "a number") + ", not " +
                                                  type_name(lt));
  }
  std::vector<Field> added;
  if (logistic) {
    added = {{"probability", DataType::float64}, {"prediction", DataType::int64}};
  } else {
    added = {{"prediction", DataType::float64}};
  }
  TRIB_ASSIGN_OR_RETURN(Schema schema, model_output_schema(input, added));
  return std::unique_ptr<ModelOperator>(std::make_unique<LinearOperator>(logistic, spec, std::move(features),
                                                                         std::move(label).value(), std::move(schema)));
}

}  // namespace

Result<std::unique_ptr<ModelOperator>> make_linreg(const LinearModelSpec& spec, const Schema& input) {
  return make_linear(false, spec, input);
}

Result<std::unique_ptr<ModelOperator>> make_logreg(const LinearModelSpec& spec, const Schema& input) {
  return make_linear(true, spec, input);
}

}  // namespace tributary::ml
