#include "ui/docks/preview_model.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tributary::ui {

PreviewModel::PreviewModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent), capacity_(capacity) {}

std::size_t PreviewModel::overlap(const std::vector<std::string>& previous,
                                  const std::vector<std::string>& sample) {
  for (std::size_t k = std::min(previous.size(), sample.size()); k > 0; --k) {
    if (std::equal(previous.end() - std::ptrdiff_t(k), previous.end(), sample.begin())) return k;
  }
  return 0;
}

int PreviewModel::addSample(const std::vector<std::string>& sample) {
  const std::size_t known = overlap(previous_, sample);
  previous_ = sample;
  // Only the last `capacity` rows of a large sample would survive anyway.
  std::size_t first = known;
  if (sample.size() - first > std::size_t(capacity_)) first = sample.size() - capacity_;
  // ordered_json: the columns follow the keys as the engine wrote them, not sorted.
  std::vector<nlohmann::ordered_json> fresh;
  for (std::size_t i = first; i < sample.size(); ++i) {
    auto row = nlohmann::ordered_json::parse(sample[i], nullptr, false);
    if (row.is_object()) fresh.push_back(std::move(row));
  }
  QStringList columns = columns_;
  for (const auto& row : fresh) {
    for (const auto& [key, value] : row.items()) {
      const QString name = QString::fromStdString(key);
      if (!columns.contains(name)) columns << name;
    }
  }
  if (columns != columns_) {
    beginInsertColumns({}, int(columns_.size()), int(columns.size()) - 1);
    columns_ = columns;
    endInsertColumns();
  }
  const int drop = int(rows_.size() + fresh.size()) - capacity_;
  if (drop > 0) {
    beginRemoveRows({}, 0, drop - 1);
    rows_.erase(rows_.begin(), rows_.begin() + drop);
    endRemoveRows();
  }
  if (!fresh.empty()) {
    beginInsertRows({}, int(rows_.size()), int(rows_.size() + fresh.size()) - 1);
    for (const auto& row : fresh) {
      Row values(std::size_t(columns_.size()));
      for (const auto& [key, value] : row.items()) {
        const auto column = std::size_t(columns_.indexOf(QString::fromStdString(key)));
        values[column] = value.is_string() ? QString::fromStdString(value.get<std::string>())
                                           : QString::fromStdString(value.dump());
      }
      rows_.push_back(std::move(values));
    }
    endInsertRows();
  }
  return int(fresh.size());
}

void PreviewModel::clear() {
  beginResetModel();
  rows_.clear();
  columns_.clear();
  previous_.clear();
  endResetModel();
}

int PreviewModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(rows_.size());
}

int PreviewModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(columns_.size());
}

QVariant PreviewModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) return {};
  const Row& row = rows_[std::size_t(index.row())];
  const auto column = std::size_t(index.column());
  return column < row.size() && !row[column].isNull() ? QVariant(row[column]) : QVariant();
}

QVariant PreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Horizontal) {
    const QString key = columns_.value(section);
    return titles_.value(key, key);
  }
  return section + 1;
}

}  // namespace tributary::ui
