#include "io/json_encoder.h"

#include <cmath>

#include "io/text_values.h"

namespace tributary::io {

void append_dead_letter_json(std::string& out, const DeadLetter& letter) {
  out += "{\"reason\":";
  append_json_string(out, letter.reason);
  out += ",\"position\":";
  append_json_string(out, letter.position);
  out += ",\"raw\":";
  append_json_string(out, letter.raw);
  out += '}';
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes that need no escaping, copied in one go
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

JsonEncoder::JsonEncoder(const Schema& schema) {
  for (std::size_t k = 0; k < schema.size(); ++k) {
    std::string prefix(k == 0 ? "{" : ",");
    append_json_string(prefix, schema.field(k).name);
    prefix += ':';
    key_prefixes_.push_back(std::move(prefix));
  }
}

void JsonEncoder::append_row(const Batch& batch, std::size_t row, std::string& out) const {
  if (key_prefixes_.empty()) {
    out += "{}";
    return;
  }
  for (std::size_t k = 0; k < key_prefixes_.size(); ++k) {
    out += key_prefixes_[k];
    const Column& c = batch.column(k);
    if (c.is_null(row)) {
      out += "null";
      continue;
    }
    switch (c.type()) {
      case DataType::int64:
      case DataType::timestamp: append_int(out, c.ints()[row]); break;
      case DataType::float64: {
        const double d = c.doubles()[row];
        if (std::isfinite(d)) append_double(out, d);
        else out += "null";  // JSON has no NaN or infinity
        break;
      }
      case DataType::boolean: out += c.bools()[row] ? "true" : "false"; break;
      case DataType::string: append_json_string(out, c.string_at(row)); break;
      case DataType::null: out += "null"; break;
    }
  }
  out += '}';
}

void JsonEncoder::append_lines(const Batch& batch, std::string& out) const {
  for (std::size_t r = 0; r < batch.num_rows(); ++r) {
    append_row(batch, r, out);
    out += '\n';
  }
}

std::string encode_json_lines(const Batch& batch) {
  std::string out;
  JsonEncoder(batch.schema()).append_lines(batch, out);
  return out;
}

}  // namespace tributary::io
