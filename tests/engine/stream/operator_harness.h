// Helpers for operator tests: batches from row literals, rows as text, and a driver that
// runs batches through an operator, optionally restoring it from a checkpoint before each.
#pragma once

#include <QtTest>

#include <QTemporaryDir>

#include <functional>
#include <memory>

#include "batch_text.h"
#include "stream/checkpoint_store.h"
#include "stream/operator.h"

namespace tributary::testing {

inline QString schema_text(const Schema& s) {
  QStringList out;
  for (const auto& f : s.fields()) out << QString::fromStdString(f.name + ":" + type_name(f.type));
  return out.join(' ');
}

// A batch of `schema` from rows of cells; "null" is null, the rest parsed by column type.
inline Batch batch_of(const Schema& schema, const QList<QStringList>& rows) {
  Batch b(schema);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < schema.size(); ++c) {
      const QString cell = row.value(static_cast<int>(c));
      Column& col = b.column(c);
      if (cell == "null") {
        col.append_null();
        continue;
      }
      switch (schema.field(c).type) {
        case DataType::int64:
        case DataType::timestamp:
          col.append_int(cell.toLongLong());
          break;
        case DataType::float64:
          col.append_double(cell.toDouble());
          break;
        case DataType::boolean:
          col.append_bool(cell == "true");
          break;
        case DataType::string:
          col.append_string(cell.toStdString());
          break;
        case DataType::null:
          col.append_null();
          break;
      }
    }
  }
  return b;
}

using OperatorMaker = std::function<std::unique_ptr<stream::Operator>()>;

struct RunResult {
  QStringList rows;             // everything emitted, batch after batch, then finish()
  QList<std::size_t> rejected;  // row numbers over the whole input
  std::size_t largest_commit = 0;
};

// Runs `batches` through one operator (`restart` false) or through a new operator per batch
// restored from a checkpoint store (`restart` true), the way a job recovers after a crash.
inline RunResult run_batches(const OperatorMaker& make, const std::vector<Batch>& batches,
                             bool restart) {
  RunResult result;
  QTemporaryDir tmp;
  auto store = stream::CheckpointStore::open(std::filesystem::path(tmp.path().toStdString()) / "c");
  if (!store.ok()) qFatal("checkpoint store: %s", store.status().message().c_str());
  std::unique_ptr<stream::Operator> op = make();
  std::size_t first_row = 0;
  for (std::size_t i = 0; i < batches.size(); ++i) {
    if (restart) {
      op = make();
      Status restored;
      Status loaded = (*store)->load_state("op", [&](std::string_view k, std::string_view v) {
        if (restored.ok()) restored = op->restore(k, v);
      });
      if (!loaded.ok() || !restored.ok())
        qFatal("restore: %s%s", loaded.message().c_str(), restored.message().c_str());
    }
    Batch out(op->output_schema());
    std::vector<stream::Rejected> rejected;
    if (batches[i].num_rows() > 0) op->process(batches[i], out, rejected);
    op->end_batch(out);
    result.rows += rows_of(out);
    for (const auto& r : rejected) result.rejected << first_row + r.row;
    first_row += batches[i].num_rows();
    stream::StateChanges changes;
    op->save_changes("op", changes);
    result.largest_commit =
        std::max(result.largest_commit, changes.put.size() + changes.erase.size());
    // Without restarts nothing reads the store back; committing would only cost fsyncs.
    if (restart && !(*store)->commit(static_cast<std::int64_t>(i), changes, {}).ok())
      qFatal("commit failed");
  }
  Batch end(op->output_schema());
  op->end_batch(end);
  op->finish(end);
  result.rows += rows_of(end);
  return result;
}

}  // namespace tributary::testing
