#include "io/json_decoder.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

#include "io/text_values.h"
#include "io/utf8.h"

namespace tributary::io {

// The DOM API rather than On-Demand: the system simdjson compiles On-Demand for the baseline
// CPU named by the compiler flags (its scalar fallback here), while the DOM parser is inside the
// library and picks the AVX2/SSE4.2 kernels at run time.
namespace dom = simdjson::dom;

namespace {

const char* kind_text(dom::element_type t) {
  switch (t) {
    case dom::element_type::ARRAY:
      return "an array";
    case dom::element_type::OBJECT:
      return "an object";
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE:
      return "a number";
    case dom::element_type::STRING:
      return "a string";
    case dom::element_type::BOOL:
      return "a boolean";
    case dom::element_type::NULL_VALUE:
      return "null";
  }
  return "a value";
}

bool is_blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

// What is wrong with a line simdjson refused, in terms a user can act on: simdjson reports a
// cut-off record or text after the object with several different codes.
enum class Shape { truncated, trailing_text, other };

Shape classify(std::string_view s) {
  int depth = 0;
  bool in_string = false, started = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (started && depth == 0) {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return Shape::trailing_text;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
      started = true;
    } else if (c == '}' || c == ']') {
      if (--depth < 0) return Shape::other;
    }
  }
  return in_string || depth > 0 ? Shape::truncated : Shape::other;
}

// A value of the row being decoded; the row is appended only once all of it is known good.
struct Slot {
  bool valid = false;
  std::int64_t i = 0;
  double d = 0;
  bool b = false;
  std::string_view s;
};

}  // namespace

struct JsonDecoder::Impl {
  Schema schema;
  dom::parser parser;
  // A copy of the input with SIMDJSON_PADDING readable bytes after it, reused across calls.
  std::unique_ptr<char[]> padded;
  std::size_t padded_capacity = 0;
  std::vector<Slot> slots;
  std::vector<std::string> scratch;  // text of numbers and booleans read into string fields
  std::string reason;
  std::size_t next_hint = 0;  // fields usually come in schema order: try the next one first

  const Batch* checked = nullptr;  // the last batch whose schema was found equal to ours

  explicit Impl(Schema s) : schema(std::move(s)), slots(schema.size()), scratch(schema.size()) {
    for (const auto& f : schema.fields()) names.push_back({f.name.size(), head_of(f.name), f.name});
  }

  std::string_view pad(std::string_view text) {
    const std::size_t need = text.size() + simdjson::SIMDJSON_PADDING;
    if (need > padded_capacity) {
      std::size_t cap = padded_capacity == 0 ? 4096 : padded_capacity;
      while (cap < need) cap *= 2;
      padded = std::make_unique_for_overwrite<char[]>(cap);
      padded_capacity = cap;
    }
    if (!text.empty()) std::memcpy(padded.get(), text.data(), text.size());
    std::memset(padded.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    return {padded.get(), text.size()};
  }

  // Field names, for the lookup of each key of each record: most keys are told apart by
  // their length and first 8 bytes without a call to memcmp.
  struct Name {
    std::size_t size;
    std::uint64_t head;  // the first (up to) 8 bytes
    std::string_view text;
  };
  std::vector<Name> names;

  static std::uint64_t head_of(std::string_view s) {
    std::uint64_t h = 0;
    std::memcpy(&h, s.data(), std::min<std::size_t>(8, s.size()));
    return h;
  }

  bool same(std::size_t k, std::string_view key) const {
    const Name& n = names[k];
    if (n.size != key.size() || n.head != head_of(key)) return false;
    return n.size <= 8 || std::memcmp(n.text.data() + 8, key.data() + 8, n.size - 8) == 0;
  }

  int field_index(std::string_view key) {
    const std::size_t n = names.size();
    if (next_hint < n && same(next_hint, key)) return static_cast<int>(next_hint++);
    for (std::size_t k = 0; k < n; ++k) {
      if (same(k, key)) {
        next_hint = k + 1;
        return static_cast<int>(k);
      }
    }
    return -1;
  }

  bool fail_json(simdjson::error_code err, std::string_view line) {
    if (err == simdjson::UTF8_ERROR) {
      const auto at = find_invalid_utf8(line);
      reason = "invalid UTF-8 at byte " + std::to_string(at ? *at : 0);
      return false;
    }
    switch (classify(line)) {
      case Shape::truncated:
        reason = "truncated JSON";
        break;
      case Shape::trailing_text:
        reason = "unexpected text after the JSON object";
        break;
      case Shape::other:
        reason = std::string("invalid JSON: ") + simdjson::error_message(err);
        break;
    }
    return false;
  }

  // A scalar as JSON text, for messages and for string fields given numbers or booleans.
  static void scalar_text(dom::element v, std::string& out) {
    switch (v.type()) {
      case dom::element_type::INT64:
        append_int(out, v.get_int64().value_unsafe());
        break;
      case dom::element_type::UINT64:
        out += std::to_string(v.get_uint64().value_unsafe());
        break;
      case dom::element_type::DOUBLE:
        append_double(out, v.get_double().value_unsafe());
        break;
      case dom::element_type::BOOL:
        out += v.get_bool().value_unsafe() ? "true" : "false";
        break;
      case dom::element_type::STRING: {
        const std::string_view s = v.get_string().value_unsafe();
        out += '"';
        out.append(s.substr(0, 64));
        if (s.size() > 64) out += "...";
        out += '"';
        break;
      }
      default:
        out += kind_text(v.type());
        break;
    }
  }

  bool wrong_type(std::size_t k, dom::element v) {
    reason = "field '" + schema.field(k).name + "': expected " + type_name(schema.field(k).type) +
             ", got ";
    scalar_text(v, reason);
    return false;
  }

  // Reads one value into slot `k`, converted to the field's type. simdjson has validated the
  // whole record already, so only the type can be wrong here.
  bool read_value(std::size_t k, dom::element v) {
    Slot& slot = slots[k];
    const dom::element_type t = v.type();
    if (t == dom::element_type::NULL_VALUE) {
      slot.valid = false;
      return true;
    }
    switch (schema.field(k).type) {
      case DataType::int64:
        if (t != dom::element_type::INT64) return wrong_type(k, v);
        slot.i = v.get_int64().value_unsafe();
        break;
      case DataType::timestamp:
        if (t == dom::element_type::INT64) {
          slot.i = v.get_int64().value_unsafe();
        } else if (t == dom::element_type::STRING) {
          const std::string_view text = v.get_string().value_unsafe();
          auto ms = parse_int64(text);
          if (!ms) ms = parse_iso8601_ms(text);
          if (!ms) return wrong_type(k, v);
          slot.i = *ms;
        } else {
          return wrong_type(k, v);
        }
        break;
      case DataType::float64:
        if (t == dom::element_type::DOUBLE)
          slot.d = v.get_double().value_unsafe();
        else if (t == dom::element_type::INT64)
          slot.d = static_cast<double>(v.get_int64().value_unsafe());
        else if (t == dom::element_type::UINT64)
          slot.d = static_cast<double>(v.get_uint64().value_unsafe());
        else
          return wrong_type(k, v);
        break;
      case DataType::boolean:
        if (t != dom::element_type::BOOL) return wrong_type(k, v);
        slot.b = v.get_bool().value_unsafe();
        break;
      case DataType::string:
        if (t == dom::element_type::STRING) {
          slot.s = v.get_string().value_unsafe();
        } else if (t == dom::element_type::OBJECT || t == dom::element_type::ARRAY) {
          return wrong_type(k, v);
        } else {
          std::string& text = scratch[k];
          text.clear();
          scalar_text(v, text);
          slot.s = text;
        }
        break;
      case DataType::null:
        break;
    }
    slot.valid = true;
    return true;
  }

  // Parses one record; `line` must be followed by SIMDJSON_PADDING readable bytes.
  bool parse(std::string_view line) {
    for (auto& s : slots) s.valid = false;
    next_hint = 0;
    dom::element doc;
    if (auto err = parser.parse(line.data(), line.size(), false).get(doc))
      return fail_json(err, line);
    dom::object object;
    if (doc.get_object().get(object) != simdjson::SUCCESS) {
      reason = std::string("expected a JSON object, got ") + kind_text(doc.type());
      return false;
    }
    for (dom::key_value_pair field : object) {
      const int k = field_index(field.key);
      if (k < 0) continue;
      if (!read_value(static_cast<std::size_t>(k), field.value)) return false;
    }
    return true;
  }

  void append_row(Batch& out) {
    for (std::size_t k = 0; k < slots.size(); ++k) {
      Column& c = out.column(k);
      const Slot& s = slots[k];
      if (!s.valid) {
        c.append_null();
        continue;
      }
      switch (c.type()) {
        case DataType::int64:
        case DataType::timestamp:
          c.append_int(s.i);
          break;
        case DataType::float64:
          c.append_double(s.d);
          break;
        case DataType::boolean:
          c.append_bool(s.b);
          break;
        case DataType::string:
          c.append_string(s.s);
          break;
        case DataType::null:
          c.append_null();
          break;
      }
    }
  }

  // Called per record by decode_value(): the full schema comparison runs once per batch.
  Status prepare(Batch& out) {
    if (out.num_columns() == 0 && out.num_rows() == 0) {
      out = Batch(schema);
      checked = &out;
      return {};
    }
    if (&out == checked && out.num_columns() == schema.size()) return {};
    if (out.schema() != schema)
      return error(ErrorCode::invalid_argument, "batch schema differs from the decoder's");
    checked = &out;
    return {};
  }
};

JsonDecoder::JsonDecoder(Schema schema) : impl_(std::make_unique<Impl>(std::move(schema))) {}
JsonDecoder::~JsonDecoder() = default;
JsonDecoder::JsonDecoder(JsonDecoder&&) noexcept = default;
JsonDecoder& JsonDecoder::operator=(JsonDecoder&&) noexcept = default;

const Schema& JsonDecoder::schema() const {
  return impl_->schema;
}

Status JsonDecoder::decode_lines(std::string_view text, std::string_view source_name,
                                 std::uint64_t first_line, Batch& out,
                                 std::vector<DeadLetter>& dead) {
  TRIB_RETURN_IF_ERROR(impl_->prepare(out));
  // One copy of the whole text: every line then has the rest of the buffer as its padding.
  const std::string_view all = impl_->pad(text);
  // Room for every line up front, so that the columns do not regrow as the batch fills.
  const std::size_t lines = static_cast<std::size_t>(std::count(all.begin(), all.end(), '\n')) + 1;
  for (std::size_t k = 0; k < out.num_columns(); ++k) out.column(k).reserve(out.num_rows() + lines);
  std::size_t pos = 0;
  std::uint64_t line_no = first_line;
  while (pos < all.size()) {
    const void* nl = std::memchr(all.data() + pos, '\n', all.size() - pos);
    const std::size_t end =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - all.data()) : all.size();
    std::string_view line = all.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!is_blank(line)) {
      if (impl_->parse(line)) {
        impl_->append_row(out);
      } else {
        std::string position(source_name);
        position += ':';
        position += std::to_string(line_no);
        dead.push_back({std::move(impl_->reason), std::move(position),
                        std::string(text.substr(pos, line.size()))});
      }
    }
    pos = end + 1;
    ++line_no;
  }
  return {};
}

std::size_t JsonDecoder::padding() {
  return simdjson::SIMDJSON_PADDING;
}

Status JsonDecoder::decode_record(std::string_view record, bool padded, std::string_view source,
                                  std::int64_t offset, Batch& out, std::vector<DeadLetter>& dead) {
  TRIB_RETURN_IF_ERROR(impl_->prepare(out));
  auto position = [&] {
    std::string p(source);
    p += '@';
    p += std::to_string(offset);
    return p;
  };
  if (is_blank(record)) {
    dead.push_back({"empty record", position(), std::string(record)});
    return {};
  }
  if (impl_->parse(padded ? record : impl_->pad(record))) {
    impl_->append_row(out);
  } else {
    dead.push_back({std::move(impl_->reason), position(), std::string(record)});
  }
  return {};
}

Status JsonDecoder::decode_value(std::string_view one_record, std::string position, Batch& out,
                                 std::vector<DeadLetter>& dead) {
  TRIB_RETURN_IF_ERROR(impl_->prepare(out));
  if (is_blank(one_record)) {
    dead.push_back({"empty record", std::move(position), std::string(one_record)});
    return {};
  }
  if (impl_->parse(impl_->pad(one_record))) {
    impl_->append_row(out);
  } else {
    dead.push_back({std::move(impl_->reason), std::move(position), std::string(one_record)});
  }
  return {};
}

Schema infer_json_schema(std::span<const std::string_view> sample_lines) {
  // Per field: which kinds of value were seen.
  enum Seen : unsigned { kInt = 1, kDouble = 2, kBool = 4, kString = 8, kNested = 16 };
  std::vector<std::string> names;
  std::vector<unsigned> seen;
  dom::parser parser;
  for (std::string_view sample : sample_lines) {
    dom::element doc;
    dom::object object;
    if (parser.parse(sample).get(doc) || doc.get_object().get(object))
      continue;  // parse() pads a copy
    for (dom::key_value_pair field : object) {
      std::size_t k = 0;
      while (k < names.size() && names[k] != field.key) ++k;
      if (k == names.size()) {
        names.emplace_back(field.key);
        seen.push_back(0);
      }
      switch (field.value.type()) {
        case dom::element_type::INT64:
        case dom::element_type::UINT64:
          seen[k] |= kInt;
          break;
        case dom::element_type::DOUBLE:
          seen[k] |= kDouble;
          break;
        case dom::element_type::STRING:
          seen[k] |= kString;
          break;
        case dom::element_type::BOOL:
          seen[k] |= kBool;
          break;
        case dom::element_type::OBJECT:
        case dom::element_type::ARRAY:
          seen[k] |= kNested;
          break;
        case dom::element_type::NULL_VALUE:
          break;
      }
    }
  }
  Schema schema;
  for (std::size_t k = 0; k < names.size(); ++k) {
    DataType type = DataType::string;
    switch (seen[k]) {
      case kNested:
        continue;
      case kInt:
        type = DataType::int64;
        break;
      case kDouble:
      case kInt | kDouble:
        type = DataType::float64;
        break;
      case kBool:
        type = DataType::boolean;
        break;
      default:
        break;
    }
    schema.add({names[k], type});
  }
  return schema;
}

}  // namespace tributary::io
