// The rows of the data preview: a bounded ring buffer of JSON objects (the oldest go first),
// columns the union of their keys in order of appearance. `addSample` takes a node's latest
// sampled rows as one snapshot gives them and keeps only the rows that were not in the
// previous sample (snapshots overlap: the same rows come several times).
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>
#include <deque>
#include <string>
#include <vector>

namespace tributary::ui {

class PreviewModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  explicit PreviewModel(int capacity = 1000, QObject* parent = nullptr);

  int capacity() const { return capacity_; }
  // Returns how many rows were new.
  int addSample(const std::vector<std::string>& sample);
  void clear();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  QStringList columns() const { return columns_; }
  // Header titles for known keys (translated names), instead of the keys themselves.
  void setColumnTitles(const QHash<QString, QString>& titles) { titles_ = titles; }

  // How many of `sample`'s first rows the end of `previous` already held: the longest suffix
  // of previous that equals a prefix of sample (content and position in the sample).
  static std::size_t overlap(const std::vector<std::string>& previous,
                             const std::vector<std::string>& sample);

 private:
  // A row's values by column (a null QString where the row lacks the key).
  using Row = std::vector<QString>;

  int capacity_;
  std::deque<Row> rows_;
  QStringList columns_;
  QHash<QString, QString> titles_;
  std::vector<std::string> previous_;
};

}  // namespace tributary::ui
