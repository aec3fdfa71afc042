// The editor of a list-of-objects parameter (aggregates, computed fields) as a table: a row
// per object, a column per key the parameter's spec declares (ParamSpec::item_fields), a
// combo box in choice columns, a picker of the upstream fields in field columns, text in the
// others (expressions type-checked against the input, the error as the cell's tooltip). Add,
// Remove, Move Up and Move Down change the rows; every change is one edit of the whole list.
// A JSON toggle shows the list as text instead, and a value the table cannot show (a key the
// spec does not declare, a value that is not a string) opens as text.
#pragma once

#include "ui/docks/param_editors.h"

class QComboBox;
class QStackedWidget;
class QTableWidget;
class QTableWidgetItem;
class QToolButton;

namespace tributary::ui {

class ObjectListEditor : public ParamEditor {
  Q_OBJECT

 public:
  // `jsonEditor` edits the same parameter as text; the table takes it in as its JSON page.
  ObjectListEditor(const pipeline::ParamSpec& spec, ParamEditor* jsonEditor);

  QTableWidget* table() const { return table_; }
  ParamEditor* jsonEditor() const { return json_; }
  QToolButton* addButton() const { return add_; }
  QToolButton* removeButton() const { return remove_; }
  QToolButton* upButton() const { return up_; }
  QToolButton* downButton() const { return down_; }
  QToolButton* jsonButton() const { return jsonToggle_; }
  bool isTableShown() const;
  // Whether the table can show `value` (null and [] can: no rows).
  static bool fitsTable(const pipeline::ParamSpec& spec, const nlohmann::json& value);

  void setValue(const nlohmann::json& value) override;
  void setInput(const QStringList& fields, const std::optional<Schema>& schema) override;

 private:
  void fill();
  void fillRow(int row);
  void showMode();
  void updateButtons();
  void checkExpressions();
  // A cell's new text: written into the list (an empty optional key is left out), then sent.
  void setCell(int row, int column, const QString& text);
  void commit();
  void addRow();
  void removeRow();
  void moveRow(int by);
  QComboBox* comboAt(int row, int column) const;

  ParamEditor* json_;
  QStackedWidget* pages_;
  QTableWidget* table_;
  QToolButton *add_, *remove_, *up_, *down_, *jsonToggle_;
  nlohmann::json items_ = nlohmann::json::array();  // what the table shows
  QStringList fields_;
  std::optional<Schema> schema_;
  bool fits_ = true;  // whether the value fits the table (else only the JSON page shows)
  bool filling_ = false;
};

}  // namespace tributary::ui
