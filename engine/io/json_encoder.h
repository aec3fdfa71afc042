// Batch → JSON lines, the format of the jsonl file sink and of topic values. Output is
// byte-deterministic: keys in schema order, no spaces, doubles in their shortest round-trip
// form, timestamps as integers (ms since the epoch), null for nulls and for non-finite doubles.
#pragma once

#include <string>
#include <vector>

#include "core/batch.h"
#include "core/types.h"
#include "io/dead_letter.h"

namespace tributary::io {

class JsonEncoder {
 public:
  explicit JsonEncoder(const Schema& schema);

  // Appends row `row` of `batch` (whose schema is the encoder's) as one object, no newline.
  void append_row(const Batch& batch, std::size_t row, std::string& out) const;
  // Appends every row, each followed by '\n'.
  void append_lines(const Batch& batch, std::string& out) const;

 private:
  std::vector<std::string> key_prefixes_;  // `{"name":` then `,"name":`, escaped once
};

std::string encode_json_lines(const Batch& batch);

// Appends `text` as a JSON string (RFC 8259): quotes, backslashes and control characters
// escaped; other bytes, UTF-8 included, as they are.
void append_json_string(std::string& out, std::string_view text);
// A dead letter as one JSON object: {"reason":..,"position":..,"raw":..}, no newline.
void append_dead_letter_json(std::string& out, const DeadLetter& letter);

}  // namespace tributary::io
