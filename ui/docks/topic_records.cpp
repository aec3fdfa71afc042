#include "ui/docks/topic_records.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <limits>

#include "runtime/topic_browser.h"

namespace tributary::ui {

TopicRecordsView::TopicRecordsView(QWidget* parent)
    : QWidget(parent),
      partition_(new QSpinBox),
      offset_(new QSpinBox),
      status_(new QLabel),
      table_(new QTableWidget(0, 4)) {
  partition_->setObjectName(QStringLiteral("partition"));
  offset_->setObjectName(QStringLiteral("offset"));
  offset_->setMaximum(std::numeric_limits<int>::max());
  auto* readButton = new QPushButton(tr("Read"));
  readButton->setObjectName(QStringLiteral("read"));
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Partition")));
  bar->addWidget(partition_);
  bar->addWidget(new QLabel(tr("From offset")));
  bar->addWidget(offset_);
  bar->addWidget(readButton);
  bar->addWidget(status_, 1);
  table_->setHorizontalHeaderLabels({tr("Offset"), tr("Time"), tr("Key"), tr("Value")});
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(table_);
  connect(readButton, &QPushButton::clicked, this, &TopicRecordsView::read);
  connect(offset_, &QSpinBox::editingFinished, this, &TopicRecordsView::read);
  connect(partition_, &QSpinBox::valueChanged, this, &TopicRecordsView::read);
}

QString TopicRecordsView::message() const {
  return status_->text();
}

void TopicRecordsView::showTopic(const QString& topic) {
  topic_ = topic;
  auto topics = runtime::list_topics(dataDir_.toStdString());
  int partitions = 1;
  std::int64_t end = 0;
  if (topics.ok()) {
    for (const auto& t : *topics) {
      if (t.name != topic.toStdString()) continue;
      partitions = std::max<int>(1, static_cast<int>(t.partitions.size()));
      if (!t.partitions.empty()) end = t.partitions.front().end;
    }
  }
  const QSignalBlocker blocker(partition_);
  partition_->setRange(0, partitions - 1);
  partition_->setValue(0);
  offset_->setValue(static_cast<int>(std::max<std::int64_t>(0, end - kPage)));
  read();
}

void TopicRecordsView::read() {
  table_->setRowCount(0);
  if (topic_.isEmpty()) return;
  auto records = runtime::read_records(dataDir_.toStdString(), topic_.toStdString(),
                                       partition_->value(), offset_->value(), kPage);
  if (!records.ok()) {
    status_->setText(QString::fromStdString(records.status().message()));
    return;
  }
  table_->setRowCount(static_cast<int>(records->size()));
  int row = 0;
  for (const auto& r : *records) {
    const QString time =
        QDateTime::fromMSecsSinceEpoch(r.timestamp, Qt::UTC).toString(Qt::ISODateWithMs);
    const QStringList cells = {QString::number(r.offset), time,
                               r.key ? QString::fromStdString(*r.key) : tr("(none)"),
                               r.value ? QString::fromStdString(*r.value) : tr("(null)")};
    for (int c = 0; c < cells.size(); ++c) table_->setItem(row, c, new QTableWidgetItem(cells[c]));
    ++row;
  }
  status_->setText(tr("%n record(s)", nullptr, row));
}

}  // namespace tributary::ui
