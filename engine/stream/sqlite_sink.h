// sink.sqlite: rows go into a table of a SQLite database, and each batch's rows are written
// together with its batch id in one transaction, so a batch that is run again after a crash
// is recognised and not written twice (semantics.md, exactly-once).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "core/batch.h"
#include "core/status.h"

struct sqlite3;

namespace tributary::stream {

class SqliteSink {
 public:
  // Creates `table` with the schema's columns when it does not exist yet.
  static Result<std::unique_ptr<SqliteSink>> open(const std::filesystem::path& file,
                                                  const std::string& table, const Schema& schema);
  ~SqliteSink();
  SqliteSink(const SqliteSink&) = delete;
  SqliteSink& operator=(const SqliteSink&) = delete;

  // Writes `rows` as batch `batch` of `writer` (one writer per task); does nothing if that
  // writer already wrote this batch. Safe to call from several task threads.
  Status write(const std::string& writer, std::int64_t batch, const Batch& rows);
  Result<std::int64_t> last_batch(const std::string& writer) const;
  // For a job that starts from nothing (its checkpoint was deleted): empties the table and
  // forgets the batches of `writers`, as a file sink is cut back to nothing, so that batch
  // ids starting again at 0 are neither taken as done nor added to old rows.
  Status start_over(const std::vector<std::string>& writers);

 private:
  SqliteSink() = default;
  sqlite3* db_ = nullptr;
  std::string insert_sql_;
  std::string table_;
  std::mutex mutex_;
};

}  // namespace tributary::stream
