// broker.produce: a librdkafka producer sends N records of 100 bytes over loopback, acks=1, to
// the embedded broker (run in a child process, so its memory is measured apart); in the same
// run, Redis Streams XADD of the same records, pipelined, with redis-benchmark against a local
// redis-server. Then the consumer side: a full read of the topic with `kcat -C -e` over the
// wire against `tributary-cli consume` reading the same log directly.
//
//   broker_bench [--records N] [--reps R] [--quick]
#include <fcntl.h>
#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "broker/broker.h"
#include "log/log_manager.h"

extern char** environ;

using namespace tributary;
using namespace tributary::bench;

namespace {

constexpr int kRecordBytes = 100;

struct Child {
  pid_t pid = -1;
  int port = 0;
};

// The broker in a forked child over a fresh data directory; returns once it listens.
Child start_broker(const std::filesystem::path& dir) {
  int fds[2];
  if (pipe(fds) != 0) std::abort();
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    log::LogManager::Options o;
    o.data_dir = dir;
    auto logs = log::LogManager::open(o);
    if (!logs.ok()) _exit(2);
    broker::BrokerOptions options;
    options.port = 0;
    auto b = broker::Broker::start(**logs, options);
    if (!b.ok()) _exit(3);
    const int port = (*b)->port();
    if (write(fds[1], &port, sizeof port) != sizeof port) _exit(4);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    int sig = 0;
    sigwait(&set, &sig);
    (*b)->stop();
    (void)(*logs)->close();
    _exit(0);
  }
  close(fds[1]);
  Child c;
  c.pid = pid;
  if (read(fds[0], &c.port, sizeof c.port) != sizeof c.port) {
    std::fprintf(stderr, "broker child failed to start\n");
    std::exit(1);
  }
  close(fds[0]);
  return c;
}

long stop_child(pid_t pid) {
  kill(pid, SIGTERM);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  return usage.ru_maxrss;
}

pid_t spawn(const std::vector<std::string>& args, const char* out_path = "/dev/null") {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    std::fprintf(stderr, "cannot run %s\n", argv[0]);
    std::exit(1);
  }
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string record_value(std::size_t i) {
  char buf[kRecordBytes + 1];
  std::snprintf(buf, sizeof buf, "%010zu", i);
  std::string v(buf);
  v.resize(kRecordBytes, 'x');
  return v;
}

struct Delivery {
  std::size_t ok = 0;
  std::size_t failed = 0;
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* d = static_cast<Delivery*>(opaque);
  if (m->err) {
    ++d->failed;
  } else {
    ++d->ok;
  }
}

// Records per second of one librdkafka producer, acks=1, from first send to last delivery.
double produce_kafka(int port, const std::string& topic, std::size_t records) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  const std::string bootstrap = "127.0.0.1:" + std::to_string(port);
  auto set = [&](const char* k, const char* v) {
    if (rd_kafka_conf_set(conf, k, v, err, sizeof err) != RD_KAFKA_CONF_OK) {
      std::fprintf(stderr, "%s: %s\n", k, err);
      std::exit(1);
    }
  };
  set("bootstrap.servers", bootstrap.c_str());
  set("acks", "1");
  set("linger.ms", "5");
  set("queue.buffering.max.messages", "1000000");
  set("queue.buffering.max.kbytes", "1048576");
  Delivery delivery;
  rd_kafka_conf_set_opaque(conf, &delivery);
  rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) {
    std::fprintf(stderr, "producer: %s\n", err);
    std::exit(1);
  }
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const std::string value = record_value(0);
  const auto start = Clock::now();
  for (std::size_t i = 0; i < records; ++i) {
    while (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY,
                            const_cast<char*>(value.data()), value.size(), nullptr, 0,
                            nullptr) != 0) {
      if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        std::fprintf(stderr, "produce: %s\n", rd_kafka_err2str(rd_kafka_last_error()));
        std::exit(1);
      }
      rd_kafka_poll(rk, 1);
    }
    if ((i & 0xFFF) == 0) rd_kafka_poll(rk, 0);
  }
  rd_kafka_flush(rk, 120000);
  const double secs = seconds_since(start);
  rd_kafka_topic_destroy(rkt);
  rd_kafka_destroy(rk);
  if (delivery.ok != records) {
    std::fprintf(stderr, "only %zu of %zu records delivered (%zu failed)\n", delivery.ok, records,
                 delivery.failed);
    std::exit(1);
  }
  return static_cast<double>(records) / secs;
}

// Requests per second redis-benchmark reports for XADD of a 100-byte field, pipelined.
double produce_redis(int port, std::size_t records) {
  const std::string csv =
      (std::filesystem::temp_directory_path() / "tributary-redis-bench.csv").string();
  const pid_t b =
      spawn({"redis-benchmark", "-p", std::to_string(port), "-n", std::to_string(records), "-P",
             "64", "--csv", "XADD", "tributary-bench", "*", "v", record_value(0)},
            csv.c_str());
  wait_for(b);
  FILE* f = std::fopen(csv.c_str(), "r");
  if (!f) return 0;
  char line[1024];
  double rps = 0;
  while (std::fgets(line, sizeof line, f)) {
    // "XADD ...","123456.78",...
    const char* p = std::strstr(line, "\",\"");
    if (p && std::strncmp(line, "\"test\"", 6) != 0) rps = std::atof(p + 3);
  }
  std::fclose(f);
  return rps;
}

double timed_run(const std::vector<std::string>& args) {
  const auto start = Clock::now();
  const int rc = wait_for(spawn(args));
  if (rc != 0) {
    std::fprintf(stderr, "%s exited with %d\n", args[0].c_str(), rc);
    std::exit(1);
  }
  return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t records = 5'000'000;
  int reps = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--quick") {
      records = 200'000;
      reps = 1;
    } else if (a == "--records" && i + 1 < argc) {
      records = std::stoul(argv[++i]);
    } else if (a == "--reps" && i + 1 < argc) {
      reps = std::stoi(argv[++i]);
    }
  }
  const auto root = std::filesystem::temp_directory_path() /
                    ("tributary-broker-bench-" + std::to_string(getpid()));
  std::filesystem::remove_all(root);

  // Redis: no persistence, so it is measured at its fastest.
  const int redis_port = 16379 + (getpid() % 1000);
  const pid_t redis = spawn({"redis-server", "--port", std::to_string(redis_port), "--save", "",
                             "--appendonly", "no", "--bind", "127.0.0.1"});
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  std::vector<double> ours, theirs, kcat_read, direct_read;
  long broker_rss = 0;
  for (int r = 0; r < reps; ++r) {
    const auto dir = root / ("run-" + std::to_string(r));
    Child broker = start_broker(dir);
    ours.push_back(produce_kafka(broker.port, "bench", records));
    theirs.push_back(produce_redis(redis_port, records));
    const std::string bootstrap = "127.0.0.1:" + std::to_string(broker.port);
    kcat_read.push_back(
        static_cast<double>(records) /
        timed_run({"kcat", "-C", "-b", bootstrap, "-t", "bench", "-o", "beginning", "-e", "-q",
                   // Kafka's long poll at the end of the log would add
                   // fetch.wait.max.ms (500) to every read: keep it short.
                   "-X", "fetch.wait.max.ms=10"}));
    direct_read.push_back(static_cast<double>(records) /
                          timed_run({TRIBUTARY_CLI, "consume", "--data-dir", dir.string(), "bench",
                                     "--from-beginning", "--exit-at-end"}));
    broker_rss = std::max(broker_rss, stop_child(broker.pid));
    std::filesystem::remove_all(dir);
  }
  kill(redis, SIGTERM);
  wait_for(redis);
  std::filesystem::remove_all(root);

  const double a = median(ours), b = median(theirs);
  std::printf(
      "{\"bench\":\"broker.produce\",\"metric\":\"records_per_s\",\"value\":%.0f,\"unit\":\"1/s\","
      "\"peer\":\"redis XADD pipelined (redis-benchmark -P "
      "64)\",\"peer_value\":%.0f,\"ratio\":%.2f,"
      "\"kafka_published\":821557,\"ratio_to_kafka_published\":%.2f,\"broker_peak_rss_kb\":%ld,"
      "\"params\":{\"records\":%zu,\"record_bytes\":%d,\"acks\":1,\"reps\":%d}}\n",
      a, b, a / b, a / 821557.0, broker_rss, records, kRecordBytes, reps);
  const double c = median(kcat_read), d = median(direct_read);
  std::printf(
      "{\"bench\":\"broker.consume\",\"metric\":\"records_per_s\",\"value\":%.0f,\"unit\":\"1/s\","
      "\"peer\":\"tributary-cli consume (direct log read)\",\"peer_value\":%.0f,\"ratio\":%.2f,"
      "\"params\":{\"records\":%zu,\"record_bytes\":%d,\"client\":\"kcat -C -e -X "
      "fetch.wait.max.ms=10\",\"reps\":%d}}\n",
      c, d, c / d, records, kRecordBytes, reps);
  return 0;
}
