// The checkpoint store, and windowed state that survives a restart at any batch boundary.
#include <QtTest>

#include <QTemporaryDir>

#include "batch_text.h"
#include "stream/checkpoint_store.h"
#include "stream/windowed_aggregate.h"

using namespace tributary;
using namespace tributary::stream;
using tributary::testing::rows_of;

namespace {

Schema input_schema() {
  return Schema({{"k", DataType::string}, {"t", DataType::timestamp}, {"v", DataType::int64}});
}

Batch make_input(int from, int to) {
  Batch in(input_schema());
  quint32 x = 99;
  for (int i = 0; i < to; ++i) {
    x = x * 1103515245u + 12345u;
    if (i < from) continue;
    in.column(0).append_string("k" + std::to_string((x >> 9) % 20));
    // Mostly in order, with some records up to 300 ms late.
    in.column(1).append_int(i * 10 - static_cast<int>((x >> 3) % 4 == 0 ? (x >> 12) % 300 : 0));
    ((x >> 5) % 7 == 0) ? in.column(2).append_null() : in.column(2).append_int((x >> 16) % 100);
  }
  return in;
}

WindowedAggregateSpec spec_for(WindowKind kind, EmitMode mode) {
  WindowedAggregateSpec s;
  s.window.kind = kind;
  s.window.size_ms = 500;
  s.window.advance_ms = 200;
  s.window.difference_ms = 300;
  s.window.gap_ms = 150;
  s.window.grace_ms = 100;
  s.key = {"k"};
  s.time_field = "t";
  s.emit_mode = mode;
  s.aggregates = {{AggFn::count, "", "n"},      {AggFn::sum, "v", "sum"},
                  {AggFn::min, "v", "min"},     {AggFn::count_distinct, "v", "d"},
                  {AggFn::first, "v", "first"}, {AggFn::last, "v", "last"}};
  return s;
}

}  // namespace

class TestCheckpoints : public QObject {
  Q_OBJECT
 private slots:
  void storeKeepsOffsetsStateAndSinksAcrossReopen() {
    QTemporaryDir tmp;
    const auto file = std::filesystem::path(tmp.path().toStdString()) / "job.checkpoint";
    {
      auto store = CheckpointStore::open(file);
      QVERIFY(store.ok());
      QVERIFY(!(*store)->last_committed()->has_value());
      QVERIFY((*store)->log_offsets(0, {{"clicks", 0, 0, 10}, {"clicks", 1, 0, 7}}).ok());
      StateChanges changes;
      changes.put.emplace_back("win", "a", "1");
      changes.put.emplace_back("win", "b", "2");
      QVERIFY((*store)->commit(0, changes, {{"out", 120}}).ok());
      QVERIFY((*store)
                  ->log_offsets(1, {{"clicks", 0, 10, 20}, {"clicks", 1, 7, 9}})
                  .ok());  // then a crash
    }
    auto store = CheckpointStore::open(file);
    QVERIFY(store.ok());
    QCOMPARE((*store)->last_committed()->value(), 0);
    QCOMPARE((*store)->last_logged()->value(), 1);
    auto offsets = (*store)->offsets_of(1);
    QVERIFY(offsets.ok());
    QCOMPARE(offsets->size(), 2u);
    QCOMPARE((*offsets)[0].start, 10);
    QCOMPARE((*offsets)[1].end, 9);
    QCOMPARE((*offsets)[1].topic, std::string("clicks"));
    QCOMPARE((*store)->sink_position("out")->value(), 120);
    StateChanges changes;
    changes.erase.emplace_back("win", "a");
    changes.put.emplace_back("win", "c", "3");
    QVERIFY((*store)->commit(1, changes, {{"out", 200}}).ok());
    QStringList rows;
    QVERIFY((*store)
                ->load_state("win",
                             [&](std::string_view k, std::string_view v) {
                               rows
                                   << QString::fromStdString(std::string(k) + "=" + std::string(v));
                             })
                .ok());
    QCOMPARE(rows, (QStringList{"b=2", "c=3"}));
    QVERIFY(!(*store)->commit(1, {}, {}).ok());  // a batch commits once
  }

  void windowStateSurvivesRestartAtEveryCheckpoint_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("update");
    for (auto [kind, name] : {std::pair{WindowKind::tumbling, "tumbling"},
                              {WindowKind::hopping, "hopping"},
                              {WindowKind::sliding, "sliding"},
                              {WindowKind::session, "session"}}) {
      QTest::newRow(qPrintable(QString(name) + " final")) << static_cast<int>(kind) << 0;
      QTest::newRow(qPrintable(QString(name) + " update")) << static_cast<int>(kind) << 1;
    }
  }
  void windowStateSurvivesRestartAtEveryCheckpoint() {
    QFETCH(int, kind);
    QFETCH(int, update);
    const auto spec =
        spec_for(static_cast<WindowKind>(kind), update ? EmitMode::update : EmitMode::final);
    constexpr int kRecords = 3000;
    constexpr int kBatch = 250;
    // Uninterrupted.
    QStringList expected;
    {
      auto op = WindowedAggregate::create(spec, input_schema());
      QVERIFY(op.ok());
      for (int from = 0; from < kRecords; from += kBatch) {
        Batch out((*op)->output_schema());
        std::vector<LateRecord> late;
        (*op)->process(make_input(from, from + kBatch), out, late);
        (*op)->end_batch(out);
        expected += rows_of(out);
      }
      Batch end((*op)->output_schema());
      (*op)->finish(end);
      expected += rows_of(end);
      QVERIFY(expected.size() > 100);
    }
    // A new process after every batch: restore from the checkpoint, run one batch, commit.
    QTemporaryDir tmp;
    auto store = CheckpointStore::open(std::filesystem::path(tmp.path().toStdString()) / "c");
    QVERIFY(store.ok());
    QStringList got;
    std::size_t largest_commit = 0;
    for (int batch = 0; batch * kBatch < kRecords; ++batch) {
      auto op = WindowedAggregate::create(spec, input_schema());
      Status restored;
      QVERIFY((*store)
                  ->load_state("w",
                               [&](std::string_view k, std::string_view v) {
                                 if (restored.ok()) restored = (*op)->restore(k, v);
                               })
                  .ok());
      QVERIFY2(restored.ok(), restored.message().c_str());
      Batch out((*op)->output_schema());
      std::vector<LateRecord> late;
      (*op)->process(make_input(batch * kBatch, (batch + 1) * kBatch), out, late);
      (*op)->end_batch(out);
      got += rows_of(out);
      StateChanges changes;
      (*op)->save_changes("w", changes);
      largest_commit = std::max(largest_commit, changes.put.size() + changes.erase.size());
      QVERIFY((*store)->commit(batch, changes, {}).ok());
      if ((batch + 1) * kBatch >= kRecords) {
        Batch end((*op)->output_schema());
        (*op)->finish(end);
        got += rows_of(end);
      }
    }
    QCOMPARE(got, expected);
    QVERIFY(largest_commit > 0);
  }

  void checkpointWritesOnlyWhatChanged() {
    // 10,000 open windows; a batch touching 10 keys writes about 10 windows, not 10,000.
    auto spec = spec_for(WindowKind::tumbling, EmitMode::final);
    spec.window.size_ms = 1'000'000;
    auto op = WindowedAggregate::create(spec, input_schema());
    Batch first(input_schema());
    for (int i = 0; i < 10000; ++i) {
      first.column(0).append_string("key" + std::to_string(i));
      first.column(1).append_int(i);
      first.column(2).append_int(i);
    }
    Batch out((*op)->output_schema());
    std::vector<LateRecord> late;
    (*op)->process(first, out, late);
    StateChanges changes;
    (*op)->save_changes("w", changes);
    QCOMPARE(changes.put.size(), 10001u);  // every window, plus the stream time
    Batch second(input_schema());
    for (int i = 0; i < 10; ++i) {
      second.column(0).append_string("key" + std::to_string(i * 7));
      second.column(1).append_int(20000 + i);
      second.column(2).append_int(i);
    }
    (*op)->process(second, out, late);
    changes.clear();
    (*op)->save_changes("w", changes);
    QCOMPARE(changes.put.size(), 11u);
    QCOMPARE(changes.erase.size(), 0u);
  }
};

QTEST_GUILESS_MAIN(TestCheckpoints)
#include "test_checkpoints.moc"
