// Value types of the micro-batch engine and the schema of a batch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tributary {

enum class DataType : std::uint8_t {
  null,       // the type of the literal `null` before it meets another type
  boolean,
  int64,
  float64,    // "double" in the pipeline format
  string,
  timestamp,  // ms since the Unix epoch, UTC
};

const char* type_name(DataType type);
std::optional<DataType> parse_type_name(std::string_view name);
inline bool is_numeric(DataType t) { return t == DataType::int64 || t == DataType::float64; }

struct Field {
  std::string name;
  DataType type = DataType::string;
};

class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}

  const std::vector<Field>& fields() const { return fields_; }
  std::size_t size() const { return fields_.size(); }
  const Field& field(std::size_t i) const { return fields_[i]; }
  // Index of the field called `name`, if any.
  std::optional<std::size_t> index_of(std::string_view name) const;
  void add(Field field) { fields_.push_back(std::move(field)); }
  bool operator==(const Schema&) const = default;

 private:
  std::vector<Field> fields_;
};

inline bool operator==(const Field& a, const Field& b) { return a.name == b.name && a.type == b.type; }

}  // namespace tributary
