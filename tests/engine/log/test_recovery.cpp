// Recovery after an unclean stop: torn tails, flipped bits, garbage, at every byte.
#include <QtTest>

#include <QTemporaryDir>
#include <filesystem>

#include "../test_support.h"
#include "log/partition_log.h"

using namespace tributary;
using namespace tributary::log;
using namespace tributary::testing;
namespace fs = std::filesystem;

namespace {

LogConfig config() {
  LogConfig c;
  c.segment_bytes = 2048;
  c.index_interval_bytes = 200;
  c.flush = FlushPolicy::never;
  c.retention_ms = -1;
  return c;
}

std::unique_ptr<PartitionLog> open_owner(const fs::path& dir) {
  auto log = PartitionLog::open(dir, "t-0", config(), Access::owner);
  if (!log.ok()) qFatal("open: %s", log.status().message().c_str());
  return std::move(log).value();
}

// Simulates a crash after a clean close: the marker is what tells a clean stop.
void forget_clean_shutdown(const fs::path& dir) { fs::remove(dir / "clean-shutdown"); }

fs::path last_segment(const fs::path& dir) {
  fs::path last;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".log" && (last.empty() || e.path() > last)) last = e.path();
  }
  return last;
}

void restore(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

}  // namespace

class TestRecovery : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  fs::path pristine_;
  std::uint64_t last_batch_start_ = 0;
  std::uint64_t last_batch_end_ = 0;
  std::int64_t offsets_before_last_ = 0;
  std::vector<StoredRecord> records_before_last_;

 private slots:
  void initTestCase() {
    pristine_ = fs::path(tmp_.path().toStdString()) / "pristine";
    auto log = open_owner(pristine_);
    for (int i = 0; i < 100; ++i) append_values(*log, "v", i * 5, 5);
    records_before_last_ = read_all(*log);
    offsets_before_last_ = log->end_offset();
    last_batch_start_ = fs::file_size(last_segment(pristine_));
    append_values(*log, "last", 0, 5);  // the batch that will be torn
    last_batch_end_ = fs::file_size(last_segment(pristine_));
    QVERIFY(log->stats().segments > 3);
    QVERIFY(last_batch_start_ > 0);
  }

  void truncationAtEveryByteOfTheLastBatch() {
    const fs::path work = fs::path(tmp_.path().toStdString()) / "work";
    for (std::uint64_t cut = last_batch_start_; cut < last_batch_end_; ++cut) {
      restore(pristine_, work);
      forget_clean_shutdown(work);
      fs::resize_file(last_segment(work), cut);
      {
        auto log = open_owner(work);
        QVERIFY(!log->recovery().clean);
        QCOMPARE(log->recovery().truncated_bytes, cut - last_batch_start_);
        QCOMPARE(log->end_offset(), offsets_before_last_);
        const auto got = read_all(*log);
        QCOMPARE(got.size(), records_before_last_.size());
        QCOMPARE(got.back().value, records_before_last_.back().value);
        QCOMPARE(fs::file_size(last_segment(work)), last_batch_start_);
        // Appends continue at the next offset, and survive another reopen.
        QCOMPARE(append_values(*log, "after", 0, 2).base_offset, offsets_before_last_);
      }
      auto again = open_owner(work);
      QVERIFY(again->recovery().clean);
      const auto all = read_all(*again);
      QCOMPARE(all.size(), records_before_last_.size() + 2);
      QCOMPARE(*all.back().value, std::string("after-1"));
      QCOMPARE(all.back().offset, offsets_before_last_ + 1);
    }
  }

  void uncleanReopenOfAnIntactLogKeepsEverything() {
    const fs::path work = fs::path(tmp_.path().toStdString()) / "intact";
    restore(pristine_, work);
    forget_clean_shutdown(work);
    auto log = open_owner(work);
    QCOMPARE(log->recovery().truncated_bytes, 0u);
    QCOMPARE(log->end_offset(), offsets_before_last_ + 5);
    // Only the segments from the recovery point on were checked, not the whole log.
    QVERIFY(log->recovery().scanned_bytes > 0);
    QVERIFY(log->recovery().scanned_bytes <= config().segment_bytes);
  }

  void rolledSegmentsAreRescannedUntilSynced() {
    // A crash right after rolls: the rolled segments were never fsynced, so the recovery
    // point has not moved past them and all of them are checked again.
    const fs::path live = fs::path(tmp_.path().toStdString()) / "live";
    const fs::path crashed = fs::path(tmp_.path().toStdString()) / "crashed";
    auto log = open_owner(live);
    for (int i = 0; i < 100; ++i) append_values(*log, "v", i * 5, 5);
    QVERIFY(log->stats().segments > 3);
    restore(live, crashed);  // the files as a crash would leave them
    {
      auto recovered = open_owner(crashed);
      QVERIFY(!recovered->recovery().clean);
      QCOMPARE(recovered->recovery().scanned_bytes, log->stats().size_bytes);
      QCOMPARE(recovered->end_offset(), 500);
    }
    // After a flush the rolled segments are durable and the recovery point moves on.
    QVERIFY(log->flush().ok());
    restore(live, crashed);
    auto recovered = open_owner(crashed);
    QVERIFY(recovered->recovery().scanned_bytes <= config().segment_bytes);
    QCOMPARE(recovered->end_offset(), 500);
    QCOMPARE(read_all(*recovered).size(), 500u);
  }

  void flippedBitInTheTailIsCutByCrc() {
    const fs::path work = fs::path(tmp_.path().toStdString()) / "flip";
    for (std::uint64_t at : {last_batch_start_ + 21, last_batch_start_ + 40, last_batch_end_ - 1}) {
      restore(pristine_, work);
      forget_clean_shutdown(work);
      std::string bytes = read_binary(last_segment(work));
      bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
      write_binary(last_segment(work), bytes);
      auto log = open_owner(work);
      QCOMPARE(log->end_offset(), offsets_before_last_);
      QCOMPARE(log->recovery().truncated_bytes, last_batch_end_ - last_batch_start_);
    }
  }

  void flippedBitInASealedSegmentIsReportedOnRead() {
    const fs::path work = fs::path(tmp_.path().toStdString()) / "sealed";
    restore(pristine_, work);
    const fs::path first = work / "00000000000000000000.log";
    std::string bytes = read_binary(first);
    bytes[100] = static_cast<char>(bytes[100] ^ 0x01);
    write_binary(first, bytes);
    auto log = open_owner(work);
    ByteBuffer buf;
    auto r = log->read(0, 1 << 20, buf);
    QVERIFY(r.ok());
    Status found;
    for_each_batch(buf.span(), [&](const BatchHeader&, std::span<const char> batch) {
      if (found.ok()) found = verify_batch(batch);
      return true;
    });
    QCOMPARE(found.code(), ErrorCode::corrupt);
    QVERIFY(QString::fromStdString(found.message()).contains("CRC"));
  }

  void garbageAfterTheLastBatchIsCut() {
    const fs::path work = fs::path(tmp_.path().toStdString()) / "garbage";
    for (const std::string& junk : {std::string(4096, '\0'), std::string(7, '\x55'), std::string(100, '\xff')}) {
      restore(pristine_, work);
      forget_clean_shutdown(work);
      write_binary(last_segment(work), read_binary(last_segment(work)) + junk);
      auto log = open_owner(work);
      QCOMPARE(log->end_offset(), offsets_before_last_ + 5);
      QCOMPARE(log->recovery().truncated_bytes, junk.size());
      QCOMPARE(append_values(*log, "x", 0, 1).base_offset, offsets_before_last_ + 5);
    }
  }

  void observerNeverChangesFiles() {
    const fs::path work = fs::path(tmp_.path().toStdString()) / "observer";
    restore(pristine_, work);
    forget_clean_shutdown(work);
    fs::resize_file(last_segment(work), last_batch_end_ - 3);
    auto log = PartitionLog::open(work, "t-0", config(), Access::observer);
    QVERIFY(log.ok());
    QCOMPARE((*log)->end_offset(), offsets_before_last_);
    QCOMPARE(read_all(**log).size(), records_before_last_.size());
    QCOMPARE(fs::file_size(last_segment(work)), last_batch_end_ - 3);
    QVERIFY(!fs::exists(work / "clean-shutdown"));
  }
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "test_recovery.moc"
