// A one-line editor for an expression that type-checks it against the input schema as the
// user types, and says below it either the result type or the engine's error.
#pragma once

#include <QWidget>
#include <optional>

#include "core/types.h"

class QLabel;
class QLineEdit;

namespace tributary::ui {

class ExpressionEdit : public QWidget {
  Q_OBJECT

 public:
  explicit ExpressionEdit(QWidget* parent = nullptr);

  QString text() const;
  void setText(const QString& text);
  // The schema the expression is checked against; none while the node has no input.
  void setSchema(std::optional<Schema> schema);

  QLineEdit* lineEdit() const { return edit_; }
  // The engine's error for the current text, empty when it type-checks (or cannot be checked).
  QString errorText() const { return error_; }

 signals:
  void textEdited(const QString& text);

 private:
  void check();

  QLineEdit* edit_;
  QLabel* status_;
  std::optional<Schema> schema_;
  QString error_;
};

}  // namespace tributary::ui
