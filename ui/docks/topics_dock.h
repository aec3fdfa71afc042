// The topics of the running pipeline: partitions, end offset (summed over partitions), the
// lag of the jobs and consumer groups (Kafka clients, `tributary-cli consume --group`) that
// read each one and who those are; dead-letter topics are marked. The list comes from the
// plan (setPlan) and the figures from each snapshot; the groups' committed offsets are read
// every few seconds.
#pragma once

#include <QDockWidget>
#include <QElapsedTimer>
#include <QHash>
#include <map>
#include <string>
#include <vector>

#include "pipeline/plan.h"
#include "runtime/pipeline_run.h"
#include "runtime/topic_browser.h"

class QTreeWidget;
class QTreeWidgetItem;

namespace tributary::ui {

class TopicRecordsView;

class TopicsDock : public QDockWidget {
  Q_OBJECT

 public:
  enum Column { Name, Kind, Partitions, EndOffset, Lag, Readers, ColumnCount };

  explicit TopicsDock(QWidget* parent = nullptr);

  QTreeWidget* list() const { return list_; }
  QTreeWidgetItem* item(const QString& topic) const { return items_.value(topic); }
  TopicRecordsView* records() const { return records_; }

 public slots:
  void setPlan(const tributary::pipeline::Plan* plan);
  void showSnapshot(const tributary::runtime::Progress& progress);
  void clear();
  // Where the selected topic's records are read from (the run's data dir).
  void setDataDir(const QString& dir);

 private:
  QTreeWidgetItem* ensureItem(const QString& topic);

  QTreeWidget* list_;
  TopicRecordsView* records_;
  QHash<QString, QTreeWidgetItem*> items_;
  std::map<std::string, std::vector<std::string>> readers_;  // topic → jobs reading it
  QString dataDir_;
  QElapsedTimer groupsRead_;
  std::map<std::string, std::vector<runtime::GroupLag>> groups_;  // topic → groups reading it
};

}  // namespace tributary::ui
