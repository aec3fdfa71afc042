// One writer, many readers: readers never see part of a batch, across rolls and retention.
#include <QtTest>

#include <QTemporaryDir>
#include <atomic>
#include <thread>

#include "../test_support.h"
#include "log/log_manager.h"

using namespace tributary;
using namespace tributary::log;
using namespace tributary::testing;
namespace fs = std::filesystem;

class TestConcurrency : public QObject {
  Q_OBJECT
 private slots:
  void readersConcurrentWithWriterSeeOnlyWholeBatches() {
    QTemporaryDir tmp;
    LogConfig c;
    c.segment_bytes = 64 * 1024;  // many rolls while reading
    c.flush = FlushPolicy::never;
    c.retention_ms = -1;
    auto opened = PartitionLog::open(tmp.path().toStdString(), "t-0", c, Access::owner);
    QVERIFY(opened.ok());
    PartitionLog& log = **opened;
    constexpr int kBatches = 3000;
    std::atomic<bool> writer_done{false};
    std::atomic<int> failures{0};

    std::thread writer([&] {
      std::vector<std::string> values;
      std::vector<Record> records;
      for (int b = 0; b < kBatches; ++b) {
        const int n = 1 + b % 17;  // batches of varied sizes
        values.clear();
        records.clear();
        for (int i = 0; i < n; ++i) {
          std::string v = std::to_string(b);
          v.append(static_cast<std::size_t>(i * 7), 'z');
          values.push_back(std::move(v));
        }
        for (const auto& v : values) records.push_back({std::nullopt, std::string_view(v), b, {}});
        if (!log.append(records).ok()) ++failures;
      }
      writer_done = true;
    });

    auto reader = [&](std::size_t max_bytes) {
      std::int64_t position = 0;
      int next_batch = 0;
      ByteBuffer buf;
      while (next_batch < kBatches) {
        if (position == log.end_offset()) {
          if (writer_done && position == log.end_offset()) break;
          log.wait_for_data(position, std::chrono::milliseconds(5));
          continue;
        }
        buf.clear();
        auto r = log.read(position, max_bytes, buf);
        if (!r.ok()) {
          qWarning("reader(%zu): %s", max_bytes, r.status().message().c_str());
          ++failures;
          return;
        }
        std::size_t pos = 0;
        while (pos < buf.size()) {
          const std::size_t size = peek_batch_size(buf.span().subspan(pos));
          auto batch = RecordBatchReader::open(buf.span().subspan(pos, size));  // CRC checked
          if (!batch.ok() || batch->header().base_offset != position ||
              batch->header().record_count != 1 + next_batch % 17) {
            qWarning("reader(%zu): at offset %lld batch %d: %s", max_bytes, static_cast<long long>(position), next_batch,
                     batch.ok() ? "unexpected header" : batch.status().message().c_str());
            ++failures;
            return;
          }
          RecordView v;
          while (batch->next(v)) {
            if (v.timestamp != next_batch) ++failures;
          }
          position = batch->header().next_offset();
          ++next_batch;
          pos += size;
        }
        if (pos != buf.size()) ++failures;  // a partial batch was returned
      }
      if (next_batch != kBatches) ++failures;
    };
    std::vector<std::thread> readers;
    for (std::size_t limit : {100u, 4096u, 1u << 20, 333u}) readers.emplace_back(reader, limit);
    writer.join();
    for (auto& r : readers) r.join();
    QCOMPARE(failures.load(), 0);
    QVERIFY(log.stats().segments > 5);
  }

  void retentionWhileReadingKeepsReadsConsistent() {
    QTemporaryDir tmp;
    LogManager::Options o;
    o.data_dir = tmp.path().toStdString();
    o.background_tasks = false;
    auto logs = LogManager::open(o);
    QVERIFY(logs.ok());
    TopicConfig tc;
    tc.log.segment_bytes = 8192;
    tc.log.retention_bytes = 32768;
    tc.log.flush = FlushPolicy::never;
    auto topic = (*logs)->create_topic("busy", tc);
    QVERIFY(topic.ok());
    PartitionLog& log = (*topic)->partition(0);
    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::thread maintenance([&] {
      while (!done) {
        if (!(*logs)->run_maintenance(true).ok()) ++failures;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
    std::thread reader([&] {
      ByteBuffer buf;
      while (!done) {
        std::int64_t position = log.start_offset();
        buf.clear();
        auto r = log.read(position, 1 << 16, buf);
        if (!r.ok()) {
          if (r.status().code() != ErrorCode::out_of_range) ++failures;  // retention overtook us: fine
          continue;
        }
        for_each_batch(buf.span(), [&](const BatchHeader&, std::span<const char> b) {
          if (!verify_batch(b).ok()) ++failures;
          return true;
        });
      }
    });
    for (int i = 0; i < 2000; ++i) append_values(log, "r", i * 4, 4);
    done = true;
    maintenance.join();
    reader.join();
    QVERIFY((*logs)->run_maintenance(true).ok());
    QCOMPARE(failures.load(), 0);
    QVERIFY(log.start_offset() > 0);
    QVERIFY(log.stats().size_bytes <= 32768 + 8192);
  }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "test_concurrency.moc"
