#include "ui/docks/expression_edit.h"

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "stream/expression.h"

namespace tributary::ui {

ExpressionEdit::ExpressionEdit(QWidget* parent)
    : QWidget(parent), edit_(new QLineEdit), status_(new QLabel) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  QFont mono(QStringLiteral("monospace"));
  mono.setStyleHint(QFont::TypeWriter);
  edit_->setFont(mono);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(edit_);
  layout->addWidget(status_);
  connect(edit_, &QLineEdit::textChanged, this, &ExpressionEdit::check);
  connect(edit_, &QLineEdit::textEdited, this, &ExpressionEdit::textEdited);
  check();
}

QString ExpressionEdit::text() const {
  return edit_->text();
}

void ExpressionEdit::setText(const QString& text) {
  if (text != edit_->text()) edit_->setText(text);
}

void ExpressionEdit::setSchema(std::optional<Schema> schema) {
  schema_ = std::move(schema);
  check();
}

void ExpressionEdit::check() {
  error_.clear();
  QString shown;
  if (edit_->text().trimmed().isEmpty()) {
    shown = tr("Enter an expression over the input's fields.");
  } else if (!schema_) {
    shown = tr("Connect an input to check this expression.");
  } else {
    const auto compiled = stream::Expression::compile(edit_->text().toStdString(), *schema_);
    if (compiled.ok()) {
      shown = tr("Type: %1").arg(QString::fromLatin1(type_name(compiled.value().type())));
    } else {
      error_ = QString::fromStdString(compiled.status().message());
      shown = error_;
    }
  }
  status_->setText(shown);
  // A red that reads on the light and on the dark theme.
  QPalette p = palette();
  const bool dark = p.color(QPalette::Window).lightness() < 128;
  const QColor red = dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
  p.setColor(QPalette::WindowText, error_.isEmpty() ? p.color(QPalette::PlaceholderText) : red);
  status_->setPalette(p);
}

}  // namespace tributary::ui
