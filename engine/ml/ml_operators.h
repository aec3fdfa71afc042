// The ml.* node kinds of pipeline-format.md, one header each; this one gathers them for the
// code that compiles pipelines.
#pragma once

#include "ml/anomaly.h"
#include "ml/kmeans.h"
#include "ml/linear_model.h"
#include "ml/model_state.h"
