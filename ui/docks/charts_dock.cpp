#include "ui/docks/charts_dock.h"

#include <QFileDialog>
#include <QMessageBox>
#include <QTabWidget>
#include <QToolButton>

#include "ui/docks/result_chart.h"
#include "ui/docks/time_series_chart.h"
#include "ui/document/pipeline_document.h"

namespace tributary::ui {

ChartsDock::ChartsDock(PipelineDocument* document, QWidget* parent)
    : QDockWidget(tr("Charts"), parent),
      document_(document),
      tabs_(new QTabWidget),
      throughput_(new TimeSeriesChart(tr("Throughput per node"), tr("rows/s"))),
      lag_(new TimeSeriesChart(tr("Lag per job (its input topics)"), tr("records"))),
      batch_(new TimeSeriesChart(tr("Batch duration per job"), tr("ms"))) {
  setObjectName(QStringLiteral("chartsDock"));
  // Only rates are smoothed; a lag or a duration is shown as measured.
  lag_->setSmoothing(false);
  batch_->setSmoothing(false);
  tabs_->addTab(throughput_, tr("Throughput"));
  tabs_->addTab(lag_, tr("Lag"));
  tabs_->addTab(batch_, tr("Batch duration"));
  auto* save = new QToolButton;
  save->setText(tr("Save as PNG…"));
  save->setToolTip(tr("Save the chart shown as a PNG image"));
  save->setAutoRaise(true);
  tabs_->setCornerWidget(save, Qt::TopRightCorner);
  connect(save, &QToolButton::clicked, this, &ChartsDock::saveCurrentChart);
  setWidget(tabs_);
}

QString ChartsDock::nodeTitle(const std::string& node) const {
  const QString id = QString::fromStdString(node);
  const pipeline::Node* n = document_ ? document_->node(id) : nullptr;
  return n && !n->label.empty() ? QString::fromStdString(n->label) : id;
}

QString ChartsDock::jobLabel(const std::string& job) const {
  auto it = jobInputs_.find(job);
  if (it == jobInputs_.end() || it->second.isEmpty()) return QString::fromStdString(job);
  return it->second;
}

void ChartsDock::setPlan(const pipeline::Plan* plan) {
  jobInputs_.clear();
  if (!plan) return;
  for (const auto& job : plan->jobs) {
    QStringList topics;
    for (const auto& input : job.config.inputs) topics << QString::fromStdString(input.topic);
    // Two jobs can read the same topics (two sinks after one transform): the job's name tells
    // them apart then.
    QString label = topics.join(QStringLiteral(", "));
    for (const auto& other : plan->jobs) {
      if (other.name == job.name) continue;
      QStringList others;
      for (const auto& input : other.config.inputs) others << QString::fromStdString(input.topic);
      if (others == topics) {
        label = QStringLiteral("%1 → %2").arg(label, QString::fromStdString(job.name));
        break;
      }
    }
    jobInputs_[job.name] = label;
  }
}

void ChartsDock::showSnapshot(const runtime::Progress& progress) {
  // A new run starts its clock at zero again.
  if (progress.elapsed_s < lastElapsed_) clear();
  lastElapsed_ = progress.elapsed_s;
  const double t = progress.elapsed_s;
  for (const auto& s : progress.sources) {
    throughput_->addSample(QString::fromStdString(s.node), t, s.records_per_s);
  }
  for (const auto& n : progress.nodes) {
    throughput_->addSample(QString::fromStdString(n.node), t, n.rows_per_s);
  }
  for (const auto& j : progress.jobs) {
    lag_->addSample(jobLabel(j.name), t, double(j.lag));
    // A duration is a batch's: one point per batch, not one per snapshot.
    auto& seen = batchesSeen_[j.name];
    if (j.batches > seen) {
      seen = j.batches;
      batch_->addSample(jobLabel(j.name), t, j.last_batch_ms);
    }
  }
  for (const auto& c : progress.charts) {
    const QString node = QString::fromStdString(c.node);
    ResultChart* chart = results_.value(node);
    if (!chart) {
      chart = new ResultChart(nodeTitle(c.node));
      results_.insert(node, chart);
      tabs_->addTab(chart, nodeTitle(c.node));
    }
    chart->showResult(c);
  }
}

void ChartsDock::clear() {
  throughput_->clear();
  lag_->clear();
  batch_->clear();
  for (auto* chart : std::as_const(results_)) {
    tabs_->removeTab(tabs_->indexOf(chart));
    chart->deleteLater();
  }
  results_.clear();
  batchesSeen_.clear();
  lastElapsed_ = -1;
}

QString ChartsDock::askPngPath() {
  return QFileDialog::getSaveFileName(
      this, tr("Save Chart"), tabs_->tabText(tabs_->currentIndex()) + QStringLiteral(".png"),
      tr("PNG images (*.png)"));
}

void ChartsDock::saveCurrentChart() {
  QWidget* current = tabs_->currentWidget();
  if (!current) return;
  const QString path = askPngPath();
  if (path.isEmpty()) return;
  bool saved = false;
  if (auto* t = qobject_cast<TimeSeriesChart*>(current)) {
    saved = t->savePng(path);
  } else if (auto* r = qobject_cast<ResultChart*>(current)) {
    saved = r->savePng(path);
  }
  if (!saved) showError(tr("The chart could not be saved to %1.").arg(path));
}

void ChartsDock::showError(const QString& message) {
  QMessageBox::warning(this, tr("Save Chart"), message);
}

}  // namespace tributary::ui
