#include "io/csv_encoder.h"

#include <cmath>

#include "io/text_values.h"

namespace tributary::io {

void CsvEncoder::append_field(std::string_view text, std::string& out) const {
  bool quote = text.empty();
  for (char c : text) {
    if (c == options_.separator || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out.append(text);
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void CsvEncoder::append_header(const Schema& schema, std::string& out) const {
  for (std::size_t k = 0; k < schema.size(); ++k) {
    if (k > 0) out += options_.separator;
    append_field(schema.field(k).name, out);
  }
  end_row(out);
}

void CsvEncoder::append_rows(const Batch& batch, std::string& out) const {
  for (std::size_t r = 0; r < batch.num_rows(); ++r) {
    append_row(batch, r, out);
    end_row(out);
  }
}

void CsvEncoder::append_row(const Batch& batch, std::size_t r, std::string& out) const {
  const std::size_t columns = batch.num_columns();
  for (std::size_t k = 0; k < columns; ++k) {
    if (k > 0) out += options_.separator;
    const Column& c = batch.column(k);
    if (c.is_null(r)) continue;
    switch (c.type()) {
      case DataType::int64: append_int(out, c.ints()[r]); break;
      case DataType::timestamp:
        if (options_.iso_timestamps) append_iso8601(out, c.ints()[r]);
        else append_int(out, c.ints()[r]);
        break;
      case DataType::float64: {
        const double d = c.doubles()[r];
        if (std::isfinite(d)) append_double(out, d);
        else out += std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        break;
      }
      case DataType::boolean: out += c.bools()[r] ? "true" : "false"; break;
      case DataType::string: append_field(c.string_at(r), out); break;
      case DataType::null: break;
    }
  }
}

std::string encode_csv(const Batch& batch, CsvEncodeOptions options) {
  std::string out;
  CsvEncoder encoder(options);
  if (options.header) encoder.append_header(batch.schema(), out);
  encoder.append_rows(batch, out);
  return out;
}

}  // namespace tributary::io
