// A record a decoder could not turn into a row. Decoders never drop input silently: what does
// not parse or does not fit the schema ends up here, and decoding goes on with the next row.
#pragma once

#include <string>

namespace tributary::io {

struct DeadLetter {
  std::string reason;    // e.g. "field 'price': expected double, got \"abc\""
  std::string position;  // where the input was: "clicks.csv:17" (file:line) or "clicks-0@1234"
  std::string raw;       // the offending row as it was read, without its line terminator
};

}  // namespace tributary::io
