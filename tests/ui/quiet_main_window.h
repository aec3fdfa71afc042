// A MainWindow whose questions are answered by the test and whose errors are recorded
// instead of shown in a modal message box.
#pragma once

#include <QStringList>

#include "ui/window/main_window.h"

class QuietMainWindow : public tributary::ui::MainWindow {
 public:
  QStringList errors;  // "title: text"
  SaveChoice saveAnswer = SaveChoice::Discard;
  int saveQuestions = 0;
  std::optional<tributary::ui::PipelineDocument::ImportMode> importAnswer;
  QStringList clashes;
  QString savePath;

 protected:
  void showError(const QString& title, const QString& text) override {
    errors << title + QStringLiteral(": ") + text;
  }
  SaveChoice askSaveChanges() override {
    ++saveQuestions;
    return saveAnswer;
  }
  std::optional<tributary::ui::PipelineDocument::ImportMode> askImportMode(
      const QStringList& ids) override {
    clashes = ids;
    return importAnswer;
  }
  QString askOpenPath(const QString&) override { return {}; }
  QString askSavePath(const QString&, const QString&) override { return savePath; }
};
