#include "runtime/pipeline_session.h"

namespace tributary::runtime {

std::unique_ptr<PipelineSession> PipelineSession::start(pipeline::Plan plan,
                                                        pipeline::Settings settings,
                                                        RunOptions options) {
  std::unique_ptr<PipelineSession> s(new PipelineSession());
  s->plan_ = std::move(plan);
  PipelineSession* self = s.get();
  options.stop = &self->stop_;
  options.pause = &self->pause_;
  options.speed = &self->speed_;
  options.on_progress = [self](const Progress& p) {
    std::lock_guard lock(self->mutex_);
    self->latest_ = p;
  };
  self->thread_ = std::thread([self, settings, options] {
    Progress last;
    Status s = run_plan(self->plan_, settings, options, &last);
    std::lock_guard lock(self->mutex_);
    self->latest_ = std::move(last);
    self->result_ = std::move(s);
    self->ended_ = true;
  });
  return s;
}

PipelineSession::~PipelineSession() {
  stop();
  wait();
}

void PipelineSession::pause() { pause_ = true; }
void PipelineSession::resume() { pause_ = false; }
void PipelineSession::set_speed(double speed) { speed_ = speed; }
void PipelineSession::stop() {
  if (!ended_) stop_ = true;  // a run that ended by itself stays `finished`
  pause_ = false;
}

void PipelineSession::wait() {
  if (thread_.joinable()) thread_.join();
}

PipelineSession::State PipelineSession::state() const {
  if (!ended_) return pause_ ? State::paused : State::running;
  std::lock_guard lock(mutex_);
  if (!result_.ok()) return State::failed;
  return stop_ ? State::stopped : State::finished;
}

Status PipelineSession::result() const {
  std::lock_guard lock(mutex_);
  return result_;
}

Progress PipelineSession::snapshot() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

const char* state_name(PipelineSession::State state) {
  switch (state) {
    case PipelineSession::State::running:
      return "running";
    case PipelineSession::State::paused:
      return "paused";
    case PipelineSession::State::finished:
      return "finished";
    case PipelineSession::State::stopped:
      return "stopped";
    case PipelineSession::State::failed:
      return "failed";
  }
  return "?";
}

}  // namespace tributary::runtime
