// The inspector: a form generated from the selected node's parameter descriptors, one editor
// per ParamType (param_editors.h) with the help text, the node's label, and its problems.
// Every edit is a document command (set parameter, rename), so typing merges into one undo
// step; changes from elsewhere (undo, the canvas) update the form in place.
#pragma once

#include <QDockWidget>
#include <QMap>
#include <QStringList>

class QFormLayout;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace tributary::ui {

class ParamEditor;
class PipelineDocument;

class InspectorDock : public QDockWidget {
  Q_OBJECT

 public:
  explicit InspectorDock(PipelineDocument* document, QWidget* parent = nullptr);

  QString nodeId() const { return node_; }
  ParamEditor* editor(const QString& param) const { return editors_.value(param); }
  QLineEdit* labelEdit() const { return label_; }
  QLabel* problemsLabel() const { return problems_; }
  // The fields arriving at the node, as offered by the field pickers.
  QStringList inputFields() const { return fields_; }

 public slots:
  // The form of one node; several or none show a short note instead.
  void setSelectedNodes(const QStringList& ids);

 private:
  void build();
  void refreshValues();
  void refreshInput();
  void refreshProblems();
  QString baseDir() const;

  PipelineDocument* document_;
  QString node_;
  std::string kind_;  // the kind the form was built for
  QStackedWidget* pages_;
  QLabel* note_;
  QLabel* title_;
  QLabel* help_;
  QLineEdit* label_;
  QLabel* id_;
  QWidget* formBox_;
  QFormLayout* form_ = nullptr;
  QLabel* problems_;
  QMap<QString, ParamEditor*> editors_;
  QStringList fields_;
  QString editing_;  // the parameter whose edit is being applied: not refreshed from the model
};

}  // namespace tributary::ui
