#include "runtime/pipeline_session.h"

#include <chrono>

namespace tributary::runtime {

namespace {
std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Result<std::unique_ptr<PipelineSession>> PipelineSession::start(pipeline::Plan plan,
                                                                pipeline::Settings settings,
                                                                RunOptions options,
                                                                const RunRecord* history) {
  std::unique_ptr<PipelineSession> s(new PipelineSession());
  s->plan_ = std::move(plan);
  PipelineSession* self = s.get();
  if (history) {
    std::filesystem::create_directories(options.data_dir);
    TRIB_ASSIGN_OR_RETURN(self->workspace_, Workspace::open(options.data_dir / "workspace.sqlite"));
    RunRecord r = *history;
    r.started_ms = now_ms();
    TRIB_ASSIGN_OR_RETURN(self->run_id_, self->workspace_->start_run(r));
    options.on_batch = [self, next = options.on_batch](const std::string& job,
                                                       const stream::JobConfig::BatchReport& r,
                                                       std::int64_t lag) {
      if (next) next(job, r, lag);
      BatchRecord b;
      b.job = job;
      b.batch = r.batch;
      b.at_ms = now_ms();
      b.input_rows = r.input_rows;
      b.duration_ms = r.duration_ms;
      b.rows_per_s =
          r.duration_ms > 0 ? static_cast<double>(r.input_rows) * 1000.0 / r.duration_ms : 0;
      if (r.stream_time != INT64_MIN) b.stream_time = r.stream_time;
      b.lag = lag;
      (void)self->workspace_->record_batch(self->run_id_, b);  // best effort: the run goes on
    };
  }
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
    if (self->workspace_) {
      (void)self->workspace_->end_run(self->run_id_,
                                      !s.ok()         ? "failed"
                                      : self->stop_ ? "stopped"
                                                    : "finished",
                                      s.ok() ? "" : s.message());
    }
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
