#include "core/types.h"

namespace tributary {

const char* type_name(DataType type) {
  switch (type) {
    case DataType::null: return "null";
    case DataType::boolean: return "bool";
    case DataType::int64: return "int64";
    case DataType::float64: return "double";
    case DataType::string: return "string";
    case DataType::timestamp: return "timestamp";
  }
  return "unknown";
}

std::optional<DataType> parse_type_name(std::string_view name) {
  if (name == "bool" || name == "boolean") return DataType::boolean;
  if (name == "int64" || name == "int" || name == "long") return DataType::int64;
  if (name == "double" || name == "float64" || name == "float") return DataType::float64;
  if (name == "string") return DataType::string;
  if (name == "timestamp") return DataType::timestamp;
  return std::nullopt;
}

std::optional<std::size_t> Schema::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return i;
  }
  return std::nullopt;
}

}  // namespace tributary
