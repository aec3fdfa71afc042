// The run actions (Run F5, Pause F6, Stop Shift+F5, Reset state), the replay-speed choice
// (1x, 10x, 100x, max) and the status-bar figures (engine state, total events/s, total lag),
// all over one EngineController. The main window puts them in its Run toolbar and menu.
#pragma once

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QObject>

#include "runtime/pipeline_run.h"
#include "ui/run/engine_controller.h"

namespace tributary::ui {

class RunControls : public QObject {
  Q_OBJECT

 public:
  RunControls(EngineController* controller, QWidget* parent);

  QAction* runAction() const { return run_; }
  QAction* pauseAction() const { return pause_; }
  QAction* stopAction() const { return stop_; }
  QAction* resetAction() const { return reset_; }
  QComboBox* speedBox() const { return speed_; }
  QLabel* statusLabel() const { return status_; }

  static QString stateText(EngineController::State state);
  // "48.2k" for 48,200: the status bar's and the cards' way of showing counts.
  static QString shortNumber(double value);

 private:
  void updateActions();
  void showSnapshot(const runtime::Progress& p);

  EngineController* controller_;
  QAction* run_;
  QAction* pause_;
  QAction* stop_;
  QAction* reset_;
  QComboBox* speed_;
  QLabel* status_;
  double lastRecords_ = -1;
  double lastElapsed_ = 0;
  double eventsPerSecond_ = 0;
};

}  // namespace tributary::ui
