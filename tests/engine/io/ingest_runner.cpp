// Ingests the kill test's generator (ingest_fixture.h) into topic "clicks" of a data dir, as a
// separate process that test_ingest kills with SIGKILL at random moments. Exit 0 once done.
// SPEED paces it (ingest_task.h), so that a moment of the run is a place in the input.
//   ingest_runner DATA_DIR ROWS SPEED
#include <cstdio>
#include <cstdlib>

#include "ingest_fixture.h"

int main(int argc, char** argv) {
  using namespace tributary;
  if (argc != 4) {
    std::fprintf(stderr, "usage: ingest_runner DATA_DIR ROWS SPEED\n");
    return 2;
  }
  auto fail = [](const Status& st) {
    return std::fprintf(stderr, "%s\n", st.message().c_str()), 1;
  };
  auto logs = testing::open_data_dir(argv[1]);
  if (!logs.ok()) return fail(logs.status());
  auto topic = testing::source_topic(**logs, "clicks", 2);
  if (!topic.ok()) return fail(topic.status());
  auto source = io::make_generator(testing::kill_test_generator(std::atoll(argv[2])));
  if (!source.ok()) return fail(source.status());
  io::IngestSpec spec = testing::kill_test_ingest();
  spec.speed = std::atof(argv[3]);
  auto task = io::IngestTask::open(spec, std::move(source).value(), *topic);
  if (!task.ok()) return fail(task.status());
  while (true) {
    auto more = (*task)->poll();
    if (!more.ok()) return fail(more.status());
    if (!*more) break;
  }
  if (Status st = (*logs)->close(); !st.ok()) return fail(st);
  return 0;
}
