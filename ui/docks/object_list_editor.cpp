#include "ui/docks/object_list_editor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStyle>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "stream/expression.h"

namespace tributary::ui {
namespace {

using nlohmann::json;
using pipeline::ItemFieldSpec;
using pipeline::ParamSpec;
using pipeline::ParamType;

QString q(const std::string& s) {
  return QString::fromStdString(s);
}

QToolButton* toolButton(const QIcon& icon, const QString& text, const QString& tip) {
  auto* b = new QToolButton;
  b->setIcon(icon);
  b->setText(text);  // shown where the theme has no icon
  b->setToolTip(tip);
  b->setAutoRaise(true);
  return b;
}

// The text of key `key` in object `item`; empty when absent.
QString textOf(const json& item, const std::string& key) {
  const auto it = item.find(key);
  return it != item.end() && it->is_string() ? q(it->get<std::string>()) : QString();
}

}  // namespace

ObjectListEditor::ObjectListEditor(const ParamSpec& spec, ParamEditor* jsonEditor)
    : ParamEditor(spec),
      json_(jsonEditor),
      pages_(new QStackedWidget),
      table_(new QTableWidget),
      add_(toolButton(QIcon::fromTheme(QStringLiteral("list-add")), tr("Add"),
                      tr("Add a row at the end"))),
      remove_(toolButton(QIcon::fromTheme(QStringLiteral("list-remove")), tr("Remove"),
                         tr("Remove the selected row"))),
      up_(toolButton(style()->standardIcon(QStyle::SP_ArrowUp), tr("Move Up"),
                     tr("Move the selected row up"))),
      down_(toolButton(style()->standardIcon(QStyle::SP_ArrowDown), tr("Move Down"),
                       tr("Move the selected row down"))),
      jsonToggle_(toolButton(QIcon(), tr("JSON", "the text format"), tr("Edit the list as JSON"))) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(0, 0, 0, 0);
  bar->setSpacing(0);
  for (auto* b : {add_, remove_, up_, down_}) bar->addWidget(b);
  bar->addStretch(1);
  bar->addWidget(jsonToggle_);
  jsonToggle_->setCheckable(true);
  layout->addLayout(bar);
  layout->addWidget(pages_);
  pages_->addWidget(table_);
  pages_->addWidget(json_);
  add_->setObjectName(QStringLiteral("addRow"));
  remove_->setObjectName(QStringLiteral("removeRow"));
  up_->setObjectName(QStringLiteral("moveRowUp"));
  down_->setObjectName(QStringLiteral("moveRowDown"));
  jsonToggle_->setObjectName(QStringLiteral("editAsJson"));

  const auto& columns = spec.item_fields;
  table_->setColumnCount(int(columns.size()));
  for (int c = 0; c < int(columns.size()); ++c) {
    auto* header = new QTableWidgetItem(q(columns[std::size_t(c)].name));
    header->setToolTip(q(columns[std::size_t(c)].help));
    table_->setHorizontalHeaderItem(c, header);
  }
  table_->verticalHeader()->hide();
  // Every column in view: expressions take the room the others leave, or all share it.
  const bool anyExpression =
      std::any_of(columns.begin(), columns.end(),
                  [](const ItemFieldSpec& f) { return f.type == ParamType::expression; });
  for (int c = 0; c < int(columns.size()); ++c) {
    const bool stretch = !anyExpression || columns[std::size_t(c)].type == ParamType::expression;
    table_->horizontalHeader()->setSectionResizeMode(
        c, stretch ? QHeaderView::Stretch : QHeaderView::Interactive);
    if (!stretch)
      table_->setColumnWidth(c, table_->fontMetrics().horizontalAdvance(QLatin1Char('m')) * 8);
  }
  // Wide enough that the inspector's form puts the table under its label, at full width.
  setMinimumWidth(table_->fontMetrics().horizontalAdvance(QLatin1Char('m')) * 22);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                          QAbstractItemView::AnyKeyPressed);
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 12);
  // A fixed height, as the other multi-line editors: the form would give it its whole hint.
  table_->setFixedHeight(table_->fontMetrics().height() * 9);

  connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (!filling_) setCell(item->row(), item->column(), item->text());
  });
  connect(table_, &QTableWidget::currentCellChanged, this, &ObjectListEditor::updateButtons);
  connect(add_, &QToolButton::clicked, this, &ObjectListEditor::addRow);
  connect(remove_, &QToolButton::clicked, this, &ObjectListEditor::removeRow);
  connect(up_, &QToolButton::clicked, this, [this] { moveRow(-1); });
  connect(down_, &QToolButton::clicked, this, [this] { moveRow(1); });
  connect(jsonToggle_, &QToolButton::toggled, this, &ObjectListEditor::showMode);
  // An edit of the text is an edit of the parameter; the table follows when it can.
  json_->onEdited([this](const json& value) {
    fits_ = fitsTable(this->spec(), value);
    if (fits_) {
      items_ = value.is_null() ? json::array() : value;
      fill();
    }
    showMode();
    emitEdited(value);
  });
  fill();
}

bool ObjectListEditor::isTableShown() const {
  return pages_->currentWidget() == table_;
}

bool ObjectListEditor::fitsTable(const ParamSpec& spec, const json& value) {
  if (value.is_null()) return true;
  if (!value.is_array()) return false;
  for (const auto& item : value) {
    if (!item.is_object()) return false;
    for (const auto& [key, v] : item.items()) {
      const bool declared = std::any_of(spec.item_fields.begin(), spec.item_fields.end(),
                                        [&](const ItemFieldSpec& f) { return f.name == key; });
      if (!declared || !v.is_string()) return false;
    }
  }
  return true;
}

void ObjectListEditor::setValue(const json& value) {
  json_->setValue(value);
  const json v = shown(value);
  fits_ = fitsTable(spec(), v);
  if (fits_) {
    const json items = v.is_null() ? json::array() : v;
    if (items != items_) {
      items_ = items;
      fill();
    }
  }
  showMode();
}

void ObjectListEditor::setInput(const QStringList& fields, const std::optional<Schema>& schema) {
  json_->setInput(fields, schema);
  schema_ = schema;
  checkExpressions();
  if (fields == fields_) return;  // (it comes after every edit: keep the combo being typed in)
  fields_ = fields;
  const auto& columns = spec().item_fields;
  for (int c = 0; c < int(columns.size()); ++c) {
    if (columns[std::size_t(c)].type != ParamType::field) continue;
    for (int r = 0; r < table_->rowCount(); ++r) {
      QComboBox* combo = comboAt(r, c);
      if (!combo) continue;
      const QSignalBlocker block(combo);
      const QString current = combo->currentText();
      combo->clear();
      combo->addItems(fields_);
      combo->setCurrentText(current);
    }
  }
}

void ObjectListEditor::fill() {
  filling_ = true;
  const int current = table_->currentRow();
  table_->setRowCount(0);  // the rows' combo boxes go with them
  table_->setRowCount(int(items_.size()));
  for (int r = 0; r < table_->rowCount(); ++r) fillRow(r);
  if (current >= 0 && current < table_->rowCount()) table_->setCurrentCell(current, 0);
  filling_ = false;
  checkExpressions();
  updateButtons();
}

void ObjectListEditor::fillRow(int row) {
  const json& item = items_[std::size_t(row)];
  const auto& columns = spec().item_fields;
  for (int c = 0; c < int(columns.size()); ++c) {
    const ItemFieldSpec& f = columns[std::size_t(c)];
    const QString text = textOf(item, f.name);
    if (f.type == ParamType::choice || f.type == ParamType::field) {
      // The cell's item stays empty; the combo box is what shows and edits it.
      auto* cell = new QTableWidgetItem;
      cell->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
      table_->setItem(row, c, cell);
      auto* combo = new QComboBox;
      combo->setFrame(false);
      if (f.type == ParamType::choice) {
        if (!f.required) combo->addItem(QString());
        for (const auto& choice : f.choices) combo->addItem(q(choice));
        if (combo->findText(text) < 0) combo->addItem(text);  // shown, and reported by validation
        combo->setCurrentIndex(combo->findText(text));
      } else {
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->addItems(fields_);
        combo->setCurrentText(text);
        combo->lineEdit()->setPlaceholderText(f.required ? QString() : tr("(none)"));
      }
      // A choice made, a field picked or typed: an edit of the cell (the row's widgets are
      // made again whenever the rows change, so `row` stays right).
      connect(combo, &QComboBox::currentTextChanged, this, [this, row, c](const QString& t) {
        if (!filling_) setCell(row, c, t);
      });
      combo->setToolTip(q(f.help));
      table_->setCellWidget(row, c, combo);
    } else {
      auto* cell = new QTableWidgetItem(text);
      cell->setToolTip(q(f.help));
      if (f.type == ParamType::expression) {
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::TypeWriter);
        cell->setFont(mono);
      }
      table_->setItem(row, c, cell);
    }
  }
}

QComboBox* ObjectListEditor::comboAt(int row, int column) const {
  return qobject_cast<QComboBox*>(table_->cellWidget(row, column));
}

void ObjectListEditor::checkExpressions() {
  const auto& columns = spec().item_fields;
  const bool wasFilling = filling_;
  filling_ = true;
  for (int c = 0; c < int(columns.size()); ++c) {
    const ItemFieldSpec& f = columns[std::size_t(c)];
    if (f.type != ParamType::expression) continue;
    for (int r = 0; r < table_->rowCount(); ++r) {
      QTableWidgetItem* cell = table_->item(r, c);
      if (!cell) continue;
      QString tip = q(f.help);
      bool bad = false;
      if (schema_ && !cell->text().trimmed().isEmpty()) {
        const auto compiled = stream::Expression::compile(cell->text().toStdString(), *schema_);
        bad = !compiled.ok();
        tip = bad ? q(compiled.status().message())
                  : tr("Type: %1").arg(QString::fromLatin1(type_name(compiled.value().type())));
      }
      cell->setToolTip(tip);
      const bool dark = palette().color(QPalette::Base).lightness() < 128;
      const QColor red = dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
      cell->setForeground(bad ? QBrush(red) : QBrush());
    }
  }
  filling_ = wasFilling;
}

void ObjectListEditor::setCell(int row, int column, const QString& text) {
  if (row < 0 || row >= int(items_.size())) return;
  const ItemFieldSpec& f = spec().item_fields[std::size_t(column)];
  json& item = items_[std::size_t(row)];
  if (text.isEmpty() && !f.required) {
    if (!item.contains(f.name)) return;
    item.erase(f.name);
  } else {
    if (item.contains(f.name) && item[f.name] == text.toStdString()) return;
    item[f.name] = text.toStdString();
  }
  if (f.type == ParamType::expression) checkExpressions();
  commit();
}

void ObjectListEditor::commit() {
  const json value = items_.empty() ? json() : items_;
  json_->setValue(value);
  emitEdited(value);
}

void ObjectListEditor::addRow() {
  // The required keys, filled so that the row is already what validation accepts: the first
  // choice, a name not yet used in its column (after the choice: "count", "count_2"; else
  // "field"), an empty expression to write.
  json item = json::object();
  std::string base = "field";
  for (const auto& f : spec().item_fields) {
    if (!f.required || f.type != ParamType::choice || f.choices.empty()) continue;
    item[f.name] = f.choices.front();
    base = f.choices.front();
    break;
  }
  for (const auto& f : spec().item_fields) {
    if (!f.required || item.contains(f.name)) continue;
    if (f.type != ParamType::string) {
      item[f.name] = f.type == ParamType::choice && !f.choices.empty() ? f.choices.front() : "";
      continue;
    }
    for (int n = 1;; ++n) {
      const std::string name = n == 1 ? base : base + "_" + std::to_string(n);
      const bool used = std::any_of(items_.begin(), items_.end(), [&](const json& other) {
        return other.value(f.name, std::string()) == name;
      });
      if (!used) {
        item[f.name] = name;
        break;
      }
    }
  }
  items_.push_back(item);
  fill();
  table_->setCurrentCell(table_->rowCount() - 1, 0);
  commit();
}

void ObjectListEditor::removeRow() {
  const int row = table_->currentRow();
  if (row < 0 || row >= int(items_.size())) return;
  items_.erase(items_.begin() + row);
  fill();
  if (table_->rowCount() > 0) table_->setCurrentCell(std::min(row, table_->rowCount() - 1), 0);
  commit();
}

void ObjectListEditor::moveRow(int by) {
  const int row = table_->currentRow();
  const int to = row + by;
  if (row < 0 || to < 0 || to >= int(items_.size())) return;
  std::swap(items_[std::size_t(row)], items_[std::size_t(to)]);
  fill();
  table_->setCurrentCell(to, 0);
  commit();
}

void ObjectListEditor::showMode() {
  {
    const QSignalBlocker block(jsonToggle_);
    if (!fits_) jsonToggle_->setChecked(true);
  }
  jsonToggle_->setEnabled(fits_);
  jsonToggle_->setToolTip(fits_ ? tr("Edit the list as JSON")
                                : tr("The table cannot show this value; edit it as JSON"));
  pages_->setCurrentWidget(jsonToggle_->isChecked() ? static_cast<QWidget*>(json_) : table_);
  updateButtons();
}

void ObjectListEditor::updateButtons() {
  const int row = table_->currentRow();
  const bool table = isTableShown();
  add_->setEnabled(table);
  remove_->setEnabled(table && row >= 0);
  up_->setEnabled(table && row > 0);
  down_->setEnabled(table && row >= 0 && row + 1 < table_->rowCount());
}

}  // namespace tributary::ui
