// The live result of one sink.chart node: a line per series when x is a number or a time
// (epoch ms on a date-time axis), bars per label when x is text (keyed totals, updated in
// place). Axes follow the data; the chart saves as PNG.
#pragma once

#include <QChartView>
#include <QHash>
#include <QStringList>

#include "runtime/chart_buffer.h"
#include "runtime/pipeline_run.h"

class QAbstractAxis;
class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QLineSeries;
class QValueAxis;

namespace tributary::ui {

class ResultChart : public QChartView {
  Q_OBJECT

 public:
  explicit ResultChart(const QString& title, QWidget* parent = nullptr);

  // The series as the latest snapshot has them (not named update: QWidget::update repaints).
  void showResult(const runtime::ChartProgress& chart);
  void clear();

  bool isBars() const { return bars_; }
  QStringList seriesNames() const { return order_; }
  QLineSeries* lineSeries(const QString& name) const { return lines_.value(name); }
  QBarSeries* barSeries() const { return barSeries_; }
  QStringList categories() const { return categories_; }
  QAbstractAxis* axisX() const { return axisX_; }
  bool savePng(const QString& path);

 private:
  void updateLines(const std::vector<runtime::ChartSeries>& series);
  void updateBars(const std::vector<runtime::ChartSeries>& series);
  void setAxes(QAbstractAxis* x, QValueAxis* y);

  bool bars_ = false;
  bool times_ = false;
  QStringList order_;
  QHash<QString, QLineSeries*> lines_;
  QBarSeries* barSeries_ = nullptr;
  QHash<QString, QBarSet*> sets_;
  QStringList categories_;
  QAbstractAxis* axisX_ = nullptr;
  QValueAxis* axisY_ = nullptr;
};

}  // namespace tributary::ui
