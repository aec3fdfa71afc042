#include "ui/docks/param_editors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cstdint>

#include "ui/docks/expression_edit.h"
#include "ui/docks/object_list_editor.h"

namespace tributary::ui {
namespace {

using nlohmann::json;
using pipeline::ParamSpec;

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

QVBoxLayout* bareLayout(QWidget* w) {
  auto* layout = new QVBoxLayout(w);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  return layout;
}

QString joinStrings(const json& v, const QString& sep) {
  QStringList parts;
  if (v.is_array()) {
    for (const auto& x : v) {
      if (x.is_string()) parts << q(x.get<std::string>());
    }
  }
  return parts.join(sep);
}

json stringArray(const QStringList& parts) {
  json out = json::array();
  for (const auto& p : parts) {
    if (!p.trimmed().isEmpty()) out.push_back(p.trimmed().toStdString());
  }
  return out;
}

// string, and a string list written "a, b, c".
class TextEditor : public ParamEditor {
 public:
  TextEditor(const ParamSpec& spec, bool list) : ParamEditor(spec), list_(list) {
    bareLayout(this)->addWidget(edit_ = new QLineEdit);
    if (list_) {
      edit_->setPlaceholderText(ParamEditor::tr("Values separated by commas"));
    } else if (spec.default_value.is_string()) {
      edit_->setPlaceholderText(q(spec.default_value.get<std::string>()));
    }
    connect(edit_, &QLineEdit::textEdited, this, [this](const QString& text) {
      if (text.isEmpty()) return emitEdited(json());
      emitEdited(list_ ? stringArray(text.split(QLatin1Char(','))) : json(text.toStdString()));
    });
  }
  void setValue(const json& value) override {
    const QString text = list_ ? joinStrings(value, QStringLiteral(", "))
                               : (value.is_string() ? q(value.get<std::string>()) : QString());
    if (text != edit_->text()) edit_->setText(text);
  }

 private:
  bool list_;
  QLineEdit* edit_;
};

// A QSpinBox when the declared range fits in an int; otherwise (times in ms, seeds) a spin box
// over doubles without decimals, exact for integers up to 2^53.
class IntegerEditor : public ParamEditor {
 public:
  explicit IntegerEditor(const ParamSpec& spec) : ParamEditor(spec) {
    constexpr double kExact = 9007199254740992.0;  // 2^53
    const double lo = spec.min.value_or(-kExact), hi = spec.max.value_or(kExact);
    if (lo >= INT_MIN && hi <= INT_MAX) {
      bareLayout(this)->addWidget(spin_ = new QSpinBox);
      spin_->setRange(static_cast<int>(lo), static_cast<int>(hi));
      connect(spin_, &QSpinBox::valueChanged, this, [this](int v) { emitEdited(json(v)); });
    } else {
      bareLayout(this)->addWidget(wide_ = new QDoubleSpinBox);
      wide_->setDecimals(0);
      wide_->setRange(std::max(lo, -kExact), std::min(hi, kExact));
      connect(wide_, &QDoubleSpinBox::valueChanged, this,
              [this](double v) { emitEdited(json(static_cast<std::int64_t>(v))); });
    }
  }
  void setValue(const json& value) override {
    const json v = shown(value);
    if (spin_) {
      const QSignalBlocker block(spin_);
      spin_->setValue(v.is_number() ? static_cast<int>(std::clamp<double>(
                                          v.get<double>(), spin_->minimum(), spin_->maximum()))
                                    : std::max(0, spin_->minimum()));
    } else {
      const QSignalBlocker block(wide_);
      wide_->setValue(v.is_number() ? v.get<double>() : std::max(0.0, wide_->minimum()));
    }
  }

 private:
  QSpinBox* spin_ = nullptr;
  QDoubleSpinBox* wide_ = nullptr;
};

class NumberEditor : public ParamEditor {
 public:
  explicit NumberEditor(const ParamSpec& spec) : ParamEditor(spec) {
    bareLayout(this)->addWidget(spin_ = new QDoubleSpinBox);
    spin_->setDecimals(4);
    spin_->setRange(spec.min.value_or(-1e12), spec.max.value_or(1e12));
    connect(spin_, &QDoubleSpinBox::valueChanged, this, [this](double v) { emitEdited(json(v)); });
  }
  void setValue(const json& value) override {
    const json v = shown(value);
    const QSignalBlocker block(spin_);
    spin_->setValue(v.is_number() ? v.get<double>() : std::max(0.0, spin_->minimum()));
  }

 private:
  QDoubleSpinBox* spin_;
};

class BooleanEditor : public ParamEditor {
 public:
  explicit BooleanEditor(const ParamSpec& spec) : ParamEditor(spec) {
    bareLayout(this)->addWidget(box_ = new QCheckBox);
    connect(box_, &QCheckBox::toggled, this, [this](bool on) { emitEdited(json(on)); });
  }
  void setValue(const json& value) override {
    const json v = shown(value);
    const QSignalBlocker block(box_);
    box_->setChecked(v.is_boolean() && v.get<bool>());
  }

 private:
  QCheckBox* box_;
};

class ChoiceEditor : public ParamEditor {
 public:
  explicit ChoiceEditor(const ParamSpec& spec) : ParamEditor(spec) {
    bareLayout(this)->addWidget(combo_ = new QComboBox);
    for (const auto& c : spec.choices) combo_->addItem(q(c));
    connect(combo_, &QComboBox::activated, this,
            [this](int i) { emitEdited(json(combo_->itemText(i).toStdString())); });
  }
  void setValue(const json& value) override {
    const json v = shown(value);
    const QSignalBlocker block(combo_);
    combo_->setCurrentIndex(v.is_string() ? combo_->findText(q(v.get<std::string>())) : -1);
  }

 private:
  QComboBox* combo_;
};

// One field of the input: the upstream fields to pick from, or a name typed in.
class FieldEditor : public ParamEditor {
 public:
  explicit FieldEditor(const ParamSpec& spec) : ParamEditor(spec) {
    bareLayout(this)->addWidget(combo_ = new QComboBox);
    combo_->setEditable(true);
    combo_->setInsertPolicy(QComboBox::NoInsert);
    connect(combo_, &QComboBox::currentTextChanged, this, [this](const QString& text) {
      emitEdited(text.isEmpty() ? json() : json(text.toStdString()));
    });
  }
  void setValue(const json& value) override {
    const json v = shown(value);
    const QString text = v.is_string() ? q(v.get<std::string>()) : QString();
    if (text == combo_->currentText()) return;
    const QSignalBlocker block(combo_);
    combo_->setCurrentText(text);
  }
  void setInput(const QStringList& fields, const std::optional<Schema>&) override {
    const QSignalBlocker block(combo_);
    const QString current = combo_->currentText();
    combo_->clear();
    combo_->addItems(fields);
    combo_->setCurrentText(current);
  }

 private:
  QComboBox* combo_;
};

// Several fields of the input, in the order written: upstream fields to tick, and written
// names that are not upstream (shown so that they can be unticked).
class FieldListEditor : public ParamEditor {
 public:
  explicit FieldListEditor(const ParamSpec& spec) : ParamEditor(spec) {
    bareLayout(this)->addWidget(list_ = new QListWidget);
    // A fixed height: the form would otherwise give the list its whole size hint.
    list_->setFixedHeight(list_->fontMetrics().height() * 7);
    connect(list_, &QListWidget::itemChanged, this, [this] {
      if (filling_) return;
      QStringList ticked;
      for (int i = 0; i < list_->count(); ++i) {
        if (list_->item(i)->checkState() == Qt::Checked) ticked << list_->item(i)->text();
      }
      value_ = ticked;
      emitEdited(ticked.isEmpty() ? json() : stringArray(ticked));
    });
  }
  void setValue(const json& value) override {
    const json v = shown(value);
    QStringList names;
    if (v.is_array()) {
      for (const auto& x : v) {
        if (x.is_string()) names << q(x.get<std::string>());
      }
    }
    if (names == value_ && list_->count() > 0) return;
    value_ = names;
    fill();
  }
  void setInput(const QStringList& fields, const std::optional<Schema>&) override {
    fields_ = fields;
    fill();
  }

 private:
  void fill() {
    filling_ = true;
    list_->clear();
    QStringList all = value_;
    for (const auto& f : fields_) {
      if (!all.contains(f)) all << f;
    }
    for (const auto& name : all) {
      auto* item = new QListWidgetItem(name, list_);
      item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
      item->setCheckState(value_.contains(name) ? Qt::Checked : Qt::Unchecked);
      if (!fields_.contains(name)) item->setToolTip(ParamEditor::tr("Not a field of the input"));
    }
    filling_ = false;
  }

  QListWidget* list_;
  QStringList value_, fields_;
  bool filling_ = false;
};

class ExpressionEditor : public ParamEditor {
 public:
  explicit ExpressionEditor(const ParamSpec& spec) : ParamEditor(spec) {
    bareLayout(this)->addWidget(edit_ = new ExpressionEdit);
    connect(edit_, &ExpressionEdit::textEdited, this, [this](const QString& text) {
      emitEdited(text.isEmpty() ? json() : json(text.toStdString()));
    });
  }
  void setValue(const json& value) override {
    const json v = shown(value);
    edit_->setText(v.is_string() ? q(v.get<std::string>()) : QString());
  }
  void setInput(const QStringList&, const std::optional<Schema>& schema) override {
    edit_->setSchema(schema);
  }

 private:
  ExpressionEdit* edit_;
};

// Multi-line text: several expressions one per line, or JSON (aggregates, computed fields,
// a schema) checked as it is typed and only sent when it parses.
class BlockEditor : public ParamEditor {
 public:
  BlockEditor(const ParamSpec& spec, bool lines) : ParamEditor(spec), lines_(lines) {
    auto* layout = bareLayout(this);
    layout->addWidget(edit_ = new QPlainTextEdit);
    layout->addWidget(status_ = new QLabel);
    status_->setWordWrap(true);
    status_->hide();
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    edit_->setFont(mono);
    edit_->setFixedHeight(edit_->fontMetrics().height() * 5);
    edit_->setTabChangesFocus(true);
    edit_->setPlaceholderText(placeholder(spec.type));
    connect(edit_, &QPlainTextEdit::textChanged, this, [this] {
      if (filling_) return;
      const QString text = edit_->toPlainText();
      if (text.trimmed().isEmpty()) return emitEdited(json());
      if (lines_) return emitEdited(stringArray(text.split(QLatin1Char('\n'))));
      const json parsed = json::parse(text.toStdString(), nullptr, false);
      status_->setVisible(parsed.is_discarded());
      status_->setText(ParamEditor::tr("Not valid JSON yet"));
      if (!parsed.is_discarded()) emitEdited(parsed);
    });
  }
  void setValue(const json& value) override {
    const json v = shown(value);
    if (v == current()) return;
    filling_ = true;
    if (lines_) {
      edit_->setPlainText(joinStrings(v, QStringLiteral("\n")));
    } else {
      edit_->setPlainText(v.is_null() ? QString() : q(v.dump(2)));
    }
    filling_ = false;
  }

 private:
  static QString placeholder(pipeline::ParamType type) {
    switch (type) {
      case pipeline::ParamType::aggregates:
        return QStringLiteral(R"([{"fn": "count", "as": "n"}])");
      case pipeline::ParamType::map_fields:
        return QStringLiteral(R"([{"as": "y", "expr": "x * 2"}])");
      case pipeline::ParamType::fields:
        return QStringLiteral(R"({"name": "string", "value": "double"})");
      default:
        return ParamEditor::tr("One expression per line");
    }
  }
  json current() const {
    const QString text = edit_->toPlainText();
    if (lines_) return stringArray(text.split(QLatin1Char('\n')));
    if (text.trimmed().isEmpty()) return json();
    return json::parse(text.toStdString(), nullptr, false);
  }

  bool lines_;
  bool filling_ = false;
  QPlainTextEdit* edit_;
  QLabel* status_;
};

// A file path, relative to the pipeline's folder when the file is inside it.
class PathEditor : public ParamEditor {
 public:
  PathEditor(const ParamSpec& spec, bool forWriting, const QString& baseDir)
      : ParamEditor(spec), forWriting_(forWriting), baseDir_(baseDir) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit_ = new QLineEdit);
    auto* browse = new QToolButton;
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(ParamEditor::tr("Choose a file"));
    row->addWidget(browse);
    connect(edit_, &QLineEdit::textEdited, this, [this](const QString& text) {
      emitEdited(text.isEmpty() ? json() : json(text.toStdString()));
    });
    connect(browse, &QToolButton::clicked, this, &PathEditor::choose);
  }
  void setValue(const json& value) override {
    const QString text = value.is_string() ? q(value.get<std::string>()) : QString();
    if (text != edit_->text()) edit_->setText(text);
  }

 private:
  void choose() {
    const QDir base(baseDir_.isEmpty() ? QDir::currentPath() : baseDir_);
    const QString start = base.absoluteFilePath(edit_->text());
    const QString file =
        forWriting_
            ? QFileDialog::getSaveFileName(this, ParamEditor::tr("Output file"), start, QString(),
                                           nullptr, QFileDialog::DontConfirmOverwrite)
            : QFileDialog::getOpenFileName(this, ParamEditor::tr("Input file"), start);
    if (file.isEmpty()) return;
    const QString relative = base.relativeFilePath(file);
    edit_->setText(relative.startsWith(QLatin1String("..")) ? file : relative);
    emitEdited(json(edit_->text().toStdString()));
  }

  bool forWriting_;
  QString baseDir_;
  QLineEdit* edit_;
};

}  // namespace

ParamEditor* createParamEditor(const ParamSpec& spec, const QString& category,
                               const QString& baseDir, QWidget* parent) {
  using pipeline::ParamType;
  ParamEditor* editor = nullptr;
  switch (spec.type) {
    case ParamType::string:
      editor = new TextEditor(spec, false);
      break;
    case ParamType::string_list:
      editor = new TextEditor(spec, true);
      break;
    case ParamType::integer:
      editor = new IntegerEditor(spec);
      break;
    case ParamType::number:
      editor = new NumberEditor(spec);
      break;
    case ParamType::boolean:
      editor = new BooleanEditor(spec);
      break;
    case ParamType::choice:
      editor = new ChoiceEditor(spec);
      break;
    case ParamType::field:
      editor = new FieldEditor(spec);
      break;
    case ParamType::field_list:
      editor = new FieldListEditor(spec);
      break;
    case ParamType::expression:
      editor = new ExpressionEditor(spec);
      break;
    case ParamType::expression_list:
      editor = new BlockEditor(spec, true);
      break;
    case ParamType::aggregates:
    case ParamType::map_fields:
      // A table where the spec declares the objects' keys; JSON text otherwise.
      editor = spec.item_fields.empty() ? static_cast<ParamEditor*>(new BlockEditor(spec, false))
                                        : new ObjectListEditor(spec, new BlockEditor(spec, false));
      break;
    case ParamType::fields:
      editor = new BlockEditor(spec, false);
      break;
    case ParamType::path:
      editor = new PathEditor(spec, category == QLatin1String("sink"), baseDir);
      break;
  }
  editor->setParent(parent);
  editor->setObjectName(QString::fromStdString(spec.name));
  return editor;
}

}  // namespace tributary::ui
