#include "stream/state_codec.h"

#include <algorithm>
#include <cstdio>

namespace tributary::stream {

void encode_key_part(std::string& out, const Value& v) {
  out += static_cast<char>('0' + v.index());
  std::string text;
  switch (v.index()) {
    case 1: text = std::get<bool>(v) ? "1" : "0"; break;
    case 2: text = std::to_string(std::get<std::int64_t>(v)); break;
    case 3: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", std::get<double>(v));
      text = buf;
      break;
    }
    case 4: text = std::get<std::string>(v); break;
    default: break;
  }
  out += std::to_string(text.size());
  out += ':';
  out += text;
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
