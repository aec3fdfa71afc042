// The engine facade the app runs pipelines through (architecture.md: "commands go in through
// the facade, snapshots come out"): a compiled plan runs on threads of its own; pause, speed
// and stop are flags the engine reads between batches; snapshot() copies the latest progress
// under a short lock, so the caller never waits for a batch. The CLI's `run` uses it too.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "runtime/pipeline_run.h"
#include "runtime/workspace.h"

namespace tributary::runtime {

class PipelineSession {
 public:
  enum class State { running, paused, finished, stopped, failed };

  // Starts `plan`. `options.stop`, `pause`, `speed` and `on_progress` are the session's own:
  // use stop(), pause(), set_speed() and snapshot() instead. With `history` (pipeline, name,
  // hash, file), the run and each of its micro-batches are recorded in the data dir's
  // workspace (workspace.h): the history the app and `tributary-cli runs` show.
  static Result<std::unique_ptr<PipelineSession>> start(pipeline::Plan plan,
                                                        pipeline::Settings settings,
                                                        RunOptions options,
                                                        const RunRecord* history = nullptr);
  ~PipelineSession();  // stops the run (after its current batches) and waits for it

  void pause();
  void resume();
  // Every source's pace from now on: 1 = real time, 0 = as fast as possible; < 0: their own.
  void set_speed(double speed);
  void stop();  // returns at once; the state becomes `stopped` when the run has ended
  void wait();  // until the run has ended

  State state() const;
  std::int64_t run_id() const { return run_id_; }  // in the workspace; 0 without history
  Status result() const;  // the run's error once it has failed
  Progress snapshot() const;
  const pipeline::Plan& plan() const { return plan_; }

 private:
  PipelineSession() = default;

  pipeline::Plan plan_;
  std::atomic<bool> stop_{false}, pause_{false}, ended_{false};
  std::atomic<double> speed_{-1};
  mutable std::mutex mutex_;
  Progress latest_;
  Status result_;
  std::unique_ptr<Workspace> workspace_;
  std::int64_t run_id_ = 0;
  std::thread thread_;
};

const char* state_name(PipelineSession::State state);

}  // namespace tributary::runtime
