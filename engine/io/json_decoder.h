// JSON lines → columnar Batch, on the hot path of sources and topic consumers (simdjson DOM,
// one parser reused, no per-record allocation beyond the column arenas).
//
// Only the schema's top-level fields are read; others are skipped. A missing field or JSON
// null is a null. int64 takes JSON integers, double any JSON number, bool true/false, string
// takes JSON strings and the text of numbers (in shortest form) and booleans, timestamp takes an
// integer (ms since the epoch), a string of digits (ms) or ISO-8601 text. Anything else makes the
// whole row a DeadLetter; rows before and after it are kept.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/batch.h"
#include "core/status.h"
#include "core/types.h"
#include "io/dead_letter.h"

namespace tributary::io {

class JsonDecoder {
 public:
  explicit JsonDecoder(Schema schema);
  ~JsonDecoder();
  JsonDecoder(JsonDecoder&&) noexcept;
  JsonDecoder& operator=(JsonDecoder&&) noexcept;

  const Schema& schema() const;

  // Decodes newline-separated records (LF or CRLF; blank lines are skipped) and appends them
  // to `out`. `first_line` is the line number of text's first line, so that dead letters say
  // `source_name:line`. An empty `out` is given the decoder's schema; any other schema is an
  // invalid_argument error (and nothing is decoded).
  Status decode_lines(std::string_view text, std::string_view source_name, std::uint64_t first_line,
                      Batch& out, std::vector<DeadLetter>& dead);
  // Decodes one record, e.g. the value of a log record; `position` names it in a dead letter
  // (`clicks-0@1234`).
  Status decode_value(std::string_view one_record, std::string position, Batch& out,
                      std::vector<DeadLetter>& dead);
  // The same for the hot path of a topic's records: a dead letter's position is
  // `source@offset`, built only then; with `padded`, padding() readable bytes follow the
  // record, which is then parsed where it is instead of copied.
  Status decode_record(std::string_view record, bool padded, std::string_view source,
                       std::int64_t offset, Batch& out, std::vector<DeadLetter>& dead);
  static std::size_t padding();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A schema for JSON lines from a sample: top-level fields in order of first appearance.
// Integers are int64, unless some sample has a fraction or exponent (then double); true/false
// are bool; strings are string; a field seen with different kinds of value, or only as null,
// is string. Fields that only ever hold objects or arrays, and lines that are not JSON
// objects, are left out.
Schema infer_json_schema(std::span<const std::string_view> sample_lines);

}  // namespace tributary::io
