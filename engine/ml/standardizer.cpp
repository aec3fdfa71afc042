#include "ml/standardizer.h"

#include <cmath>

namespace tributary::ml {

void Standardizer::add(const double* x) {
  ++count_;
  const double n = static_cast<double>(count_);
  for (std::size_t j = 0; j < mean_.size(); ++j) {
    const double d = x[j] - mean_[j];
    mean_[j] += d / n;
    m2_[j] += d * (x[j] - mean_[j]);
  }
}

void Standardizer::transform(const double* x, double* z) const {
  const double n = static_cast<double>(count_);
  for (std::size_t j = 0; j < mean_.size(); ++j) {
    const double variance = count_ > 0 ? m2_[j] / n : 0.0;
    z[j] = variance > 0 ? (x[j] - mean_[j]) / std::sqrt(variance) : 0.0;
  }
}

std::vector<double> Standardizer::deviations() const {
  std::vector<double> out(mean_.size(), 0.0);
  for (std::size_t j = 0; j < out.size() && count_ > 0; ++j) out[j] = std::sqrt(std::max(0.0, m2_[j] / static_cast<double>(count_)));
  return out;
}

void Standardizer::write(ByteWriter& w) const {
  w.varint(count_);
  for (double v : mean_) w.f64(v);
  for (double v : m2_) w.f64(v);
}

void Standardizer::read(ByteReader& r) {
  count_ = r.varint();
  for (double& v : mean_) v = r.f64();
  for (double& v : m2_) v = r.f64();
}

}  // namespace tributary::ml
