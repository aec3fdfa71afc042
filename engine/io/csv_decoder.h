// CSV (RFC 4180) → columnar Batch, incrementally: text arrives in chunks split anywhere (inside
// a quoted field, between CR and LF, inside a UTF-8 sequence) and rows come out the same.
//
// Fields are separated by `separator` and may be quoted ("a ""b"" c"); quoted fields may hold
// separators and line breaks. Rows end with LF, CRLF or CR. Blank lines are skipped, except in
// a one-column file, where a blank line is a null. An empty unquoted field is null; an empty
// quoted field is the empty string in a string column and null in any other. A UTF-8 byte
// order mark at the start is dropped.
//
// Types come from `types` where given and are otherwise inferred from the first `infer_rows`
// rows, per column: the first of int64, double, bool (true/false), timestamp (ISO-8601) that
// every non-null value fits, else string (also for columns with no value at all). Rows are
// held back until the schema is fixed, then decoded in order.
//
// Bad rows become dead letters at `source_name:line`, the line where the row starts: a wrong
// number of fields, text after a closing quote, an unterminated quote at the end of the input,
// invalid UTF-8 (byte offsets count from the start of the row), or a value that does not fit
// its column's type.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <memory>
#include <vector>

#include "core/batch.h"
#include "core/types.h"
#include "io/dead_letter.h"

namespace tributary::io {

struct CsvDecodeOptions {
  char separator = ',';
  bool header = true;                      // the first row names the fields
  std::vector<std::string> column_names;   // without a header (default column_1, column_2, ...)
  std::map<std::string, DataType> types;   // per-field types, by name, instead of inference
  std::size_t infer_rows = 1000;
  std::string source_name = "input";
  std::uint64_t first_line = 1;
};

class CsvDecoder {
 public:
  explicit CsvDecoder(CsvDecodeOptions options = {});
  // For records without a header line whose fields are `schema`'s (a TCP line, a Kafka
  // value): names, order, width and types come from the schema, not from the first record.
  static std::unique_ptr<CsvDecoder> for_schema(const Schema& schema);

  void feed(std::string_view chunk);
  // The end of the input: decodes a last row without a line break, reports an unterminated
  // quote, and fixes the schema if fewer than infer_rows rows came.
  void finish();

  bool schema_known() const { return schema_known_; }
  // Empty until schema_known().
  const Schema& schema() const { return batch_.schema(); }
  // The rows decoded so far, in input order; the decoder keeps going with an empty batch.
  Batch take_batch();
  std::vector<DeadLetter> take_dead_letters();

 private:
  enum class State : std::uint8_t { field_start, unquoted, quoted, quoted_quote };

  // A row held back while types are inferred.
  struct PendingRow {
    std::string raw, chars, error;
    std::vector<std::uint32_t> ends;
    std::vector<std::uint8_t> quoted;
    std::uint64_t line;
  };

  void parse(std::string_view chunk);
  void end_field();
  void end_record();
  void reset_record();
  void handle_record();
  void process(std::string_view raw, std::string_view chars, const std::vector<std::uint32_t>& ends,
               const std::vector<std::uint8_t>& quoted, std::string_view error, std::uint64_t line);
  void observe_types(std::string_view chars, const std::vector<std::uint32_t>& ends,
                     const std::vector<std::uint8_t>& quoted);
  void fix_schema();
  void append_row(std::string_view raw, std::string_view chars, const std::vector<std::uint32_t>& ends,
                  const std::vector<std::uint8_t>& quoted, std::uint64_t line);
  void dead_letter(std::string reason, std::string_view raw, std::uint64_t line);

  CsvDecodeOptions options_;
  // Parser state, kept across feed() calls.
  bool bom_checked_ = false;
  std::string start_;          // the first bytes, until it is known whether they are a BOM
  State state_ = State::field_start;
  bool skip_lf_ = false;       // a CR ended the last row; an LF right after it belongs to it
  bool field_quoted_ = false;
  std::uint64_t line_;         // line of the next byte
  std::uint64_t row_line_;     // line where the current row started
  std::string raw_;            // the current row as read
  std::string chars_;          // its field values, unquoted, back to back
  std::vector<std::uint32_t> ends_;
  std::vector<std::uint8_t> quoted_;
  std::string row_error_;
  // Schema state.
  bool header_done_;
  std::vector<std::string> names_;
  std::vector<unsigned> candidates_;  // per column: types every value so far fits
  std::vector<PendingRow> pending_;
  bool schema_known_ = false;
  Batch batch_;
  std::vector<DeadLetter> dead_;
  struct Value {
    bool valid;
    std::int64_t i;
    double d;
    std::string_view s;
  };
  std::vector<Value> values_;  // the row being appended, reused
};

}  // namespace tributary::io
