#include "ui/docks/result_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <utility>

#include "ui/docks/time_series_chart.h"

namespace tributary::ui {
namespace {

// ChartPoint::x is "a number or ms since the epoch": the buffer does not say which, so x values
// all past 1973 (1e11 ms) are taken for times — a plain number axis would print them as 1.7e12.
constexpr double kEpochMsFloor = 1e11;

// The y range with a little room, so that lines do not run along the frame.
std::pair<double, double> padded(double lo, double hi) {
  if (lo > hi) return {0, 1};
  if (lo == hi) return {lo - 1, hi + 1};
  const double pad = (hi - lo) * 0.05;
  return {lo - pad, hi + pad};
}

}  // namespace

ResultChart::ResultChart(const QString& title, QWidget* parent) : QChartView(parent) {
  auto* c = new QChart;
  c->setTitle(title);
  c->legend()->setAlignment(Qt::AlignRight);
  c->setMargins(QMargins(4, 4, 4, 4));
  setChart(c);
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(160);
}

void ResultChart::setAxes(QAbstractAxis* x, QValueAxis* y) {
  for (auto* a : chart()->axes()) {
    chart()->removeAxis(a);
    delete a;
  }
  axisX_ = x;
  axisY_ = y;
  chart()->addAxis(x, Qt::AlignBottom);
  chart()->addAxis(y, Qt::AlignLeft);
}

void ResultChart::clear() {
  chart()->removeAllSeries();
  for (auto* a : chart()->axes()) {
    chart()->removeAxis(a);
    delete a;
  }
  axisX_ = nullptr;
  axisY_ = nullptr;
  lines_.clear();
  sets_.clear();
  barSeries_ = nullptr;
  categories_.clear();
  order_.clear();
}

void ResultChart::showResult(const runtime::ChartProgress& chart) {
  if (chart.series.empty()) return;
  if (chart.bars != bars_ || !axisX_) {
    clear();
    bars_ = chart.bars;
  }
  if (bars_) {
    updateBars(chart.series);
  } else {
    updateLines(chart.series);
  }
}

void ResultChart::updateLines(const std::vector<runtime::ChartSeries>& series) {
  double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
  for (const auto& s : series) {
    for (const auto& p : s.points) {
      xlo = std::min(xlo, p.x);
      xhi = std::max(xhi, p.x);
      ylo = std::min(ylo, p.y);
      yhi = std::max(yhi, p.y);
    }
  }
  if (xlo > xhi) return;
  const bool times = xlo >= kEpochMsFloor;
  if (!axisX_ || times != times_) {
    // A new kind of x: the series move to the new axes.
    chart()->removeAllSeries();
    lines_.clear();
    order_.clear();
    times_ = times;
    QAbstractAxis* x;
    if (times) {
      auto* t = new QDateTimeAxis;
      t->setFormat(QStringLiteral("HH:mm:ss"));
      t->setTitleText(tr("time"));
      x = t;
    } else {
      auto* v = new QValueAxis;
      v->setLabelFormat(QStringLiteral("%.4g"));
      x = v;
    }
    setAxes(x, new QValueAxis);
  }
  for (const auto& s : series) {
    const QString name = QString::fromStdString(s.name);
    QLineSeries* line = lines_.value(name);
    if (!line) {
      line = new QLineSeries;
      line->setName(name);
      chart()->addSeries(line);
      line->attachAxis(axisX_);
      line->attachAxis(axisY_);
      lines_.insert(name, line);
      order_ << name;
      connect(line, &QLineSeries::hovered, this, [this, line](const QPointF& p, bool state) {
        if (!state) return QToolTip::hideText();
        const QString x = times_ ? QDateTime::fromMSecsSinceEpoch(qint64(p.x()))
                                       .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                 : QLocale().toString(p.x(), 'g', 6);
        QToolTip::showText(
            QCursor::pos(),
            QStringLiteral("%1\n%2: %3").arg(line->name(), x, QLocale().toString(p.y(), 'g', 6)),
            this);
      });
      for (auto* marker : chart()->legend()->markers(line)) {
        connect(marker, &QLegendMarker::clicked, line,
                [line] { line->setVisible(!line->isVisible()); });
      }
    }
    QList<QPointF> points;
    points.reserve(qsizetype(s.points.size()));
    for (const auto& p : s.points) points.append(QPointF(p.x, p.y));
    line->replace(points);  // one repaint for the whole series
  }
  if (times_) {
    static_cast<QDateTimeAxis*>(axisX_)->setRange(QDateTime::fromMSecsSinceEpoch(qint64(xlo)),
                                                  QDateTime::fromMSecsSinceEpoch(qint64(xhi)));
  } else {
    static_cast<QValueAxis*>(axisX_)->setRange(xlo, xhi > xlo ? xhi : xlo + 1);
  }
  const auto [lo, hi] = padded(ylo, yhi);
  axisY_->setRange(lo, hi);
}

void ResultChart::updateBars(const std::vector<runtime::ChartSeries>& series) {
  // Labels in order of first appearance over all series.
  QStringList categories = categories_;
  double yhi = 0, ylo = 0;
  for (const auto& s : series) {
    for (const auto& p : s.points) {
      const QString label = QString::fromStdString(p.label);
      if (!categories.contains(label)) categories << label;
      yhi = std::max(yhi, p.y);
      ylo = std::min(ylo, p.y);
    }
  }
  if (!barSeries_) {
    barSeries_ = new QBarSeries;
    chart()->addSeries(barSeries_);
    auto* x = new QBarCategoryAxis;
    setAxes(x, new QValueAxis);
    barSeries_->attachAxis(axisX_);
    barSeries_->attachAxis(axisY_);
    connect(barSeries_, &QBarSeries::hovered, this, [this](bool state, int index, QBarSet* set) {
      if (!state) return QToolTip::hideText();
      QToolTip::showText(QCursor::pos(),
                         QStringLiteral("%1\n%2: %3")
                             .arg(set->label(), categories_.value(index),
                                  QLocale().toString(set->at(index), 'g', 6)),
                         this);
    });
  }
  if (categories != categories_) {
    categories_ = categories;
    auto* x = static_cast<QBarCategoryAxis*>(axisX_);
    x->setCategories(categories_);
  }
  for (const auto& s : series) {
    const QString name = QString::fromStdString(s.name);
    QBarSet* set = sets_.value(name);
    if (!set) {
      set = new QBarSet(name);
      barSeries_->append(set);
      sets_.insert(name, set);
      order_ << name;
    }
    // Values in place: a bar keeps its index, so the chart changes height rather than redraws.
    while (set->count() < categories_.size()) set->append(0);
    for (const auto& p : s.points) {
      const int i = int(categories_.indexOf(QString::fromStdString(p.label)));
      if (set->at(i) != p.y) set->replace(i, p.y);
    }
  }
  for (auto* set : std::as_const(sets_)) {
    while (set->count() < categories_.size()) set->append(0);
  }
  axisY_->setRange(ylo < 0 ? -niceCeiling(-ylo) : 0, niceCeiling(yhi));
}

bool ResultChart::savePng(const QString& path) {
  return grab().save(path, "PNG");
}

}  // namespace tributary::ui
