// log.append / log.read: the persistent log against plain write()/read() of the same bytes in
// the same folder, in the same run (see ../shared/design/benchmarks.md). One JSON line per result.
//
//   log_bench [--records N] [--batch N] [--value-bytes N] [--reps N] [--dir DIR] [--quick]
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.h"
#include "log/log_manager.h"
#include "log/record_batch.h"

using namespace tributary;
using namespace tributary::log;
namespace fs = std::filesystem;
using namespace tributary::bench;

namespace {

struct Options {
  std::int64_t records = 10'000'000;
  int batch = 1000;
  int value_bytes = 100;
  int reps = 3;
  fs::path dir = "log_bench_data";
};




void emit(const char* bench, const char* metric, double ours, const char* peer, double theirs, const Options& o,
          const char* flush, const char* extra = "") {
  std::printf(
      "{\"bench\":\"%s\",\"metric\":\"%s\",\"value\":%.0f,\"unit\":\"1/s\",\"peer\":\"%s\",\"peer_value\":%.0f,"
      "\"ratio\":%.3f,\"params\":{\"records\":%lld,\"record_bytes\":%d,\"batch\":%d,\"flush\":\"%s\",\"reps\":%d%s},"
      "\"peak_rss_kb\":%ld}\n",
      bench, metric, ours, peer, theirs, ours / theirs, static_cast<long long>(o.records), o.value_bytes, o.batch, flush,
      o.reps, extra, peak_rss_kb());
  std::fflush(stdout);
}

// 1000 distinct 100-byte values, reused for every batch.
struct Workload {
  std::vector<std::string> values;
  std::vector<Record> records;
  Workload(const Options& o) {
    for (int i = 0; i < o.batch; ++i) {
      std::string v(static_cast<std::size_t>(o.value_bytes), 'a');
      for (int k = 0; k < o.value_bytes; ++k) v[static_cast<std::size_t>(k)] = static_cast<char>('a' + (i * 31 + k * 7) % 26);
      values.push_back(std::move(v));
    }
    for (int i = 0; i < o.batch; ++i) records.push_back({std::nullopt, std::string_view(values[static_cast<std::size_t>(i)]), 1700000000000 + i, {}});
  }
};

std::unique_ptr<LogManager> fresh_log(const fs::path& dir, FlushPolicy flush, std::shared_ptr<Topic>& topic) {
  fs::remove_all(dir);
  LogManager::Options mo;
  mo.data_dir = dir;
  auto logs = LogManager::open(mo);
  if (!logs.ok()) {
    std::fprintf(stderr, "%s\n", logs.status().message().c_str());
    std::exit(1);
  }
  TopicConfig tc;
  tc.log.flush = flush;
  tc.log.retention_ms = -1;
  topic = *(*logs)->create_topic("bench", tc);
  return std::move(logs).value();
}

// Plain write() of `batches` copies of `bytes`, fdatasync every 100 ms when `interval`.
double raw_write(const fs::path& file, std::span<const char> bytes, std::int64_t batches, bool interval) {
  fs::remove(file);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  const auto start = Clock::now();
  auto last_sync = start;
  for (std::int64_t b = 0; b < batches; ++b) {
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
      const ssize_t n = ::write(fd, p, left);
      if (n <= 0) std::abort();
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    if (interval && Clock::now() - last_sync >= std::chrono::milliseconds(100)) {
      ::fdatasync(fd);
      last_sync = Clock::now();
    }
  }
  ::close(fd);
  return seconds_since(start);
}

double raw_read(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY);
  std::vector<char> buf(1 << 20);
  const auto start = Clock::now();
  std::uint64_t total = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n <= 0) break;
    total += static_cast<std::uint64_t>(n);
  }
  ::close(fd);
  if (total == 0) std::abort();
  return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--records") o.records = std::stoll(next());
    else if (a == "--batch") o.batch = std::stoi(next());
    else if (a == "--value-bytes") o.value_bytes = std::stoi(next());
    else if (a == "--reps") o.reps = std::stoi(next());
    else if (a == "--dir") o.dir = next();
    else if (a == "--quick") o.records = 200'000, o.reps = 1;
    else {
      std::fprintf(stderr, "usage: log_bench [--records N] [--batch N] [--value-bytes N] [--reps N] [--dir DIR] [--quick]\n");
      return 2;
    }
  }
  const std::int64_t batches = o.records / o.batch;
  Workload w(o);
  RecordBatchBuilder builder;
  for (const auto& r : w.records) builder.add(r);
  builder.finish();
  const ByteBuffer encoded = builder.take();  // what every appended batch looks like on disk
  const std::span<const char> one_batch = encoded.span();
  const fs::path log_dir = o.dir / "log";
  const fs::path raw_file = o.dir / "raw.bin";
  fs::create_directories(o.dir);

  for (FlushPolicy flush : {FlushPolicy::never, FlushPolicy::interval}) {
    const bool interval = flush == FlushPolicy::interval;
    std::vector<double> ours_records, ours_batches, peer_write, ours_read, ours_decode, peer_read;
    for (int rep = 0; rep < o.reps; ++rep) {
      // Peer first, then ours, alternating order would not change the page cache state.
      peer_write.push_back(raw_write(raw_file, one_batch, batches, interval));
      peer_read.push_back(raw_read(raw_file));
      fs::remove(raw_file);

      {  // records → encode → append
        std::shared_ptr<Topic> topic;
        auto logs = fresh_log(log_dir, flush, topic);
        PartitionLog& p = topic->partition(0);
        const auto start = Clock::now();
        for (std::int64_t b = 0; b < batches; ++b) {
          if (!p.append(w.records).ok()) std::abort();
        }
        ours_records.push_back(seconds_since(start));
        // read back by offset: whole batches, headers walked to follow offsets
        ByteBuffer buf;
        std::int64_t position = 0, seen = 0;
        auto rstart = Clock::now();
        while (position < p.end_offset()) {
          buf.clear();
          auto r = p.read(position, 1 << 20, buf);
          if (!r.ok()) std::abort();
          for_each_batch(buf.span(), [&](const BatchHeader& h, std::span<const char>) {
            seen += h.record_count;
            return true;
          });
          position = r->next_offset;
        }
        ours_read.push_back(seconds_since(rstart));
        if (seen != batches * o.batch) std::abort();
        // read back and decode every record, CRC checked (what a consumer does)
        position = 0;
        seen = 0;
        rstart = Clock::now();
        std::uint64_t checksum = 0;
        while (position < p.end_offset()) {
          buf.clear();
          auto r = p.read(position, 1 << 20, buf);
          for_each_batch(buf.span(), [&](const BatchHeader&, std::span<const char> batch) {
            auto reader = RecordBatchReader::open(batch);
            RecordView v;
            while (reader->next(v)) checksum += v.value->size(), ++seen;
            return true;
          });
          position = r->next_offset;
        }
        ours_decode.push_back(seconds_since(rstart));
        if (seen != batches * o.batch || checksum == 0) std::abort();
      }
      {  // pre-encoded batches (the broker's produce path: CRC check, offset rewrite, write)
        std::shared_ptr<Topic> topic;
        auto logs = fresh_log(log_dir, flush, topic);
        PartitionLog& p = topic->partition(0);
        ByteBuffer batch(encoded.size());
        batch.append(encoded.data(), encoded.size());
        // The same received batch appended again and again: append rewrites only its base
        // offset, which the CRC does not cover, so it stays valid.
        const auto start = Clock::now();
        for (std::int64_t b = 0; b < batches; ++b) {
          if (!p.append(std::span<char>(batch.data(), batch.size())).ok()) std::abort();
        }
        ours_batches.push_back(seconds_since(start));
      }
      fs::remove_all(log_dir);
    }
    const char* fname = flush_policy_name(flush);
    const double n = static_cast<double>(batches * o.batch);
    emit("log.append", "records_per_s", n / median(ours_records), interval ? "raw write()+fdatasync/100ms" : "raw write()",
         n / median(peer_write), o, fname, ",\"input\":\"records, encoded on the appending thread\"");
    emit("log.append", "records_per_s", n / median(ours_batches), interval ? "raw write()+fdatasync/100ms" : "raw write()",
         n / median(peer_write), o, fname, ",\"input\":\"encoded batches (broker path: CRC check, offset rewrite, write)\"");
    emit("log.read", "records_per_s", n / median(ours_read), "raw read()", n / median(peer_read), o, fname,
         ",\"decode\":false");
    emit("log.read", "records_per_s", n / median(ours_decode), "raw read()", n / median(peer_read), o, fname,
         ",\"decode\":\"every record, CRC checked\"");
  }
  fs::remove_all(o.dir);
  return 0;
}
