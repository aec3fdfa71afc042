#include "ui/docks/topics_dock.h"

#include <QSplitter>

#include "ui/docks/topic_records.h"

#include <QHeaderView>
#include <QLocale>
#include <QTreeWidget>

namespace tributary::ui {

TopicsDock::TopicsDock(QWidget* parent)
    : QDockWidget(tr("Topics"), parent), list_(new QTreeWidget), records_(new TopicRecordsView) {
  setObjectName(QStringLiteral("topicsDock"));
  list_->setColumnCount(ColumnCount);
  list_->setHeaderLabels(
      {tr("Topic"), tr("Kind"), tr("Partitions"), tr("End offset"), tr("Lag"), tr("Read by")});
  list_->setRootIsDecorated(false);
  list_->setAlternatingRowColors(true);
  list_->setSortingEnabled(true);
  list_->sortByColumn(Name, Qt::AscendingOrder);
  list_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  list_->header()->setStretchLastSection(true);
  // The selected topic's records below the list.
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(list_);
  split->addWidget(records_);
  setWidget(split);
  connect(list_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (item) records_->showTopic(item->text(Name));
  });
}

void TopicsDock::setDataDir(const QString& dir) {
  records_->setDataDir(dir);
  dataDir_ = dir;
  groupsRead_.invalidate();
}

QTreeWidgetItem* TopicsDock::ensureItem(const QString& topic) {
  if (auto* item = items_.value(topic)) return item;
  auto* item = new QTreeWidgetItem(list_);
  item->setText(Name, topic);
  for (int c : {Partitions, EndOffset, Lag})
    item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
  items_.insert(topic, item);
  return item;
}

void TopicsDock::setPlan(const pipeline::Plan* plan) {
  clear();
  if (!plan) return;
  for (const auto& job : plan->jobs) {
    for (const auto& input : job.config.inputs) readers_[input.topic].push_back(job.name);
  }
  for (const auto& t : plan->topics) {
    auto* item = ensureItem(QString::fromStdString(t.name));
    item->setData(Partitions, Qt::DisplayRole, t.partitions);
    QString kind;
    if (t.dead_letters) {
      kind = tr("dead letters");
      QFont italic = item->font(Name);
      italic.setItalic(true);
      for (int c = 0; c < ColumnCount; ++c) item->setFont(c, italic);
      item->setToolTip(Name, tr("The records that node %1 rejected, with their reasons")
                                 .arg(QString::fromStdString(t.node)));
    } else if (t.external) {
      kind = tr("external");
    } else if (t.implicit) {
      kind = tr("internal");
    } else {
      kind = tr("topic");
    }
    item->setText(Kind, kind);
    QStringList jobs;
    for (const auto& j : readers_[t.name]) jobs << QString::fromStdString(j);
    item->setText(Readers, jobs.join(QStringLiteral(", ")));
  }
}

void TopicsDock::showSnapshot(const runtime::Progress& progress) {
  std::map<std::string, std::int64_t> jobLag;
  for (const auto& j : progress.jobs) jobLag[j.name] = j.lag;
  // Committed offsets change at most every few seconds (clients commit every 5 s by default).
  if (!dataDir_.isEmpty() && (!groupsRead_.isValid() || groupsRead_.elapsed() > 2000)) {
    groupsRead_.start();
    groups_.clear();
    if (auto topics = runtime::list_topics(dataDir_.toStdString()); topics.ok()) {
      for (auto& t : *topics) {
        if (!t.groups.empty()) groups_[t.name] = std::move(t.groups);
      }
    }
  }
  const QLocale locale;
  for (const auto& t : progress.topics) {
    auto* item = ensureItem(QString::fromStdString(t.name));
    item->setData(EndOffset, Qt::DisplayRole, qlonglong(t.end_offset));
    item->setToolTip(EndOffset, locale.toString(qlonglong(t.end_offset)));
    // A job reports one lag over all the topics it reads: a topic shows the sum of its
    // readers' lags, exact for the usual job with one input.
    std::int64_t lag = 0;
    bool read = false;
    for (const auto& job : readers_[t.name]) {
      auto it = jobLag.find(job);
      if (it == jobLag.end()) continue;
      lag += it->second;
      read = true;
    }
    QStringList readers;
    for (const auto& job : readers_[t.name]) readers << QString::fromStdString(job);
    for (const auto& g : groups_[t.name]) {
      lag += g.lag;
      read = true;
      readers << tr("group %1").arg(QString::fromStdString(g.group));
    }
    item->setText(Readers, readers.join(QStringLiteral(", ")));
    if (read) {
      item->setData(Lag, Qt::DisplayRole, qlonglong(lag));
    } else {
      item->setData(Lag, Qt::DisplayRole, QVariant());
    }
  }
}

void TopicsDock::clear() {
  list_->clear();
  items_.clear();
  readers_.clear();
}

}  // namespace tributary::ui
