// The canvas's quick-add popup (Tab, or a double-click on empty canvas): a search field over
// the node kinds, filtered as one types by title, id and category; Enter or a click picks the
// highlighted kind and the popup closes.
#pragma once

#include <QFrame>

#include "pipeline/node_kind.h"

class QLineEdit;
class QListWidget;

namespace tributary::ui {

class QuickAddPopup : public QFrame {
  Q_OBJECT

 public:
  explicit QuickAddPopup(const pipeline::NodeRegistry& kinds, QWidget* parent = nullptr);

  // Shows the popup with an empty search at `globalPos`, the field focused.
  void popup(QPoint globalPos);
  QLineEdit* searchField() const { return search_; }
  QListWidget* list() const { return list_; }
  // The kind ids the list shows now, in order.
  QStringList shownKinds() const;

 signals:
  void kindChosen(const QString& kind);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void filter(const QString& text);
  void choose();

  QLineEdit* search_;
  QListWidget* list_;
};

}  // namespace tributary::ui
