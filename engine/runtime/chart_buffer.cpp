#include "runtime/chart_buffer.h"

#include <algorithm>

namespace tributary::runtime {
namespace {

bool numeric(DataType t) {
  return t == DataType::int64 || t == DataType::float64 || t == DataType::timestamp;
}

double number_at(const Column& c, std::size_t i) {
  return c.type() == DataType::float64 ? c.doubles()[i] : static_cast<double>(c.ints()[i]);
}

}  // namespace

ChartBuffer::Series& ChartBuffer::series(const std::string& name) {
  const auto it = index_.find(name);
  if (it != index_.end()) return series_[it->second];
  index_.emplace(name, series_.size());
  series_.push_back({name, {}});
  return series_.back();
}

void ChartBuffer::add(const Batch& rows) {
  const Schema& schema = rows.schema();
  const auto x = schema.index_of(spec_.x);
  if (!x || rows.num_rows() == 0) return;
  const Column& xs = rows.column(*x);
  const bool text_x = !numeric(xs.type());
  std::vector<std::pair<std::string, const Column*>> ys;
  for (const auto& y : spec_.y) {
    const auto i = schema.index_of(y);
    if (i && numeric(rows.column(*i).type())) ys.emplace_back(y, &rows.column(*i));
  }
  const Column* s = nullptr;  // the series field's column, if any
  if (!spec_.series.empty()) {
    if (const auto i = schema.index_of(spec_.series)) s = &rows.column(*i);
  }
  std::lock_guard lock(mutex_);
  if (categorical_ < 0) categorical_ = text_x ? 1 : 0;
  for (std::size_t r = 0; r < rows.num_rows(); ++r) {
    if (xs.is_null(r)) continue;
    ChartPoint p;
    if (text_x)
      p.label = xs.type() == DataType::string ? std::string(xs.string_at(r)) : xs.to_string(r);
    else
      p.x = number_at(xs, r);
    std::string prefix;
    if (s) prefix = s->is_null(r) ? "null" : s->to_string(r);
    for (const auto& [name, column] : ys) {
      if (column->is_null(r)) continue;
      p.y = number_at(*column, r);
      Series& out = series(!s                ? name
                           : ys.size() == 1 ? prefix
                                            : prefix + " " + name);
      if (text_x) {
        // Bars: a label keeps its place and takes its latest value.
        const auto same = std::find_if(out.points.begin(), out.points.end(),
                                       [&](const ChartPoint& q) { return q.label == p.label; });
        if (same != out.points.end()) {
          same->y = p.y;
          continue;
        }
      }
      out.points.push_back(p);
      if (out.points.size() > spec_.max_rows) out.points.pop_front();
    }
  }
}

std::vector<ChartSeries> ChartBuffer::snapshot() const {
  std::lock_guard lock(mutex_);
  std::vector<ChartSeries> out;
  out.reserve(series_.size());
  for (const auto& s : series_) out.push_back({s.name, {s.points.begin(), s.points.end()}});
  return out;
}

bool ChartBuffer::categorical() const {
  std::lock_guard lock(mutex_);
  return categorical_ == 1;
}

}  // namespace tributary::runtime
