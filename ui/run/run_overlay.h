// Puts a run's snapshot on the canvas: each card's rate and state (a window's watermark and
// late count, a model's headline metric), each edge's rate, and the lag of edges into topics.
// Rates of sources come from the engine; those of topics and sinks from the growth of their
// offsets and outputs between two snapshots.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include "pipeline/plan.h"
#include "runtime/pipeline_run.h"
#include "ui/canvas/run_info.h"

namespace tributary::ui {

class PipelineDocument;
class PipelineScene;

class RunOverlay {
  Q_DECLARE_TR_FUNCTIONS(RunOverlay)

 public:
  RunOverlay(PipelineDocument* document, PipelineScene* scene);

  // A new run: rates start again.
  void reset();
  void show(const runtime::Progress& progress, const pipeline::Plan* plan, NodeRunState state);
  void clear();

  // The headline of a model's state ("MAE 0.42", "4 clusters"), or "" (exposed for tests).
  static QString modelHeadline(const std::string& stateJson);

 private:
  double rateOf(const QString& key, double count, double now);

  PipelineDocument* document_;
  PipelineScene* scene_;
  QElapsedTimer clock_;
  struct Sample {
    double count = 0;
    double at = 0;
    double rate = 0;
  };
  QHash<QString, Sample> samples_;
};

}  // namespace tributary::ui
