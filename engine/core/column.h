// One column of a batch: a typed vector of values plus a validity bitmap. Strings live in one
// character arena per column (offsets + bytes), so a column of a million strings is three
// allocations, not a million.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace tributary {

class Column {
 public:
  explicit Column(DataType type = DataType::null) : type_(type) {
    if (type_ == DataType::string) offsets_.push_back(0);
  }

  DataType type() const { return type_; }
  std::size_t size() const { return size_; }

  // Validity: an empty bitmap means every value is valid (the common case costs nothing).
  bool is_null(std::size_t i) const {
    return type_ == DataType::null ||
           (!validity_.empty() && ((validity_[i >> 6] >> (i & 63)) & 1) == 0);
  }
  bool has_nulls() const { return type_ == DataType::null ? size_ > 0 : !validity_.empty(); }
  std::size_t null_count() const;
  // Bit i of word i/64 is 1 when value i is valid; empty when all are.
  const std::vector<std::uint64_t>& validity() const { return validity_; }
  std::vector<std::uint64_t>& mutable_validity() { return validity_; }
  void set_null(std::size_t i);
  void set_validity(std::vector<std::uint64_t> words) { validity_ = std::move(words); }

  // Payload, by type: int64 and timestamp use ints(); bools are one byte each so that
  // kernels over them vectorise.
  const std::int64_t* ints() const { return ints_.data(); }
  std::int64_t* ints() { return ints_.data(); }
  const double* doubles() const { return doubles_.data(); }
  double* doubles() { return doubles_.data(); }
  const std::uint8_t* bools() const { return bools_.data(); }
  std::uint8_t* bools() { return bools_.data(); }
  std::string_view string_at(std::size_t i) const {
    return {chars_.data() + offsets_[i], static_cast<std::size_t>(offsets_[i + 1] - offsets_[i])};
  }

  // Appending, row by row (decoders).
  // Room for `rows` rows in total, and in a string column `string_bytes` characters.
  void reserve(std::size_t rows, std::size_t string_bytes = 0);
  // Characters held by a string column (its arena), for sizing the next batch.
  std::size_t string_bytes() const { return chars_.size(); }
  void append_null();
  void append_bool(bool v);
  void append_int(std::int64_t v);
  void append_double(double v);
  void append_string(std::string_view v);
  // Copies row `i` of `other` (same type) to the end.
  void append_from(const Column& other, std::size_t i);
  // Copies rows `rows[0..n)` of `other` (same type) to the end; a negative row appends null.
  void append_take(const Column& other, const std::int64_t* rows, std::size_t n);

  // For kernels: `rows` values, all valid, payload left for the caller to fill.
  void resize_fixed(std::size_t rows);
  // A column of `rows` nulls of `type`.
  static Column nulls(DataType type, std::size_t rows);

  // Keeps the rows whose flag is non-zero.
  Column filter(const std::vector<std::uint8_t>& keep, std::size_t kept) const;
  // Human-readable value, for tests and previews ("null" for null).
  std::string to_string(std::size_t i) const;

 private:
  void push_valid();

  DataType type_;
  std::size_t size_ = 0;
  std::vector<std::uint64_t> validity_;
  std::vector<std::int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<std::uint8_t> bools_;
  std::vector<std::uint32_t> offsets_;
  std::string chars_;
};

}  // namespace tributary
