// Browses one topic's records by offset (the Topics dock's lower half): partition, first
// offset, then a page of records (offset, time, key, value) read as an observer beside the run.
#pragma once

#include <QWidget>

class QLabel;
class QSpinBox;
class QTableWidget;

namespace tributary::ui {

class TopicRecordsView : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kPage = 100;

  explicit TopicRecordsView(QWidget* parent = nullptr);

  QTableWidget* table() const { return table_; }
  QSpinBox* partitionBox() const { return partition_; }
  QSpinBox* offsetBox() const { return offset_; }
  QString message() const;

 public slots:
  void setDataDir(const QString& dir) { dataDir_ = dir; }
  // Shows `topic` from the last page of partition 0.
  void showTopic(const QString& topic);
  // Reads a page from the chosen partition and offset.
  void read();

 private:
  QString dataDir_;
  QString topic_;
  QSpinBox* partition_;
  QSpinBox* offset_;
  QLabel* status_;
  QTableWidget* table_;
};

}  // namespace tributary::ui
