#include "io/csv_decoder.h"

#include <algorithm>
#include <utility>

#include "io/csv_encoder.h"
#include "io/text_values.h"
#include "io/utf8.h"

namespace tributary::io {

namespace {

enum Candidate : unsigned { kInt = 1, kDouble = 2, kBool = 4, kTimestamp = 8, kAll = 15 };

std::string_view field_at(std::string_view chars, const std::vector<std::uint32_t>& ends, std::size_t k) {
  const std::uint32_t begin = k == 0 ? 0 : ends[k - 1];
  return chars.substr(begin, ends[k] - begin);
}

std::string quoted_for_message(std::string_view text) {
  std::string out = "\"";
  out.append(text.substr(0, 64));
  if (text.size() > 64) out += "...";
  out += '"';
  return out;
}

}  // namespace

std::unique_ptr<CsvDecoder> CsvDecoder::for_schema(const Schema& schema) {
  CsvDecodeOptions o;
  o.infer_rows = 0;
  for (const auto& f : schema.fields()) o.types[f.name] = f.type;
  auto decoder = std::make_unique<CsvDecoder>(o);
  // The schema's names as the header the records lack.
  std::string header;
  CsvEncoder().append_header(schema, header);
  decoder->feed(header);
  return decoder;
}

CsvDecoder::CsvDecoder(CsvDecodeOptions options)
    : options_(std::move(options)),
      line_(options_.first_line),
      row_line_(options_.first_line),
      header_done_(!options_.header) {}

void CsvDecoder::feed(std::string_view chunk) {
  if (!bom_checked_) {
    // Spreadsheets start UTF-8 files with a byte order mark, which would end up in the first name.
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    const std::size_t take = std::min(chunk.size(), kBom.size() - start_.size());
    start_.append(chunk.substr(0, take));
    chunk.remove_prefix(take);
    if (start_.size() < kBom.size() && kBom.starts_with(start_)) return;  // not known yet
    bom_checked_ = true;
    if (start_ != kBom) parse(start_);
    start_.clear();
  }
  parse(chunk);
}

void CsvDecoder::parse(std::string_view chunk) {
  const char* p = chunk.data();
  const std::size_t n = chunk.size();
  const char sep = options_.separator;
  std::size_t seg = 0;  // start of the bytes of this chunk not yet copied to raw_
  for (std::size_t i = 0; i < n; ++i) {
    const char c = p[i];
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') {
        seg = i + 1;
        continue;
      }
    }
    switch (state_) {
      case State::quoted:
        if (c == '"') {
          state_ = State::quoted_quote;
        } else {
          if (c == '\n') ++line_;
          chars_ += c;
        }
        continue;
      case State::quoted_quote:
        if (c == '"') {  // a doubled quote stands for one
          chars_ += '"';
          state_ = State::quoted;
          continue;
        }
        if (c != sep && c != '\n' && c != '\r') {
          if (row_error_.empty()) row_error_ = "field " + std::to_string(ends_.size() + 1) + ": text after the closing quote";
          chars_ += c;
          state_ = State::unquoted;
          continue;
        }
        break;
      case State::field_start:
        if (c == '"') {
          field_quoted_ = true;
          state_ = State::quoted;
          continue;
        }
        break;
      case State::unquoted: break;
    }
    // Outside quotes.
    if (c == sep) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      raw_.append(p + seg, i - seg);
      seg = i + 1;
      ++line_;
      skip_lf_ = c == '\r';
      end_record();
    } else {
      chars_ += c;  // a quote inside an unquoted field is taken as it is
      state_ = State::unquoted;
    }
  }
  raw_.append(p + seg, n - seg);
}

void CsvDecoder::finish() {
  if (!bom_checked_) {
    bom_checked_ = true;
    parse(start_);
  }
  if (state_ == State::quoted) {
    if (!schema_known_) fix_schema();  // rows held back come first: dead letters stay in input order
    dead_letter("unterminated quoted field", raw_, row_line_);
    reset_record();
  } else if (!raw_.empty()) {
    end_record();
  }
  if (!schema_known_) fix_schema();
}

void CsvDecoder::end_field() {
  ends_.push_back(static_cast<std::uint32_t>(chars_.size()));
  quoted_.push_back(field_quoted_ ? 1 : 0);
  field_quoted_ = false;
  state_ = State::field_start;
}

void CsvDecoder::end_record() {
  if (raw_.empty()) {
    // A blank line: a null in a one-column file (that is how one is written), else nothing.
    if (!header_done_ || names_.size() != 1) {
      reset_record();
      return;
    }
  }
  end_field();
  handle_record();
  reset_record();
}

void CsvDecoder::reset_record() {
  raw_.clear();
  chars_.clear();
  ends_.clear();
  quoted_.clear();
  row_error_.clear();
  field_quoted_ = false;
  state_ = State::field_start;
  row_line_ = line_;
}

void CsvDecoder::handle_record() {
  if (!header_done_ || names_.empty()) {
    // The first good row fixes the columns: by its names (a header) or by its width.
    if (!row_error_.empty()) return dead_letter(row_error_, raw_, row_line_);
    if (auto bad = find_invalid_utf8(raw_)) {
      return dead_letter("invalid UTF-8 at byte " + std::to_string(*bad), raw_, row_line_);
    }
    if (header_done_ && !options_.column_names.empty()) {
      // Named columns fix the width: a short first row is a bad row, not the new width.
      names_ = options_.column_names;
    } else {
      for (std::size_t k = 0; k < ends_.size(); ++k) {
        if (!header_done_) names_.emplace_back(field_at(chars_, ends_, k));
        else names_.push_back("column_" + std::to_string(k + 1));
      }
    }
    candidates_.assign(names_.size(), kAll);
    if (!header_done_) {
      header_done_ = true;
      if (options_.infer_rows == 0) fix_schema();
      return;
    }
    if (options_.infer_rows == 0) fix_schema();
  }
  if (schema_known_) return process(raw_, chars_, ends_, quoted_, row_error_, row_line_);
  pending_.push_back({raw_, chars_, row_error_, ends_, quoted_, row_line_});
  if (row_error_.empty() && ends_.size() == names_.size() && !find_invalid_utf8(raw_)) observe_types(chars_, ends_, quoted_);
  if (pending_.size() >= options_.infer_rows) fix_schema();
}

void CsvDecoder::observe_types(std::string_view chars, const std::vector<std::uint32_t>& ends,
                               const std::vector<std::uint8_t>&) {
  for (std::size_t k = 0; k < ends.size(); ++k) {
    unsigned& c = candidates_[k];
    const std::string_view v = field_at(chars, ends, k);
    if (v.empty()) continue;  // null (or "" in a column that turns out not to be string)
    c |= 16;  // has a value
    if ((c & kInt) && !parse_int64(v)) c &= ~kInt;
    if ((c & kDouble) && !parse_double(v)) c &= ~kDouble;
    if ((c & kBool) && !parse_bool(v)) c &= ~kBool;
    if ((c & kTimestamp) && !parse_iso8601_ms(v)) c &= ~kTimestamp;
  }
}

void CsvDecoder::fix_schema() {
  Schema schema;
  for (std::size_t k = 0; k < names_.size(); ++k) {
    DataType type = DataType::string;
    if (auto it = options_.types.find(names_[k]); it != options_.types.end()) {
      type = it->second;
    } else {
      const unsigned c = k < candidates_.size() ? candidates_[k] : 0;
      if (c & 16) {
        if (c & kInt) type = DataType::int64;
        else if (c & kDouble) type = DataType::float64;
        else if (c & kBool) type = DataType::boolean;
        else if (c & kTimestamp) type = DataType::timestamp;
      }
    }
    schema.add({names_[k], type});
  }
  batch_ = Batch(std::move(schema));
  schema_known_ = true;
  values_.resize(names_.size());
  for (const auto& row : pending_) process(row.raw, row.chars, row.ends, row.quoted, row.error, row.line);
  pending_.clear();
  pending_.shrink_to_fit();
}

void CsvDecoder::process(std::string_view raw, std::string_view chars, const std::vector<std::uint32_t>& ends,
                         const std::vector<std::uint8_t>& quoted, std::string_view error, std::uint64_t line) {
  if (!error.empty()) return dead_letter(std::string(error), raw, line);
  if (auto bad = find_invalid_utf8(raw)) return dead_letter("invalid UTF-8 at byte " + std::to_string(*bad), raw, line);
  if (ends.size() != names_.size()) {
    return dead_letter("expected " + std::to_string(names_.size()) + " fields, got " + std::to_string(ends.size()), raw,
                       line);
  }
  append_row(raw, chars, ends, quoted, line);
}

void CsvDecoder::append_row(std::string_view raw, std::string_view chars, const std::vector<std::uint32_t>& ends,
                            const std::vector<std::uint8_t>& quoted, std::uint64_t line) {
  // Convert every value first, so that a bad one leaves the batch untouched.
  for (std::size_t k = 0; k < ends.size(); ++k) {
    Value& v = values_[k];
    const std::string_view text = field_at(chars, ends, k);
    const DataType type = batch_.schema().field(k).type;
    v.valid = !text.empty() || (quoted[k] && type == DataType::string);
    if (!v.valid) continue;
    bool ok = true;
    switch (type) {
      case DataType::int64: {
        auto x = parse_int64(text);
        ok = x.has_value();
        v.i = x.value_or(0);
        break;
      }
      case DataType::timestamp: {
        auto x = parse_int64(text);
        if (!x) x = parse_iso8601_ms(text);
        ok = x.has_value();
        v.i = x.value_or(0);
        break;
      }
      case DataType::float64: {
        auto x = parse_double(text);
        ok = x.has_value();
        v.d = x.value_or(0);
        break;
      }
      case DataType::boolean: {
        auto x = parse_bool(text);
        ok = x.has_value();
        v.i = x.value_or(false);
        break;
      }
      case DataType::string: v.s = text; break;
      case DataType::null: v.valid = false; break;
    }
    if (!ok) {
      return dead_letter("field '" + names_[k] + "': expected " + type_name(type) + ", got " + quoted_for_message(text),
                         raw, line);
    }
  }
  for (std::size_t k = 0; k < ends.size(); ++k) {
    Column& c = batch_.column(k);
    const Value& v = values_[k];
    if (!v.valid) {
      c.append_null();
      continue;
    }
    switch (c.type()) {
      case DataType::int64:
      case DataType::timestamp: c.append_int(v.i); break;
      case DataType::float64: c.append_double(v.d); break;
      case DataType::boolean: c.append_bool(v.i != 0); break;
      case DataType::string: c.append_string(v.s); break;
      case DataType::null: c.append_null(); break;
    }
  }
}

void CsvDecoder::dead_letter(std::string reason, std::string_view raw, std::uint64_t line) {
  dead_.push_back({std::move(reason), options_.source_name + ":" + std::to_string(line), std::string(raw)});
}

Batch CsvDecoder::take_batch() {
  if (!schema_known_) return Batch();
  Batch fresh(batch_.schema());
  std::swap(fresh, batch_);
  return fresh;
}

std::vector<DeadLetter> CsvDecoder::take_dead_letters() { return std::exchange(dead_, {}); }

}  // namespace tributary::io
