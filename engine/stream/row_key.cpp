#include "stream/row_key.h"

#include <algorithm>
#include <cstring>

namespace tributary::stream {

namespace {

// Types that compare as one key type.
DataType key_class(DataType t) {
  return t == DataType::timestamp ? DataType::int64 : t;
}

void append_fixed(std::string& out, const void* p, std::size_t n) {
  out.append(static_cast<const char*>(p), n);
}

}  // namespace

Result<RowKey> RowKey::bind(const std::vector<std::string>& fields, const Schema& schema,
                            std::string_view what) {
  if (fields.empty())
    return error(ErrorCode::invalid_argument,
                 std::string(what) + ": at least one key field is needed");
  RowKey key;
  for (const auto& f : fields) {
    const auto index = schema.index_of(f);
    if (!index)
      return error(ErrorCode::invalid_argument, std::string(what) + ": unknown field '" + f + "'");
    key.columns_.push_back(*index);
  }
  return key;
}

Status RowKey::check_comparable(const RowKey& a, const Schema& a_schema, const RowKey& b,
                                const Schema& b_schema) {
  if (a.columns_.size() != b.columns_.size()) {
    return error(ErrorCode::invalid_argument,
                 "the two sides have different numbers of key fields (" +
                     std::to_string(a.columns_.size()) + " and " +
                     std::to_string(b.columns_.size()) + ")");
  }
  for (std::size_t i = 0; i < a.columns_.size(); ++i) {
    const Field& fa = a_schema.field(a.columns_[i]);
    const Field& fb = b_schema.field(b.columns_[i]);
    if (key_class(fa.type) != key_class(fb.type)) {
      return error(ErrorCode::invalid_argument,
                   "key fields '" + fa.name + "' (" + std::string(type_name(fa.type)) + ") and '" +
                       fb.name + "' (" + std::string(type_name(fb.type)) +
                       ") have different types");
    }
  }
  return {};
}

bool RowKey::encode(const Batch& batch, std::size_t row, std::string& out) const {
  out.clear();
  for (const std::size_t c : columns_) {
    const Column& col = batch.column(c);
    if (col.is_null(row)) return false;
    switch (col.type()) {
      case DataType::boolean:
        out += static_cast<char>(col.bools()[row] ? 1 : 0);
        break;
      case DataType::int64:
      case DataType::timestamp:
        append_fixed(out, &col.ints()[row], sizeof(std::int64_t));
        break;
      case DataType::float64: {
        double d = col.doubles()[row];
        if (d == 0) d = 0;  // -0.0 equals 0.0
        append_fixed(out, &d, sizeof d);
        break;
      }
      case DataType::string: {
        const std::string_view s = col.string_at(row);
        const auto n = static_cast<std::uint32_t>(s.size());
        append_fixed(out, &n, sizeof n);  // length first: ("a","bc") differs from ("ab","c")
        out += s;
        break;
      }
      case DataType::null:
        return false;
    }
  }
  return true;
}

Schema joined_schema(const Schema& left, const Schema& right, const RowKey& right_key,
                     std::vector<std::size_t>& right_columns) {
  std::vector<Field> fields = left.fields();
  right_columns.clear();
  for (std::size_t i = 0; i < right.size(); ++i) {
    const auto& key = right_key.columns();
    if (std::find(key.begin(), key.end(), i) != key.end()) continue;
    Field f = right.field(i);
    if (left.index_of(f.name)) f.name = "right_" + f.name;
    fields.push_back(f);
    right_columns.push_back(i);
  }
  return Schema(std::move(fields));
}

}  // namespace tributary::stream
