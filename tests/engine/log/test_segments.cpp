// Segment roll, retention, indexes, timestamps, clean reopen.
#include <QtTest>

#include <QTemporaryDir>
#include <filesystem>
#include <thread>

#include "../test_support.h"
#include "log/partition_log.h"

using namespace tributary;
using namespace tributary::log;
using namespace tributary::testing;
namespace fs = std::filesystem;

namespace {

LogConfig small_segments() {
  LogConfig c;
  c.segment_bytes = 4096;
  c.index_interval_bytes = 256;
  c.flush = FlushPolicy::never;
  c.retention_ms = -1;
  return c;
}

std::unique_ptr<PartitionLog> open_log(const fs::path& dir, const LogConfig& c = small_segments()) {
  auto log = PartitionLog::open(dir, "t-0", c, Access::owner);
  if (!log.ok()) qFatal("open: %s", log.status().message().c_str());
  return std::move(log).value();
}

int count_files(const fs::path& dir, const std::string& ext) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().extension() == ext;
  return n;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

class TestSegments : public QObject {
  Q_OBJECT
 private slots:
  void rollsBySizeWithTwentyDigitNames() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    auto log = open_log(dir);
    for (int i = 0; i < 100; ++i) append_values(*log, "v", i * 10, 10);  // ~200 B per batch
    QVERIFY(log->stats().segments > 3);
    QCOMPARE(count_files(dir, ".log"), static_cast<int>(log->stats().segments));
    QVERIFY(fs::exists(dir / "00000000000000000000.log"));
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() == ".log") {
        QCOMPARE(e.path().stem().string().size(), 20u);
        QVERIFY(fs::file_size(e.path()) <= 4096);
      }
    }
    const auto all = read_all(*log);
    QCOMPARE(all.size(), 1000u);
    for (std::size_t i = 0; i < all.size(); ++i) {
      QCOMPARE(all[i].offset, static_cast<std::int64_t>(i));
      QCOMPARE(*all[i].value, "v-" + std::to_string(i));
    }
    // Sealed segments have their index files; the active one gets them at close.
    QCOMPARE(count_files(dir, ".index"), count_files(dir, ".log") - 1);
    // Random access from every offset lands on the right record.
    for (std::int64_t o : {0, 1, 9, 10, 11, 333, 998, 999}) {
      const auto from = read_all(*log, o);
      QCOMPARE(from.front().offset, o);
      QCOMPARE(from.size(), static_cast<std::size_t>(1000 - o));
    }
  }

  void rollsByAge() {
    QTemporaryDir tmp;
    LogConfig c = small_segments();
    c.segment_bytes = 1 << 20;
    c.segment_ms = 50;
    auto log = open_log(tmp.path().toStdString(), c);
    append_values(*log, "a", 0, 1);
    append_values(*log, "a", 1, 1);
    QCOMPARE(log->stats().segments, 1u);
    std::this_thread::sleep_for(std::chrono::milliseconds(80));
    append_values(*log, "a", 2, 1);
    QCOMPARE(log->stats().segments, 2u);
    QCOMPARE(read_all(*log).size(), 3u);
  }

  void retentionBySizeDeletesOldestSegmentsAndMovesStart() {
    QTemporaryDir tmp;
    LogConfig c = small_segments();
    c.retention_bytes = 10000;
    const fs::path dir = tmp.path().toStdString();
    auto log = open_log(dir, c);
    for (int i = 0; i < 200; ++i) append_values(*log, "v", i * 10, 10);
    const auto before = log->stats();
    QVERIFY(before.size_bytes > 30000);
    QVERIFY(log->enforce_retention(now_ms()).ok());
    const auto after = log->stats();
    QVERIFY(after.size_bytes <= 10000 + 4096);
    QVERIFY(after.size_bytes >= 10000 - 4096);
    QVERIFY(after.start_offset > 0);
    QCOMPARE(after.end_offset, 2000);
    QCOMPARE(count_files(dir, ".log"), static_cast<int>(after.segments));
    // The start is a segment boundary, and reading below it is refused.
    QVERIFY(fs::exists(dir / (Segment::file_stem(after.start_offset) + ".log")));
    ByteBuffer buf;
    QCOMPARE(log->read(after.start_offset - 1, 1000, buf).status().code(), ErrorCode::out_of_range);
    const auto rest = read_all(*log);
    QCOMPARE(rest.front().offset, after.start_offset);
    QCOMPARE(rest.back().offset, 1999);
    // The new start survives a reopen.
    log.reset();
    log = open_log(dir, c);
    QCOMPARE(log->start_offset(), after.start_offset);
  }

  void retentionByTimeDeletesEverythingButAnEmptyActiveSegment() {
    QTemporaryDir tmp;
    LogConfig c = small_segments();
    c.retention_ms = 300;
    auto log = open_log(tmp.path().toStdString(), c);
    for (int i = 0; i < 50; ++i) append_values(*log, "v", i * 10, 10);
    QVERIFY(log->enforce_retention(now_ms()).ok());
    QCOMPARE(log->start_offset(), 0);  // nothing is old yet
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    QVERIFY(log->enforce_retention(now_ms()).ok());
    QCOMPARE(log->start_offset(), 500);
    QCOMPARE(log->end_offset(), 500);
    QCOMPARE(log->stats().segments, 1u);
    QCOMPARE(log->stats().size_bytes, 0u);
    append_values(*log, "w", 500, 1);
    QCOMPARE(read_all(*log).front().offset, 500);
  }

  void readNeverSplitsABatchAndAlwaysMakesProgress() {
    QTemporaryDir tmp;
    auto log = open_log(tmp.path().toStdString());
    append_values(*log, std::string(300, 'x'), 0, 5);  // one batch > 1500 bytes
    append_values(*log, "y", 5, 5);
    ByteBuffer buf;
    auto r = log->read(2, 10, buf);  // limit far below one batch
    QVERIFY(r.ok());
    QVERIFY(verify_batch(buf.span()).ok());
    QCOMPARE(r->next_offset, 5);
    buf.clear();
    r = log->read(0, 1 << 20, buf);
    QCOMPARE(r->next_offset, 10);
    std::size_t batches = 0;
    QCOMPARE(for_each_batch(buf.span(), [&](const BatchHeader&, std::span<const char>) { return ++batches, true; }),
             buf.size());
    QCOMPARE(batches, 2u);
  }

  void offsetForTimestamp() {
    QTemporaryDir tmp;
    auto log = open_log(tmp.path().toStdString());
    // Timestamps 1000, 1010, ... with one step back, across many segments.
    for (int i = 0; i < 300; ++i) {
      const std::int64_t ts = i == 150 ? 500 : 1000 + 10 * i;
      append_values(*log, "r", i, 1, ts);
    }
    QVERIFY(log->stats().segments > 2);
    QCOMPARE(log->offset_for_timestamp(0)->value_or(-1), 0);
    QCOMPARE(log->offset_for_timestamp(1000)->value_or(-1), 0);
    QCOMPARE(log->offset_for_timestamp(1001)->value_or(-1), 1);
    QCOMPARE(log->offset_for_timestamp(2000)->value_or(-1), 100);
    QCOMPARE(log->offset_for_timestamp(1000 + 10 * 299)->value_or(-1), 299);
    QVERIFY(!log->offset_for_timestamp(1000 + 10 * 299 + 1)->has_value());
    // After a clean reopen the time index comes from disk.
    const fs::path dir = tmp.path().toStdString();
    log.reset();
    log = open_log(dir);
    QVERIFY(log->recovery().clean);
    QCOMPARE(log->offset_for_timestamp(2505)->value_or(-1), 151);
  }

  void cleanReopenScansNothing() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    auto log = open_log(dir);
    for (int i = 0; i < 100; ++i) append_values(*log, "v", i * 10, 10);
    log.reset();
    log = open_log(dir);
    QVERIFY(log->recovery().clean);
    QCOMPARE(log->recovery().scanned_bytes, 0u);
    QCOMPARE(log->end_offset(), 1000);
    append_values(*log, "v", 1000, 1);
    QCOMPARE(read_all(*log).size(), 1001u);
  }

  void rebuildsDeletedIndexFiles() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    auto log = open_log(dir);
    for (int i = 0; i < 100; ++i) append_values(*log, "v", i * 10, 10, 1000 + i);
    const auto before = read_all(*log);
    log.reset();
    int removed = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() == ".index" || e.path().extension() == ".timeindex") removed += fs::remove(e.path());
    }
    QVERIFY(removed > 4);
    log = open_log(dir);
    QVERIFY(log->recovery().rebuilt_indexes > 1);
    QCOMPARE(count_files(dir, ".index"), count_files(dir, ".log"));
    QCOMPARE(count_files(dir, ".timeindex"), count_files(dir, ".log"));
    const auto after = read_all(*log);
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i) QCOMPARE(after[i].value, before[i].value);
    QCOMPARE(log->offset_for_timestamp(1050)->value_or(-1), 500);
    // A garbled index (positions past the log) is also rebuilt rather than trusted.
    log.reset();
    write_binary(dir / "00000000000000000000.index", std::string(16, '\x7f'));
    log = open_log(dir);
    QCOMPARE(read_all(*log).size(), before.size());
  }

  void appendRejectsCorruptBatches() {
    QTemporaryDir tmp;
    auto log = open_log(tmp.path().toStdString());
    RecordBatchBuilder b;
    b.add({std::nullopt, std::string_view("hello"), 1, {}});
    auto bytes = b.finish();
    bytes[bytes.size() - 2] ^= 0x01;
    QCOMPARE(log->append(bytes).status().code(), ErrorCode::corrupt);
    QCOMPARE(log->append(bytes.first(bytes.size() - 1)).status().code(), ErrorCode::corrupt);
    QCOMPARE(log->end_offset(), 0);
    bytes[bytes.size() - 2] ^= 0x01;
    auto ok = log->append(bytes);
    QVERIFY(ok.ok());
    QCOMPARE(ok->base_offset, 0);
    // The base offset sent by the client is replaced with the log's.
    set_base_offset(bytes.data(), 77);
    QCOMPARE(log->append(bytes)->base_offset, 1);
  }
};

QTEST_GUILESS_MAIN(TestSegments)
#include "test_segments.moc"
