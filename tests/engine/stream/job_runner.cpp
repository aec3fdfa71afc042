// Runs a test job of job_fixture.h (KIND: a window kind for event_job, or join, or lookup) once
// over a data dir, as a separate process that the exactly-once test kills at random moments. Exit 0
// once the bounded input is finished.
//   job_runner DATA_DIR SINK CHECKPOINT MAX_RECORDS THREADS KIND [sqlite]
#include <QtCore/qglobal.h>

#include <cstdio>
#include <cstdlib>

#include "job_fixture.h"

int main(int argc, char** argv) {
  using namespace tributary;
  if (argc != 7 && argc != 8) {
    std::fprintf(stderr,
                 "usage: job_runner DATA_DIR SINK CHECKPOINT MAX_RECORDS THREADS KIND [sqlite]\n");
    return 2;
  }
  log::LogManager::Options o;
  o.data_dir = argv[1];
  o.access = log::Access::observer;
  auto logs = log::LogManager::open(o);
  if (!logs.ok()) return std::fprintf(stderr, "%s\n", logs.status().message().c_str()), 1;
  const std::string kind = argv[6];
  auto config = kind == "join"     ? testing::join_job()
                : kind == "lookup" ? testing::lookup_job()
                                   : testing::event_job(kind);
  config.sink_path = argv[2];
  config.checkpoint_path = argv[3];
  config.max_records_per_batch = std::atoll(argv[4]);
  config.threads = std::atoi(argv[5]);
  if (argc == 8) config.sqlite_table = "windows";
  auto job = stream::Job::open(config, **logs);
  if (!job.ok()) return std::fprintf(stderr, "%s\n", job.status().message().c_str()), 1;
  Status st = (*job)->run_until_caught_up(true);
  if (!st.ok()) return std::fprintf(stderr, "%s\n", st.message().c_str()), 1;
  return 0;
}
