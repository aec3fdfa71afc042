// Online standardisation of features: running mean and population variance per feature
// (Welford's update), z = (x - mean) / sqrt(variance); a feature whose variance is 0 so far
// (or that has no values yet) maps to 0.
#pragma once

#include <cstdint>
#include <vector>

#include "core/serialization.h"

namespace tributary::ml {

class Standardizer {
 public:
  explicit Standardizer(std::size_t dim) : mean_(dim, 0.0), m2_(dim, 0.0) {}

  void add(const double* x);
  void transform(const double* x, double* z) const;

  std::int64_t count() const { return count_; }
  const std::vector<double>& means() const { return mean_; }
  std::vector<double> deviations() const;  // population standard deviations

  void write(ByteWriter& w) const;
  void read(ByteReader& r);

 private:
  std::int64_t count_ = 0;
  std::vector<double> mean_;
  std::vector<double> m2_;  // sum of squared deviations from the mean
};

}  // namespace tributary::ml
