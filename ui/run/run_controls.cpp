#include "ui/run/run_controls.h"

#include <QStyle>
#include <QWidget>

namespace tributary::ui {

RunControls::RunControls(EngineController* controller, QWidget* parent)
    : QObject(parent), controller_(controller) {
  QStyle* style = parent->style();
  run_ = new QAction(style->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), parent);
  run_->setObjectName(QStringLiteral("actionRun"));
  run_->setShortcut(QKeySequence(Qt::Key_F5));
  pause_ = new QAction(style->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), parent);
  pause_->setObjectName(QStringLiteral("actionPause"));
  pause_->setShortcut(QKeySequence(Qt::Key_F6));
  stop_ = new QAction(style->standardIcon(QStyle::SP_MediaStop), tr("&Stop"), parent);
  stop_->setObjectName(QStringLiteral("actionStop"));
  stop_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
  reset_ = new QAction(style->standardIcon(QStyle::SP_BrowserReload), tr("Reset &State"), parent);
  reset_->setObjectName(QStringLiteral("actionResetState"));
  reset_->setToolTip(tr("Stop, and start the next run from nothing (topics and state)"));
  for (auto* a : {run_, pause_, stop_, reset_}) a->setShortcutContext(Qt::WindowShortcut);

  speed_ = new QComboBox(parent);
  speed_->setObjectName(QStringLiteral("speedBox"));
  speed_->setToolTip(tr("Replay speed of the sources"));
  speed_->addItem(tr("As set"), -1.0);
  speed_->addItem(tr("1×"), 1.0);
  speed_->addItem(tr("10×"), 10.0);
  speed_->addItem(tr("100×"), 100.0);
  speed_->addItem(tr("max"), 0.0);
  status_ = new QLabel(parent);
  status_->setObjectName(QStringLiteral("engineStatus"));

  connect(run_, &QAction::triggered, controller_, [this] { controller_->start(); });
  connect(pause_, &QAction::triggered, controller_, [this] {
    if (controller_->state() == EngineController::State::Paused)
      controller_->resume();
    else
      controller_->pause();
  });
  connect(stop_, &QAction::triggered, controller_, &EngineController::stop);
  connect(reset_, &QAction::triggered, controller_, &EngineController::resetState);
  connect(speed_, &QComboBox::currentIndexChanged, this,
          [this](int i) { controller_->setSpeed(speed_->itemData(i).toDouble()); });
  connect(controller_, &EngineController::stateChanged, this, &RunControls::updateActions);
  connect(controller_, &EngineController::snapshotUpdated, this, &RunControls::showSnapshot);
  updateActions();
}

QString RunControls::stateText(EngineController::State state) {
  switch (state) {
    case EngineController::State::Idle:
      return tr("Idle");
    case EngineController::State::Running:
      return tr("Running");
    case EngineController::State::Paused:
      return tr("Paused");
    case EngineController::State::Finished:
      return tr("Finished");
    case EngineController::State::Stopped:
      return tr("Stopped");
    case EngineController::State::Failed:
      return tr("Failed");
  }
  return {};
}

QString RunControls::shortNumber(double value) {
  if (value >= 1e6) return QString::number(value / 1e6, 'f', 1) + QLatin1Char('M');
  if (value >= 1e3) return QString::number(value / 1e3, 'f', 1) + QLatin1Char('k');
  return QString::number(value, 'f', 0);
}

void RunControls::updateActions() {
  const auto state = controller_->state();
  const bool active =
      state == EngineController::State::Running || state == EngineController::State::Paused;
  run_->setEnabled(state != EngineController::State::Running);
  pause_->setEnabled(active);
  pause_->setText(state == EngineController::State::Paused ? tr("&Resume") : tr("&Pause"));
  stop_->setEnabled(active);
  if (state == EngineController::State::Running) lastRecords_ = -1;
  status_->setText(stateText(state));
}

void RunControls::showSnapshot(const runtime::Progress& p) {
  double records = 0;
  for (const auto& s : p.sources) records += static_cast<double>(s.records);
  std::int64_t lag = 0;
  for (const auto& j : p.jobs) lag += j.lag;
  // Events/s smoothed over about a second.
  if (lastRecords_ >= 0 && p.elapsed_s > lastElapsed_) {
    const double dt = p.elapsed_s - lastElapsed_;
    const double instant = (records - lastRecords_) / dt;
    eventsPerSecond_ += std::min(1.0, dt) * (instant - eventsPerSecond_);
  }
  lastRecords_ = records;
  lastElapsed_ = p.elapsed_s;
  status_->setText(tr("%1 · %2 events/s · total lag %3")
                       .arg(stateText(controller_->state()), shortNumber(eventsPerSecond_),
                            shortNumber(static_cast<double>(lag))));
}

}  // namespace tributary::ui
