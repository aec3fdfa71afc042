#include "io/replay_source.h"

#include <algorithm>
#include <fstream>

#include "io/csv_decoder.h"
#include "io/json_decoder.h"

namespace tributary::io {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;

class ReplaySource final : public RowSource {
 public:
  explicit ReplaySource(ReplaySpec spec)
      : spec_(std::move(spec)), json_(spec_.schema), pending_(spec_.schema) {}

  Status open() {
    in_ = std::ifstream(spec_.path, std::ios::binary);
    if (!in_) return error(ErrorCode::not_found, "cannot read " + spec_.path.string());
    line_ = 1;
    carry_.clear();
    at_start_ = true;
    if (spec_.format == ReplaySpec::Format::csv) {
      CsvDecodeOptions o;
      o.source_name = spec_.path.filename().string();
      for (const auto& f : spec_.schema.fields()) o.types[f.name] = f.type;
      csv_ = std::make_unique<CsvDecoder>(o);
    }
    return {};
  }

  const Schema& schema() const override { return spec_.schema; }
  bool done() const override { return eof_ && pending_at_ >= pending_.num_rows(); }
  std::int64_t position() const override { return next_; }

  Status seek(std::int64_t n) override {
    Batch scratch(spec_.schema);
    std::vector<DeadLetter> dead;
    while (next_ < n && !done()) {
      scratch = Batch(spec_.schema);
      dead.clear();
      TRIB_RETURN_IF_ERROR(
          next(static_cast<std::size_t>(std::min<std::int64_t>(n - next_, 65536)), scratch, dead));
    }
    // Bad lines of the chunk where the seek stops may lie after row n: report them with the
    // next rows, so that a restarted task loses none (those before n come again).
    carried_dead_ = std::move(chunk_dead_);
    return {};
  }

  Status next(std::size_t max, Batch& out, std::vector<DeadLetter>& dead) override {
    for (auto& d : carried_dead_) dead.push_back(std::move(d));
    carried_dead_.clear();
    std::size_t given = 0;
    while (given < max) {
      if (pending_at_ < pending_.num_rows()) {
        for (; pending_at_ < pending_.num_rows() && given < max; ++pending_at_, ++given, ++next_) {
          for (std::size_t c = 0; c < out.num_columns(); ++c)
            out.column(c).append_from(pending_.column(c), pending_at_);
        }
        continue;
      }
      if (eof_) break;
      TRIB_RETURN_IF_ERROR(read_chunk(dead));
    }
    return {};
  }

 private:
  // Decodes the next chunk of the file into pending_.
  Status read_chunk(std::vector<DeadLetter>& dead) {
    pending_ = Batch(spec_.schema);
    pending_at_ = 0;
    const std::size_t dead_before = dead.size();
    std::string chunk(kChunkBytes, '\0');
    in_.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    chunk.resize(static_cast<std::size_t>(in_.gcount()));
    const bool at_end = in_.eof() || chunk.empty();
    if (csv_) {
      csv_->feed(chunk);
      if (at_end) csv_->finish();
      pending_ = by_name(csv_->take_batch());
      for (auto& d : csv_->take_dead_letters()) dead.push_back(std::move(d));
    } else {
      // Whole lines only; the rest waits for the next chunk.
      std::string text = std::move(carry_);
      text += chunk;
      // A UTF-8 byte order mark (as Windows editors write) is not part of the first line.
      if (at_start_ && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
      at_start_ = false;
      const std::size_t newline = text.rfind('\n');
      const std::size_t cut = at_end ? text.size() : newline == std::string::npos ? 0 : newline + 1;
      carry_ = text.substr(cut);
      text.resize(cut);
      TRIB_RETURN_IF_ERROR(
          json_.decode_lines(text, spec_.path.filename().string(), line_, pending_, dead));
      line_ += static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
    }
    chunk_dead_.assign(dead.begin() + static_cast<std::ptrdiff_t>(dead_before), dead.end());
    if (at_end) {
      if (spec_.loop && (next_ + static_cast<std::int64_t>(pending_.num_rows())) > 0) {
        TRIB_RETURN_IF_ERROR(open());  // the next pass; an empty file does not loop forever
      } else {
        eof_ = true;
      }
    }
    return {};
  }

  // The CSV decoder's columns are the header's, in its order: pick the schema's by name, and
  // nulls for a field the header lacks.
  Batch by_name(Batch decoded) const {
    Batch out;
    for (const auto& f : spec_.schema.fields()) {
      const auto at = decoded.schema().index_of(f.name);
      out.add_column(
          f, at ? std::move(decoded.column(*at)) : Column::nulls(f.type, decoded.num_rows()));
    }
    return out;
  }

  ReplaySpec spec_;
  std::ifstream in_;
  JsonDecoder json_;
  std::unique_ptr<CsvDecoder> csv_;
  std::string carry_;
  std::uint64_t line_ = 1;
  Batch pending_;
  std::size_t pending_at_ = 0;
  std::int64_t next_ = 0;
  bool eof_ = false;
  std::vector<DeadLetter> chunk_dead_;    // the bad lines of the chunk in pending_
  std::vector<DeadLetter> carried_dead_;  // kept by seek for the next call
  bool at_start_ = true;                  // the next chunk is a pass's first
};

}  // namespace

Result<std::unique_ptr<RowSource>> make_replay(const ReplaySpec& spec) {
  auto source = std::make_unique<ReplaySource>(spec);
  TRIB_RETURN_IF_ERROR(source->open());
  return std::unique_ptr<RowSource>(std::move(source));
}

}  // namespace tributary::io
