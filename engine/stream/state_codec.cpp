#include "stream/state_codec.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace tributary::stream {

namespace {

void append_key_text(std::string& out, std::size_t tag, std::string_view text) {
  out += static_cast<char>('0' + tag);
  char len[24];
  const auto end = std::to_chars(len, len + sizeof len, text.size()).ptr;
  out.append(len, end);
  out += ':';
  out += text;
}

std::string double_text(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

}  // namespace

void encode_key_part(std::string& out, const Value& v) {
  switch (v.index()) {
    case 1: return append_key_text(out, 1, std::get<bool>(v) ? "1" : "0");
    case 2: return append_key_text(out, 2, std::to_string(std::get<std::int64_t>(v)));
    case 3: return append_key_text(out, 3, double_text(std::get<double>(v)));
    case 4: return append_key_text(out, 4, std::get<std::string>(v));
    default: return append_key_text(out, 0, "");
  }
}

void encode_key_part(std::string& out, const Column& c, std::size_t row) {
  if (c.is_null(row)) return append_key_text(out, 0, "");
  switch (c.type()) {
    case DataType::boolean: return append_key_text(out, 1, c.bools()[row] ? "1" : "0");
    case DataType::int64:
    case DataType::timestamp: {
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, c.ints()[row]).ptr;
      return append_key_text(out, 2, std::string_view(digits, static_cast<std::size_t>(end - digits)));
    }
    case DataType::float64: return append_key_text(out, 3, double_text(c.doubles()[row]));
    case DataType::string: return append_key_text(out, 4, c.string_at(row));
    case DataType::null: break;
  }
  append_key_text(out, 0, "");
}

void write_value(ByteWriter& w, const Value& v) {
  w.varint(static_cast<std::int64_t>(v.index()));
  switch (v.index()) {
    case 1: w.varint(std::get<bool>(v)); break;
    case 2: w.varint(std::get<std::int64_t>(v)); break;
    case 3: w.f64(std::get<double>(v)); break;
    case 4: w.bytes(std::get<std::string>(v)); break;
    default: break;
  }
}

Value read_value(ByteReader& r) {
  switch (r.varint()) {
    case 1: return r.varint() != 0;
    case 2: return r.varint();
    case 3: return r.f64();
    case 4: return std::string(r.bytes());
    default: return {};
  }
}

void write_values(ByteWriter& w, const std::vector<Value>& values) {
  w.varint(static_cast<std::int64_t>(values.size()));
  for (const auto& v : values) write_value(w, v);
}

std::vector<Value> read_values(ByteReader& r) {
  // Bounded so that a corrupt count cannot ask for gigabytes.
  std::vector<Value> out(static_cast<std::size_t>(std::max<std::int64_t>(0, std::min<std::int64_t>(r.varint(), 1 << 20))));
  for (auto& v : out) v = read_value(r);
  return out;
}

void write_agg_state(ByteWriter& w, const AggState& a) {
  w.varint(a.count);
  w.varint(a.int_sum);
  w.f64(a.double_sum);
  write_value(w, a.min);
  write_value(w, a.max);
  w.varint(a.first_time);
  w.varint(a.last_time);
  write_value(w, a.first);
  write_value(w, a.last);
  w.varint(a.distinct ? static_cast<std::int64_t>(a.distinct->size()) : -1);
  if (a.distinct) {
    for (const auto& d : *a.distinct) w.bytes(d);
  }
}

void read_agg_state(ByteReader& r, AggState& a) {
  a.count = r.varint();
  a.int_sum = r.varint();
  a.double_sum = r.f64();
  a.min = read_value(r);
  a.max = read_value(r);
  a.first_time = r.varint();
  a.last_time = r.varint();
  a.first = read_value(r);
  a.last = read_value(r);
  const std::int64_t distinct = r.varint();
  if (distinct >= 0) {
    a.distinct = std::make_shared<std::set<std::string>>();
    for (std::int64_t i = 0; i < distinct && r.ok(); ++i) a.distinct->insert(std::string(r.bytes()));
  }
}

}  // namespace tributary::stream
