#include "ui/docks/time_series_chart.h"

#include <QChart>
#include <QCursor>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <utility>

namespace tributary::ui {

double niceCeiling(double value) {
  if (value <= 0) return 1;
  const double power = std::pow(10.0, std::floor(std::log10(value)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (value <= step * power * (1 + 1e-9)) return step * power;
  }
  return 10 * power;
}

TimeSeriesChart::TimeSeriesChart(const QString& title, const QString& unit, QWidget* parent)
    : QChartView(parent), axisX_(new QValueAxis), axisY_(new QValueAxis) {
  auto* c = new QChart;
  c->setTitle(title);
  c->legend()->setAlignment(Qt::AlignRight);
  c->setMargins(QMargins(4, 4, 4, 4));
  axisX_->setTitleText(tr("seconds"));
  axisX_->setLabelFormat(QStringLiteral("%.0f"));
  axisX_->setRange(0, window_ > 0 ? window_ : 60);
  axisY_->setTitleText(unit);
  axisY_->setLabelFormat(QStringLiteral("%.4g"));
  axisY_->setRange(0, 1);
  c->addAxis(axisX_, Qt::AlignBottom);
  c->addAxis(axisY_, Qt::AlignLeft);
  setChart(c);
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(160);
}

QLineSeries* TimeSeriesChart::ensureSeries(const QString& name) {
  if (auto* s = lines_.value(name)) return s;
  auto* s = new QLineSeries;
  s->setName(name);
  chart()->addSeries(s);
  s->attachAxis(axisX_);
  s->attachAxis(axisY_);
  lines_.insert(name, s);
  order_ << name;
  connect(s, &QLineSeries::hovered, this, [this, s](const QPointF& p, bool state) {
    if (!state) {
      QToolTip::hideText();
      return;
    }
    QToolTip::showText(QCursor::pos(),
                       tr("%1\n%2 s: %3")
                           .arg(s->name())
                           .arg(p.x(), 0, 'f', 1)
                           .arg(QLocale().toString(p.y(), 'g', 6)),
                       this);
  });
  // The marker exists once the series is in the chart: a click toggles the series, its legend
  // entry stays (dimmed) so that it can be shown again.
  for (auto* marker : chart()->legend()->markers(s)) {
    connect(marker, &QLegendMarker::clicked, this, [marker] {
      auto* series = marker->series();
      series->setVisible(!series->isVisible());
      marker->setVisible(true);
      QFont font = marker->font();
      font.setItalic(!series->isVisible());
      marker->setFont(font);
    });
  }
  return s;
}

void TimeSeriesChart::addSample(const QString& name, double t, double value) {
  QLineSeries* s = ensureSeries(name);
  double y = value;
  if (smoothing_) {
    auto& recent = raw_[name].lastSecond;
    recent.emplace_back(t, value);
    while (!recent.empty() && recent.front().x() <= t - 1.0) recent.pop_front();
    double sum = 0;
    for (const auto& p : recent) sum += p.y();
    y = sum / double(recent.size());
  }
  s->append(t, y);
  if (window_ > 0) {
    // Points left of the window are gone for good: the series stays bounded on long runs.
    int old = 0;
    const int n = s->count();
    while (old < n && s->at(old).x() < t - window_) ++old;
    if (old > 0) s->removePoints(0, old);
  }
  latest_ = std::max(latest_, t);
  rescale(latest_, y);
}

void TimeSeriesChart::rescale(double t, double y) {
  if (window_ > 0) {
    const double left = std::max(0.0, t - window_);
    axisX_->setRange(left, std::max(left + window_, window_));
  } else {
    axisX_->setRange(0, std::max(1.0, t));
  }
  // Grow to the next nice number when a value passes the top; shrink only when everything
  // shown fits in a quarter of it, so that the axis does not jump on every sample. The scan
  // for the shrink runs once a second of chart time: a snapshot adds a sample per node.
  const double current = axisY_->max();
  if (y > current) axisY_->setRange(0, niceCeiling(y));
  if (lastScan_ >= 0 && t >= lastScan_ && t - lastScan_ < 1.0) return;
  lastScan_ = t;
  double top = 0;
  for (auto* s : std::as_const(lines_)) {
    if (!s->isVisible()) continue;
    for (const QPointF& p : s->points()) top = std::max(top, p.y());
  }
  if (top < axisY_->max() / 4) axisY_->setRange(0, niceCeiling(top));
}

void TimeSeriesChart::clear() {
  chart()->removeAllSeries();
  lines_.clear();
  raw_.clear();
  order_.clear();
  latest_ = 0;
  lastScan_ = -1;
  axisX_->setRange(0, window_ > 0 ? window_ : 60);
  axisY_->setRange(0, 1);
}

bool TimeSeriesChart::savePng(const QString& path) {
  return grab().save(path, "PNG");
}

}  // namespace tributary::ui
