// The app's side of the engine facade (runtime::PipelineSession): compiles the document's
// pipeline, runs it on the engine's own threads, and pulls a metrics snapshot a few times a
// second on the UI thread; a pull copies the latest snapshot and never waits for a batch.
// Run, pause, stop, reset and the replay speed go in as commands.
#pragma once

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>

#include "runtime/broker_service.h"
#include "runtime/pipeline_run.h"
#include "runtime/pipeline_session.h"

namespace tributary::ui {

class PipelineDocument;

class EngineController : public QObject {
  Q_OBJECT

 public:
  enum class State { Idle, Running, Paused, Finished, Stopped, Failed };
  Q_ENUM(State)

  explicit EngineController(PipelineDocument* document, QObject* parent = nullptr);
  ~EngineController() override;

  State state() const { return state_; }
  // The data dir runs use (topics, checkpoints, the workspace with the run history).
  QString dataDir() const { return dataDir_; }
  void setDataDir(const QString& dir) { dataDir_ = dir; }
  // 1 = real time, 10, 100, ... ; 0 = as fast as possible (max).
  double speed() const { return speed_; }
  // How often the snapshot is pulled.
  void setInterval(int ms) { timer_.setInterval(ms); }
  const runtime::Progress& latest() const { return latest_; }
  // The plan of the current or last run (topics, jobs and which node each job's sink is).
  const pipeline::Plan* plan() const { return session_ ? &session_->plan() : nullptr; }
  QString lastError() const { return lastError_; }

  // The embedded Kafka broker: while it serves, Kafka clients read and write the data dir's
  // topics, and runs share its log. A run of a pipeline with a topic marked `expose` starts it.
  bool brokerRunning() const { return broker_ != nullptr; }
  QString brokerAddress() const;
  broker::BrokerStats brokerStats() const;

 public slots:
  // Compiles and starts; refused (with the problems) when the pipeline does not compile.
  bool start();
  void pause();
  void resume();
  void stop();
  // Stops, and makes the next run start from nothing (topics and state of this pipeline).
  void resetState();
  void setSpeed(double speed);
  // Listens on the address from Preferences; refused while a run holds the data dir.
  bool startBroker();
  // Refused while a run uses the broker's log.
  bool stopBroker();

 signals:
  void stateChanged(tributary::ui::EngineController::State state);
  void snapshotUpdated(const tributary::runtime::Progress& progress);
  // The run could not start (the problems) or failed (the error).
  void runRefused(const QStringList& problems);
  void runFailed(const QString& error);
  void brokerChanged(bool running);
  void brokerFailed(const QString& error);

 private:
  void pull();
  void setState(State state);

  PipelineDocument* document_;
  QString dataDir_;
  double speed_ = -1;  // < 0: each source's own
  bool fromScratch_ = false;
  // Declared before the session: destroyed after it, as the session's run may use its log.
  std::unique_ptr<runtime::BrokerService> broker_;
  std::unique_ptr<runtime::PipelineSession> session_;
  runtime::Progress latest_;
  QTimer timer_;
  State state_ = State::Idle;
  QString lastError_;
};

}  // namespace tributary::ui
