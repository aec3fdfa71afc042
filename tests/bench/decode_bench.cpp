// io.json_decode: JSON lines → columnar Batch, against a plain simdjson loop over the same
// lines that only reads the same fields (the limit), in the same run (see
// ../shared/design/benchmarks.md). One JSON line per result.
//
//   decode_bench [--records N] [--reps N] [--quick]
#include <simdjson.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_support.h"
#include "core/batch.h"
#include "io/json_decoder.h"

using namespace tributary;
using namespace tributary::bench;

namespace {




// YSB-like events: ids are UUID-shaped, event_time is ms as a string, as in the benchmark.
std::string make_lines(std::int64_t n) {
  static const char* kAdTypes[] = {"banner", "modal", "sponsored-search", "mail", "mobile"};
  static const char* kEventTypes[] = {"view", "click", "purchase"};
  std::string out;
  out.reserve(static_cast<std::size_t>(n) * 230);
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  auto uuid = [&] {
    char buf[40];
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const std::uint64_t a = x;
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                  static_cast<unsigned>(a >> 16) & 0xffff, static_cast<unsigned>(a) & 0xffff,
                  static_cast<unsigned>(x >> 48), static_cast<unsigned long long>(x & 0xffffffffffffull));
    return std::string(buf);
  };
  for (std::int64_t i = 0; i < n; ++i) {
    out += "{\"user_id\":\"" + uuid() + "\",\"page_id\":\"" + uuid() + "\",\"ad_id\":\"" + uuid() +
           "\",\"ad_type\":\"" + kAdTypes[i % 5] + "\",\"event_type\":\"" + kEventTypes[i % 3] +
           "\",\"event_time\":\"" + std::to_string(1700000000000 + i) + "\",\"ip_address\":\"1.2.3.4\"}\n";
  }
  return out;
}

Schema ysb_schema() {
  return Schema({{"user_id", DataType::string},
                 {"page_id", DataType::string},
                 {"ad_id", DataType::string},
                 {"ad_type", DataType::string},
                 {"event_type", DataType::string},
                 {"event_time", DataType::timestamp},
                 {"ip_address", DataType::string}});
}

// The peer: the same padded text, line by line, one DOM parser, each field looked up and read
// (strings as views, event_time converted from text), results folded into a checksum.
std::uint64_t simdjson_loop(std::string_view text, std::int64_t& records) {
  static const char* kFields[] = {"user_id", "page_id", "ad_id", "ad_type", "event_type", "ip_address"};
  simdjson::padded_string padded(text);
  simdjson::dom::parser parser;
  std::uint64_t sum = 0;
  std::size_t pos = 0;
  const char* data = padded.data();
  while (pos < text.size()) {
    const char* nl = static_cast<const char*>(std::memchr(data + pos, '\n', text.size() - pos));
    const std::size_t end = nl ? static_cast<std::size_t>(nl - data) : text.size();
    simdjson::dom::element doc;
    if (parser.parse(data + pos, end - pos, false).get(doc)) std::abort();
    simdjson::dom::object obj;
    if (doc.get_object().get(obj)) std::abort();
    for (const char* f : kFields) {
      std::string_view s;
      if (obj[f].get_string().get(s)) std::abort();
      sum += s.size();
    }
    std::string_view t;
    if (obj["event_time"].get_string().get(t)) std::abort();
    std::int64_t ms = 0;
    for (char c : t) ms = ms * 10 + (c - '0');
    sum += static_cast<std::uint64_t>(ms);
    ++records;
    pos = end + 1;
  }
  return sum;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t n = 1'000'000;
  int reps = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--records") n = std::stoll(next());
    else if (a == "--reps") reps = std::stoi(next());
    else if (a == "--quick") n = 100'000, reps = 1;
    else {
      std::fprintf(stderr, "usage: decode_bench [--records N] [--reps N] [--quick]\n");
      return 2;
    }
  }
  const std::string text = make_lines(n);
  io::JsonDecoder decoder(ysb_schema());
  std::vector<double> ours, peer;
  volatile std::uint64_t sink = 0;
  for (int rep = 0; rep < reps; ++rep) {
    std::int64_t peer_records = 0;
    auto start = Clock::now();
    sink = sink + simdjson_loop(text, peer_records);
    peer.push_back(static_cast<double>(peer_records) / seconds_since(start));

    Batch batch;
    std::vector<io::DeadLetter> dead;
    start = Clock::now();
    if (!decoder.decode_lines(text, "bench", 1, batch, dead).ok()) std::abort();
    ours.push_back(static_cast<double>(batch.num_rows()) / seconds_since(start));
    if (static_cast<std::int64_t>(batch.num_rows()) != n || !dead.empty()) std::abort();
    sink = sink + static_cast<std::uint64_t>(batch.column(5).ints()[0]);
  }
  const double o = median(ours), p = median(peer);
  std::printf(
      "{\"bench\":\"io.json_decode\",\"metric\":\"records_per_s\",\"value\":%.0f,\"unit\":\"1/s\",\"peer\":\"simdjson loop\","
      "\"peer_value\":%.0f,\"ratio\":%.3f,\"params\":{\"records\":%lld,\"record_bytes\":%zu,\"reps\":%d,\"simdjson\":\"%s\"},"
      "\"peak_rss_kb\":%ld}\n",
      o, p, o / p, static_cast<long long>(n), text.size() / static_cast<std::size_t>(n), reps,
      simdjson::get_active_implementation()->name().c_str(), peak_rss_kb());
  return 0;
}
