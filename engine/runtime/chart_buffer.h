// What a sink.chart node keeps for the app's result charts: per series, the latest
// `max_rows` points. A series is one y field, or one y field for one value of the `series`
// field. With a numeric or time x the points are the latest rows in arrival order (a line);
// with a text x each label keeps its latest value (bars of keyed totals, updated in place).
// Fed from job threads, read by the snapshot: all calls are thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/batch.h"

namespace tributary::runtime {

struct ChartPoint {
  double x = 0;       // a number or ms since the epoch; 0 with a label
  std::string label;  // the x value when x is text
  double y = 0;
};

struct ChartSeries {
  std::string name;  // "<series value>", "<y>", or "<series value> <y>" with several y fields
  std::vector<ChartPoint> points;
};

struct ChartSpec {
  std::string x;
  std::vector<std::string> y;
  std::string series;  // "" = one series per y field
  std::size_t max_rows = 1000;
};

class ChartBuffer {
 public:
  explicit ChartBuffer(ChartSpec spec) : spec_(std::move(spec)) {}
  // Rows whose x or y is null are skipped (a null y only for that y).
  void add(const Batch& rows);
  // Series in order of first appearance.
  std::vector<ChartSeries> snapshot() const;
  // Whether the x axis is text (bars) rather than numbers or times (lines).
  bool categorical() const;
  const ChartSpec& spec() const { return spec_; }

 private:
  struct Series {
    std::string name;
    std::deque<ChartPoint> points;
  };
  Series& series(const std::string& name);

  ChartSpec spec_;
  mutable std::mutex mutex_;
  std::vector<Series> series_;
  std::map<std::string, std::size_t> index_;
  int categorical_ = -1;  // unknown until the first rows
};

}  // namespace tributary::runtime
