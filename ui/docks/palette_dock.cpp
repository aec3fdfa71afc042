#include "ui/docks/palette_dock.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>

#include "ui/document/pipeline_document.h"
#include "ui/icons.h"
#include "ui/kind_titles.h"

namespace tributary::ui {
namespace {

constexpr int kKindRole = Qt::UserRole;

// A tree whose drags carry the kind id.
class PaletteTree : public QTreeWidget {
 public:
  using QTreeWidget::QTreeWidget;

 protected:
  QStringList mimeTypes() const override { return {QString::fromLatin1(kNodeKindMimeType)}; }
  QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override {
    for (auto* item : items) {
      const QString kind = item->data(0, kKindRole).toString();
      if (!kind.isEmpty()) return PaletteDock::mimeDataFor(kind);
    }
    return nullptr;
  }
};

QString categoryTitle(const QString& category) {
  if (category == QLatin1String("source")) return PaletteDock::tr("Sources");
  if (category == QLatin1String("topic")) return PaletteDock::tr("Topics");
  if (category == QLatin1String("window")) return PaletteDock::tr("Windows");
  if (category == QLatin1String("transform")) return PaletteDock::tr("Transforms");
  if (category == QLatin1String("ml")) return PaletteDock::tr("Machine learning");
  if (category == QLatin1String("sink")) return PaletteDock::tr("Sinks");
  return category;
}

}  // namespace

PaletteDock::PaletteDock(PipelineDocument* document, QWidget* parent)
    : QDockWidget(tr("Palette"), parent),
      document_(document),
      search_(new QLineEdit),
      tree_(new PaletteTree) {
  setObjectName(QStringLiteral("paletteDock"));
  search_->setPlaceholderText(tr("Search node kinds"));
  search_->setClearButtonEnabled(true);
  tree_->setHeaderHidden(true);
  tree_->setDragEnabled(true);
  tree_->setDragDropMode(QAbstractItemView::DragOnly);
  tree_->setRootIsDecorated(false);
  tree_->setIconSize(QSize(20, 20));

  auto* box = new QWidget;
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(search_);
  layout->addWidget(tree_);
  setWidget(box);

  populate();
  connect(search_, &QLineEdit::textChanged, this, &PaletteDock::setFilter);
  connect(tree_, &QTreeWidget::itemActivated, this,
          [this](QTreeWidgetItem* item) { activate(item); });
}

void PaletteDock::populate() {
  std::map<std::string, QTreeWidgetItem*> groups;
  for (const auto& kind : document_->kinds().kinds()) {
    const QString category = QString::fromStdString(kind->category);
    auto& group = groups[kind->category];
    if (!group) {
      group = new QTreeWidgetItem(tree_, {categoryTitle(category)});
      group->setFlags(Qt::ItemIsEnabled);
      QFont bold = group->font(0);
      bold.setBold(true);
      group->setFont(0, bold);
      group->setData(0, Qt::UserRole + 1, category);
    }
    auto* item = new QTreeWidgetItem(group, {kindTitle(*kind)});
    item->setData(0, kKindRole, QString::fromStdString(kind->id));
    item->setIcon(0, categoryIcon(category));
    item->setToolTip(0, QStringLiteral("<b>%1</b> <code>%2</code><br>%3")
                            .arg(kindTitle(*kind).toHtmlEscaped(), QString::fromStdString(kind->id),
                                 QString::fromStdString(kind->help).toHtmlEscaped()));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
  }
  tree_->expandAll();
}

void PaletteDock::setFilter(const QString& text) {
  const QString needle = text.trimmed();
  for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
    auto* group = tree_->topLevelItem(g);
    int visible = 0;
    for (int i = 0; i < group->childCount(); ++i) {
      auto* item = group->child(i);
      const auto* kind = document_->kinds().find(item->data(0, kKindRole).toString().toStdString());
      const bool match =
          needle.isEmpty() || item->text(0).contains(needle, Qt::CaseInsensitive) ||
          (kind && (QString::fromStdString(kind->id + ' ' + kind->title)
                        .contains(needle, Qt::CaseInsensitive) ||
                    QString::fromStdString(kind->help).contains(needle, Qt::CaseInsensitive)));
      item->setHidden(!match);
      visible += match ? 1 : 0;
    }
    group->setHidden(visible == 0);
  }
}

void PaletteDock::activate(QTreeWidgetItem* item) {
  const QString kind = item->data(0, kKindRole).toString();
  if (kind.isEmpty()) return;
  const QString id = document_->addNode(kind, freePosition(*document_));
  if (!id.isEmpty()) emit nodeAdded(id);
}

QMimeData* PaletteDock::mimeDataFor(const QString& kind) {
  auto* data = new QMimeData;
  data->setData(QString::fromLatin1(kNodeKindMimeType), kind.toUtf8());
  return data;
}

QPointF PaletteDock::freePosition(const PipelineDocument& document) {
  // The grid matches the auto layout's spacing, so added nodes line up with laid-out ones.
  constexpr double kOrigin = 40, kColumn = 220, kRow = 140;
  const auto& nodes = document.pipeline().nodes;
  for (int cell = 0;; ++cell) {
    const QPointF at(kOrigin + (cell % 6) * kColumn, kOrigin + (cell / 6) * kRow);
    const bool taken = std::any_of(nodes.begin(), nodes.end(), [&](const auto& n) {
      const QPointF p = document.nodePosition(QString::fromStdString(n.id));
      return std::abs(p.x() - at.x()) < kColumn * 0.75 && std::abs(p.y() - at.y()) < kRow * 0.75;
    });
    if (!taken) return at;
  }
}

}  // namespace tributary::ui
