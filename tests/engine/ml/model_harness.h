// Helpers for the ML operator tests: row-literal batches, a driver that runs batches through
// a model (optionally restoring a fresh instance from a checkpoint before each batch) and
// returns its rows with doubles in exact (hexadecimal) form, and the check that a model's
// output does not depend on batch boundaries or restarts.
#pragma once

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>

#include "../stream/operator_harness.h"
#include "ml/model_state.h"

namespace tributary::testing {

using ModelMaker = std::function<std::unique_ptr<ml::ModelOperator>()>;

template <class Spec, class Factory>
ModelMaker maker(Factory factory, Spec spec, Schema schema) {
  return [=] {
    auto op = factory(spec, schema);
    if (!op.ok()) qFatal("model: %s", op.status().message().c_str());
    return std::move(op).value();
  };
}

// Every value of a row, doubles as %a so that equal text means equal bits.
inline QStringList exact_rows(const Batch& b) {
  QStringList out;
  for (std::size_t r = 0; r < b.num_rows(); ++r) {
    QStringList cells;
    for (std::size_t c = 0; c < b.num_columns(); ++c) {
      const Column& col = b.column(c);
      if (col.type() == DataType::float64 && !col.is_null(r)) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%a", col.doubles()[r]);
        cells << buf;
      } else {
        cells << QString::fromStdString(col.to_string(r));
      }
    }
    out << cells.join(' ');
  }
  return out;
}

struct ModelRun {
  QStringList rows;
  QList<std::size_t> rejected;  // row numbers over the whole input
  QStringList reasons;
  std::string snapshot;
  bool operator==(const ModelRun&) const = default;
};

inline ModelRun run_model(const ModelMaker& make, const std::vector<Batch>& batches, bool restart) {
  ModelRun result;
  QTemporaryDir tmp;
  auto store = stream::CheckpointStore::open(std::filesystem::path(tmp.path().toStdString()) / "c");
  if (!store.ok()) qFatal("checkpoint store: %s", store.status().message().c_str());
  std::unique_ptr<ml::ModelOperator> op = make();
  std::size_t first_row = 0;
  for (std::size_t i = 0; i < batches.size(); ++i) {
    if (restart) {
      op = make();
      Status restored;
      Status loaded = (*store)->load_state("op", [&](std::string_view k, std::string_view v) {
        if (restored.ok()) restored = op->restore(k, v);
      });
      if (!loaded.ok() || !restored.ok()) qFatal("restore: %s%s", loaded.message().c_str(), restored.message().c_str());
    }
    Batch out(op->output_schema());
    std::vector<stream::Rejected> rejected;
    op->process(batches[i], out, rejected);
    op->end_batch(out);
    result.rows += exact_rows(out);
    for (const auto& r : rejected) {
      result.rejected << first_row + r.row;
      result.reasons << QString::fromStdString(r.reason);
    }
    first_row += batches[i].num_rows();
    stream::StateChanges changes;
    op->save_changes("op", changes);
    if (restart && !(*store)->commit(static_cast<std::int64_t>(i), changes, {}).ok()) qFatal("commit failed");
  }
  Batch end(op->output_schema());
  op->finish(end);
  result.rows += exact_rows(end);
  result.snapshot = op->snapshot_json();
  return result;
}

// Rows [from, to) of `b`.
inline Batch slice(const Batch& b, std::size_t from, std::size_t to) {
  std::vector<std::uint8_t> keep(b.num_rows(), 0);
  for (std::size_t i = from; i < to; ++i) keep[i] = 1;
  return b.filter(keep);
}

inline std::vector<Batch> cut(const Batch& all, std::size_t size) {
  std::vector<Batch> out;
  for (std::size_t i = 0; i < all.num_rows(); i += size) out.push_back(slice(all, i, std::min(all.num_rows(), i + size)));
  return out;
}

// One batch, batches of 1, 7 and 100, and the same with a restore from the checkpoint before
// every batch: byte-identical rows, rejections and final model.
inline void check_deterministic(const ModelMaker& make, const Batch& all) {
  const ModelRun whole = run_model(make, {all}, false);
  QVERIFY(!whole.rows.isEmpty());
  for (std::size_t size : {1, 7, 100}) {
    for (bool restart : {false, true}) {
      const ModelRun run = run_model(make, cut(all, size), restart);
      if (!(run == whole)) {
        for (qsizetype i = 0; i < std::min(run.rows.size(), whole.rows.size()); ++i) {
          if (run.rows[i] != whole.rows[i]) {
            qWarning("first difference at row %lld: %s vs %s", static_cast<long long>(i), qPrintable(run.rows[i]),
                     qPrintable(whole.rows[i]));
            break;
          }
        }
        qWarning("size %zu restart %d\n%s\n%s", size, restart, run.snapshot.c_str(), whole.snapshot.c_str());
      }
      QVERIFY(run == whole);
    }
  }
}

inline QJsonObject snapshot_of(const ml::ModelState& model) {
  return QJsonDocument::fromJson(QByteArray::fromStdString(model.snapshot_json())).object();
}

// Runs one batch through `op` and returns its output.
inline Batch run_once(ml::ModelOperator& op, const Batch& in, std::vector<stream::Rejected>* rejected = nullptr) {
  Batch out(op.output_schema());
  std::vector<stream::Rejected> dropped;
  op.process(in, out, rejected ? *rejected : dropped);
  return out;
}

// A deterministic uniform number in [0, 1) (LCG), so that inputs are the same everywhere.
struct Lcg {
  std::uint64_t state;
  double next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  }
};

}  // namespace tributary::testing
