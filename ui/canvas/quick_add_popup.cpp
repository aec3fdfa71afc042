#include "ui/canvas/quick_add_popup.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/canvas/canvas_style.h"

namespace tributary::ui {

namespace {

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

// A small swatch of the category's colour, so the list reads like the palette.
QIcon categoryIcon(const std::string& category) {
  QPixmap pixmap(16, 16);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(Qt::NoPen);
  painter.setBrush(canvas::categoryColor(category));
  painter.drawRoundedRect(QRectF(0, 0, 16, 16), 3, 3);
  canvas::paintCategoryIcon(&painter, QRectF(0, 0, 16, 16), category);
  return QIcon(pixmap);
}

constexpr int kSearchRole = Qt::UserRole + 1;

}  // namespace

QuickAddPopup::QuickAddPopup(const pipeline::NodeRegistry& kinds, QWidget* parent)
    : QFrame(parent, Qt::Popup), search_(new QLineEdit(this)), list_(new QListWidget(this)) {
  setFrameStyle(QFrame::StyledPanel | QFrame::Plain);
  setAttribute(Qt::WA_DeleteOnClose, false);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  search_->setPlaceholderText(tr("Add a node: type to search"));
  search_->setClearButtonEnabled(true);
  layout->addWidget(search_);
  layout->addWidget(list_);
  list_->setUniformItemSizes(true);
  list_->setFocusPolicy(Qt::NoFocus);  // the field keeps the keys; arrows move the list
  for (const auto& kind : kinds.kinds()) {
    auto* item = new QListWidgetItem(categoryIcon(kind->category),
                                     tr("%1  ·  %2").arg(q(kind->title), q(kind->id)), list_);
    item->setData(Qt::UserRole, q(kind->id));
    item->setData(kSearchRole, q(kind->title + ' ' + kind->id + ' ' + kind->category));
    item->setToolTip(q(kind->help));
  }
  resize(320, 300);
  search_->installEventFilter(this);
  connect(search_, &QLineEdit::textChanged, this, &QuickAddPopup::filter);
  connect(search_, &QLineEdit::returnPressed, this, &QuickAddPopup::choose);
  connect(list_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    list_->setCurrentItem(item);
    choose();
  });
  filter({});
}

void QuickAddPopup::popup(QPoint globalPos) {
  search_->clear();
  filter({});
  move(globalPos);
  show();
  search_->setFocus(Qt::PopupFocusReason);
}

QStringList QuickAddPopup::shownKinds() const {
  QStringList out;
  for (int i = 0; i < list_->count(); ++i) {
    if (!list_->item(i)->isHidden()) out << list_->item(i)->data(Qt::UserRole).toString();
  }
  return out;
}

void QuickAddPopup::filter(const QString& text) {
  // Every word must appear somewhere in the title, id or category.
  const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
  QListWidgetItem* first = nullptr;
  for (int i = 0; i < list_->count(); ++i) {
    QListWidgetItem* item = list_->item(i);
    const QString haystack = item->data(kSearchRole).toString();
    const bool match = std::all_of(words.begin(), words.end(), [&](const QString& w) {
      return haystack.contains(w, Qt::CaseInsensitive);
    });
    item->setHidden(!match);
    if (match && !first) first = item;
  }
  list_->setCurrentItem(first);
}

void QuickAddPopup::choose() {
  QListWidgetItem* item = list_->currentItem();
  if (!item || item->isHidden()) return;
  const QString kind = item->data(Qt::UserRole).toString();
  hide();
  emit kindChosen(kind);
}

bool QuickAddPopup::eventFilter(QObject* watched, QEvent* event) {
  if (watched == search_ && event->type() == QEvent::KeyPress) {
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Up || key == Qt::Key_Down) {
      // Step to the next shown entry.
      const int step = key == Qt::Key_Down ? 1 : -1;
      for (int i = list_->currentRow() + step; i >= 0 && i < list_->count(); i += step) {
        if (!list_->item(i)->isHidden()) {
          list_->setCurrentRow(i);
          break;
        }
      }
      return true;
    }
  }
  return QFrame::eventFilter(watched, event);
}

}  // namespace tributary::ui
