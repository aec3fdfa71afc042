// Batch → CSV (RFC 4180), the format of the csv file sink. Byte-deterministic: a header row of
// field names, fields quoted only when needed (separator, quote, CR or LF inside, or an empty
// string, which must stay distinct from null: null is written as nothing), quotes doubled,
// doubles in their shortest round-trip form, rows ended by LF.
#pragma once

#include <string>

#include "core/batch.h"
#include "core/types.h"

namespace tributary::io {

struct CsvEncodeOptions {
  char separator = ',';
  bool header = true;
  bool crlf = false;            // end rows with CRLF instead of LF
  bool iso_timestamps = false;  // timestamps as ISO-8601 text instead of ms integers
};

class CsvEncoder {
 public:
  explicit CsvEncoder(CsvEncodeOptions options = {}) : options_(options) {}

  void append_header(const Schema& schema, std::string& out) const;
  void append_rows(const Batch& batch, std::string& out) const;
  // One row's fields, without the line end (a record of its own, as in a Kafka value).
  void append_row(const Batch& batch, std::size_t row, std::string& out) const;
  // A field, quoted if it needs to be.
  void append_field(std::string_view text, std::string& out) const;

 private:
  void end_row(std::string& out) const { out += options_.crlf ? "\r\n" : "\n"; }

  CsvEncodeOptions options_;
};

// Header (if options.header) and every row.
std::string encode_csv(const Batch& batch, CsvEncodeOptions options = {});

}  // namespace tributary::io
