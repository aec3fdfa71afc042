// A chart of values over time (seconds on the x axis), one line per named series: the last
// `window` seconds scroll by as samples arrive, rates can be smoothed over one second, a click
// on a legend entry hides or shows its series, hovering a point shows its exact value, and the
// chart saves as PNG. Used live by the charts dock and on stored batches by the history dock.
#pragma once

#include <QChartView>
#include <QHash>
#include <QStringList>
#include <deque>

class QLineSeries;
class QValueAxis;

namespace tributary::ui {

class TimeSeriesChart : public QChartView {
  Q_OBJECT

 public:
  explicit TimeSeriesChart(const QString& title, const QString& unit, QWidget* parent = nullptr);

  // Seconds of history shown and kept; 0 keeps and shows everything (a finished run's history).
  void setWindowSeconds(double seconds) { window_ = seconds; }
  double windowSeconds() const { return window_; }
  // Whether a sample is drawn as the mean of the samples of the last second.
  void setSmoothing(bool on) { smoothing_ = on; }

  // Adds the value of `series` at `t` seconds (the series is created on its first sample).
  void addSample(const QString& series, double t, double value);
  void clear();

  QStringList seriesNames() const { return order_; }
  QLineSeries* series(const QString& name) const { return lines_.value(name); }
  QValueAxis* axisX() const { return axisX_; }
  QValueAxis* axisY() const { return axisY_; }
  bool savePng(const QString& path);

 private:
  struct Raw {
    std::deque<QPointF> lastSecond;  // raw samples for the smoothing
  };
  QLineSeries* ensureSeries(const QString& name);
  void rescale(double t, double y);

  double window_ = 300;
  bool smoothing_ = true;
  double latest_ = 0;
  double lastScan_ = -1;  // when the y axis was last fitted to every point shown
  QStringList order_;
  QHash<QString, QLineSeries*> lines_;
  QHash<QString, Raw> raw_;
  QValueAxis* axisX_;
  QValueAxis* axisY_;
};

// The smallest "nice" number (1, 2 or 5 times a power of ten) at or above `value`.
double niceCeiling(double value);

}  // namespace tributary::ui
