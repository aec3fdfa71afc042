#include "ui/run/engine_controller.h"

#include <QFileInfo>

#include "nodes/catalogue.h"
#include "pipeline/compiler.h"
#include "pipeline/pipeline_format.h"
#include "pipeline/pipeline_validation.h"
#include "runtime/workspace.h"
#include "ui/app_settings.h"
#include "ui/document/pipeline_document.h"

namespace tributary::ui {

EngineController::EngineController(PipelineDocument* document, QObject* parent)
    : QObject(parent), document_(document), dataDir_(settings::dataDirectory()) {
  timer_.setInterval(250);
  connect(&timer_, &QTimer::timeout, this, &EngineController::pull);
}

EngineController::~EngineController() = default;  // the session stops and joins its threads

bool EngineController::start() {
  if (state_ == State::Paused) {
    resume();
    return true;
  }
  if (state_ == State::Running) return true;
  session_.reset();  // the last run's threads are done: a new session takes over
  const auto& kinds = nodes::builtin_kinds();
  const pipeline::Pipeline& p = document_->pipeline();
  // Relative paths of sources and sinks are the document's folder's, as for the CLI.
  const std::filesystem::path base =
      document_->filePath().isEmpty()
          ? std::filesystem::current_path()
          : std::filesystem::path(QFileInfo(document_->filePath()).absolutePath().toStdString());
  auto v = pipeline::validate_pipeline(p, kinds, base);
  QStringList problems;
  for (const auto& d : v.diagnostics) problems << QString::fromStdString(d.text());
  pipeline::Compilation c;
  if (v.ok()) {
    c = pipeline::compile_pipeline(p, v, kinds, base);
    for (const auto& d : c.diagnostics) problems << QString::fromStdString(d.text());
  }
  if (!problems.isEmpty()) {
    lastError_ = problems.join('\n');
    emit runRefused(problems);
    return false;
  }
  if (c.plan.exposes_topics() && !broker_ && !startBroker()) {
    emit runFailed(lastError_);
    setState(State::Failed);
    return false;
  }
  runtime::RunOptions o;
  o.data_dir = dataDir_.toStdString();
  if (broker_) o.logs = &broker_->logs();
  o.from_scratch = fromScratch_;
  o.progress_ms = timer_.interval();
  o.sample_rows = 50;
  runtime::RunRecord history;
  history.pipeline = c.plan.pipeline;
  history.name = p.name;
  history.hash = runtime::text_hash(pipeline::save_pipeline(p));
  history.file = document_->filePath().toStdString();
  auto session = runtime::PipelineSession::start(c.plan, p.settings, o, &history);
  if (!session.ok()) {
    lastError_ = QString::fromStdString(session.status().message());
    emit runFailed(lastError_);
    setState(State::Failed);
    return false;
  }
  fromScratch_ = false;
  session_ = std::move(session).value();
  if (speed_ >= 0) session_->set_speed(speed_);
  latest_ = {};
  lastError_.clear();
  setState(State::Running);
  timer_.start();
  return true;
}

void EngineController::pause() {
  if (!session_ || state_ != State::Running) return;
  session_->pause();
  setState(State::Paused);
}

void EngineController::resume() {
  if (!session_ || state_ != State::Paused) return;
  session_->resume();
  setState(State::Running);
}

void EngineController::stop() {
  if (!session_ || (state_ != State::Running && state_ != State::Paused)) return;
  session_->stop();  // the next pull sees the run end
}

void EngineController::resetState() {
  if (session_) {
    session_->stop();
    session_->wait();
    pull();
  }
  fromScratch_ = true;
  latest_ = {};
  setState(State::Idle);
}

QString EngineController::brokerAddress() const {
  return broker_ ? QString::fromStdString(broker_->address()) : QString();
}

broker::BrokerStats EngineController::brokerStats() const {
  return broker_ ? broker_->stats() : broker::BrokerStats{};
}

bool EngineController::startBroker() {
  if (broker_) return true;
  if (state_ == State::Running || state_ == State::Paused) {
    lastError_ = tr("Stop the run first: it holds the data folder the broker would serve.");
    emit brokerFailed(lastError_);
    return false;
  }
  session_.reset();  // an ended run still holds the log until its session goes
  broker::BrokerOptions options;
  (void)broker::set_listen_address(options,
                                   settings::kafkaListen().toStdString());  // checked by settings
  auto started = runtime::BrokerService::start(dataDir_.toStdString(), options);
  if (!started.ok()) {
    lastError_ = tr("The Kafka broker could not start: %1")
                     .arg(QString::fromStdString(started.status().message()));
    emit brokerFailed(lastError_);
    return false;
  }
  broker_ = std::move(started).value();
  emit brokerChanged(true);
  return true;
}

bool EngineController::stopBroker() {
  if (!broker_) return true;
  if (state_ == State::Running || state_ == State::Paused) {
    lastError_ = tr("Stop the run first: it writes through the broker's log.");
    emit brokerFailed(lastError_);
    return false;
  }
  session_.reset();
  broker_.reset();
  emit brokerChanged(false);
  return true;
}

void EngineController::setSpeed(double speed) {
  speed_ = speed;
  if (session_) session_->set_speed(speed);
}

void EngineController::pull() {
  if (!session_) return;
  latest_ = session_->snapshot();
  // The state first: the last snapshot of a run is shown as ended, not running.
  switch (session_->state()) {
    case runtime::PipelineSession::State::running:
    case runtime::PipelineSession::State::paused:
      emit snapshotUpdated(latest_);
      return;
    case runtime::PipelineSession::State::finished:
      setState(State::Finished);
      break;
    case runtime::PipelineSession::State::stopped:
      setState(State::Stopped);
      break;
    case runtime::PipelineSession::State::failed:
      lastError_ = QString::fromStdString(session_->result().message());
      setState(State::Failed);
      emit runFailed(lastError_);
      break;
  }
  timer_.stop();
  emit snapshotUpdated(latest_);
}

void EngineController::setState(State state) {
  if (state == state_) return;
  state_ = state;
  emit stateChanged(state);
}

}  // namespace tributary::ui
