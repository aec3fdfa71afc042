// How grouped operators write keys and aggregate state into checkpoint rows. Shared by the
// windowed and running aggregates and dedupe, so that all of them read back what they wrote.
#pragma once

#include <string>
#include <vector>

#include "core/serialization.h"
#include "stream/aggregate.h"

namespace tributary::stream {

// Appends one key value: tagged and length-prefixed, so that ("a","bc") and ("ab","c")
// differ and equal keys have equal bytes.
void encode_key_part(std::string& out, const Value& v);
// The same bytes for row `row` of `column`, without building a Value.
void encode_key_part(std::string& out, const Column& column, std::size_t row);

void write_value(ByteWriter& w, const Value& v);
Value read_value(ByteReader& r);
void write_values(ByteWriter& w, const std::vector<Value>& values);
std::vector<Value> read_values(ByteReader& r);

void write_agg_state(ByteWriter& w, const AggState& a);
void read_agg_state(ByteReader& r, AggState& a);

}  // namespace tributary::stream
