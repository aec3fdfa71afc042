#include "ui/docks/history_dock.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "runtime/workspace.h"
#include "ui/docks/time_series_chart.h"

namespace tributary::ui {
namespace {

constexpr int kIdRole = Qt::UserRole;

QString durationText(std::int64_t ms) {
  const std::int64_t s = ms / 1000;
  if (s < 60) return HistoryDock::tr("%1 s").arg(double(ms) / 1000, 0, 'f', 1);
  if (s < 3600) return HistoryDock::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
  return HistoryDock::tr("%1 h %2 min").arg(s / 3600).arg((s / 60) % 60);
}

QString statusText(const std::string& status) {
  if (status == "running") return HistoryDock::tr("running");
  if (status == "finished") return HistoryDock::tr("finished");
  if (status == "stopped") return HistoryDock::tr("stopped");
  if (status == "failed") return HistoryDock::tr("failed");
  return QString::fromStdString(status);
}

}  // namespace

HistoryDock::HistoryDock(QWidget* parent)
    : QDockWidget(tr("History"), parent),
      runs_(new QTreeWidget),
      message_(new QLabel),
      rate_(new TimeSeriesChart(tr("Rows per second per job"), tr("rows/s"))),
      lag_(new TimeSeriesChart(tr("Lag per job"), tr("records"))) {
  setObjectName(QStringLiteral("historyDock"));
  runs_->setColumnCount(ColumnCount);
  runs_->setHeaderLabels({tr("Pipeline"), tr("Started"), tr("Duration"), tr("Status")});
  runs_->setRootIsDecorated(false);
  runs_->setAlternatingRowColors(true);
  runs_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  // A stored run is shown whole, as recorded (one point per batch, nothing to smooth).
  for (auto* chart : {rate_, lag_}) {
    chart->setWindowSeconds(0);
    chart->setSmoothing(false);
  }
  message_->setWordWrap(true);
  message_->setAlignment(Qt::AlignCenter);
  message_->setVisible(false);

  auto* refresh = new QToolButton;
  refresh->setText(tr("Refresh"));
  refresh->setAutoRaise(true);
  connect(refresh, &QToolButton::clicked, this, &HistoryDock::refresh);
  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(refresh, 0, Qt::AlignLeft);
  leftLayout->addWidget(runs_, 1);
  leftLayout->addWidget(message_);
  // The runs, then the two charts side by side: stacked, they would ask the bottom dock area
  // (where History is tabbed with the others) for twice a chart's height.
  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(left);
  split->addWidget(rate_);
  split->addWidget(lag_);
  split->setStretchFactor(1, 1);
  split->setStretchFactor(2, 1);
  setWidget(split);

  connect(runs_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    showRun(item ? item->data(Name, kIdRole).toLongLong() : 0);
  });
}

QString HistoryDock::workspaceFile() const {
  return QDir(dataDir_).filePath(QStringLiteral("workspace.sqlite"));
}

void HistoryDock::setDataDir(const QString& dir) {
  if (dir == dataDir_) return;
  dataDir_ = dir;
  refresh();
}

qint64 HistoryDock::selectedRun() const {
  auto* item = runs_->currentItem();
  return item ? item->data(Name, kIdRole).toLongLong() : 0;
}

void HistoryDock::refresh() {
  const qint64 selected = selectedRun();
  runs_->clear();
  rate_->clear();
  lag_->clear();
  message_->setVisible(false);
  // Workspace::open creates a missing file: a data dir without runs stays untouched.
  if (dataDir_.isEmpty() || !QFileInfo::exists(workspaceFile())) return;
  auto workspace = runtime::Workspace::open(workspaceFile().toStdString());
  auto runs = workspace.ok() ? workspace.value()->runs(kRunsShown)
                             : Result<std::vector<runtime::RunRecord>>(workspace.status());
  if (!runs.ok()) {
    message_->setText(tr("The run history cannot be read: %1")
                          .arg(QString::fromStdString(runs.status().message())));
    message_->setVisible(true);
    return;
  }
  for (const auto& r : runs.value()) {
    auto* item = new QTreeWidgetItem(runs_);
    item->setText(Name, QString::fromStdString(r.name.empty() ? r.pipeline : r.name));
    item->setToolTip(Name, QString::fromStdString(r.file));
    item->setData(Name, kIdRole, qlonglong(r.id));
    item->setText(Started, QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.started_ms),
                                              QLocale::ShortFormat));
    item->setText(Duration, r.ended_ms > 0 ? durationText(r.ended_ms - r.started_ms) : QString());
    item->setText(Status, statusText(r.status));
    if (!r.error.empty()) item->setToolTip(Status, QString::fromStdString(r.error));
  }
  if (selected != 0) selectRun(selected);
}

void HistoryDock::selectRun(qint64 id) {
  for (int i = 0; i < runs_->topLevelItemCount(); ++i) {
    auto* item = runs_->topLevelItem(i);
    if (item->data(Name, kIdRole).toLongLong() == id) {
      runs_->setCurrentItem(item);
      return;
    }
  }
}

void HistoryDock::showRun(qint64 id) {
  rate_->clear();
  lag_->clear();
  if (id == 0 || !QFileInfo::exists(workspaceFile())) return;
  auto workspace = runtime::Workspace::open(workspaceFile().toStdString());
  if (!workspace.ok()) return;
  auto run = workspace.value()->run(id);
  auto batches = workspace.value()->batches(id);
  if (!run.ok() || !batches.ok()) return;
  const std::int64_t start = run.value().started_ms;
  for (const auto& b : batches.value()) {
    const double t = double(b.at_ms - start) / 1000;
    const QString job = QString::fromStdString(b.job);
    rate_->addSample(job, t, b.rows_per_s);
    lag_->addSample(job, t, double(b.lag));
  }
}

}  // namespace tributary::ui
