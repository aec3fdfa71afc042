#include "stream/checkpoint_store.h"

#include <sqlite3.h>

#include "stream/sqlite_support.h"

namespace tributary::stream {
namespace {

Status sql_error(sqlite3* db, const std::string& what) {
  return error(ErrorCode::io_error, "checkpoint " + what + ": " + sqlite3_errmsg(db));
}

// A prepared statement that finalises itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool ok() const { return rc_ == SQLITE_OK; }
  Statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, std::string_view v) {
    sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t int_at(int i) const { return sqlite3_column_int64(stmt_, i); }
  bool null_at(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
  std::string_view blob_at(int i) const {
    const void* p = sqlite3_column_blob(stmt_, i);
    return {static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))};
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

}  // namespace

Result<std::unique_ptr<CheckpointStore>> CheckpointStore::open(const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) {
    Status st = error(ErrorCode::io_error,
                      "cannot open checkpoint " + file.string() + ": " + sqlite3_errmsg(db));
    sqlite3_close(db);
    return st;
  }
  std::unique_ptr<CheckpointStore> store(new CheckpointStore(db));
  // WAL + synchronous=FULL: a commit that returned survives a power cut.
  TRIB_RETURN_IF_ERROR(
      store->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                  "CREATE TABLE IF NOT EXISTS offset_log (batch INTEGER, topic TEXT, partition "
                  "INTEGER, start INTEGER, end_ INTEGER,"
                  "  PRIMARY KEY (batch, topic, partition));"
                  "CREATE TABLE IF NOT EXISTS commit_log (batch INTEGER PRIMARY KEY);"
                  "CREATE TABLE IF NOT EXISTS state (op TEXT, key BLOB, value BLOB, PRIMARY KEY "
                  "(op, key)) WITHOUT ROWID;"
                  "CREATE TABLE IF NOT EXISTS sinks (name TEXT PRIMARY KEY, position INTEGER);"));
  return store;
}

CheckpointStore::~CheckpointStore() {
  sqlite3_close(db_);
}

Status CheckpointStore::exec(const char* sql) const {
  return exec_sql(db_, sql, "checkpoint");
}

Result<std::optional<std::int64_t>> CheckpointStore::last_committed() const {
  Statement s(db_, "SELECT max(batch) FROM commit_log");
  if (!s.ok() || s.step() != SQLITE_ROW) return sql_error(db_, "read");
  if (s.null_at(0)) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{s.int_at(0)};
}

Result<std::optional<std::int64_t>> CheckpointStore::last_logged() const {
  Statement s(db_, "SELECT max(batch) FROM offset_log");
  if (!s.ok() || s.step() != SQLITE_ROW) return sql_error(db_, "read");
  if (s.null_at(0)) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{s.int_at(0)};
}

Status CheckpointStore::log_offsets(std::int64_t batch, const std::vector<OffsetRange>& ranges) {
  TRIB_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE"));
  Statement s(db_, "INSERT OR REPLACE INTO offset_log VALUES (?, ?, ?, ?, ?)");
  for (const auto& r : ranges) {
    s.bind(1, batch)
        .bind(2, std::string_view(r.topic))
        .bind(3, r.partition)
        .bind(4, r.start)
        .bind(5, r.end);
    if (s.step() != SQLITE_DONE) {
      (void)exec("ROLLBACK");
      return sql_error(db_, "offset log");
    }
    s.reset();
  }
  return exec("COMMIT");
}

Result<std::vector<OffsetRange>> CheckpointStore::offsets_of(std::int64_t batch) const {
  Statement s(db_,
              "SELECT CAST(topic AS TEXT), partition, start, end_ FROM offset_log WHERE batch = ? "
              "ORDER BY topic, partition");
  s.bind(1, batch);
  std::vector<OffsetRange> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    out.push_back(
        {std::string(s.blob_at(0)), static_cast<int>(s.int_at(1)), s.int_at(2), s.int_at(3)});
  }
  if (rc != SQLITE_DONE) return sql_error(db_, "offset log");
  return out;
}

Status CheckpointStore::commit(std::int64_t batch, const StateChanges& changes,
                               const std::map<std::string, std::int64_t>& sinks) {
  TRIB_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE"));
  auto fail = [&](const char* what) {
    Status st = sql_error(db_, what);
    (void)exec("ROLLBACK");
    return st;
  };
  {
    // Erases first: a key erased and written again in one batch ends up written.
    Statement erase(db_, "DELETE FROM state WHERE op = ? AND key = ?");
    for (const auto& [op, key] : changes.erase) {
      erase.bind(1, std::string_view(op)).bind(2, std::string_view(key));
      if (erase.step() != SQLITE_DONE) return fail("state");
      erase.reset();
    }
    Statement put(db_, "INSERT OR REPLACE INTO state VALUES (?, ?, ?)");
    for (const auto& [op, key, value] : changes.put) {
      put.bind(1, std::string_view(op))
          .bind(2, std::string_view(key))
          .bind(3, std::string_view(value));
      if (put.step() != SQLITE_DONE) return fail("state");
      put.reset();
    }
    Statement sink(db_, "INSERT OR REPLACE INTO sinks VALUES (?, ?)");
    for (const auto& [name, position] : sinks) {
      sink.bind(1, std::string_view(name)).bind(2, position);
      if (sink.step() != SQLITE_DONE) return fail("sink positions");
      sink.reset();
    }
    Statement done(db_, "INSERT INTO commit_log VALUES (?)");
    done.bind(1, batch);
    if (done.step() != SQLITE_DONE) return fail("commit log");
  }
  return exec("COMMIT");
}

Status CheckpointStore::load_state(
    const std::string& op,
    const std::function<void(std::string_view, std::string_view)>& fn) const {
  Statement s(db_, "SELECT key, value FROM state WHERE op = ? ORDER BY key");
  s.bind(1, std::string_view(op));
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) fn(s.blob_at(0), s.blob_at(1));
  if (rc != SQLITE_DONE) return sql_error(db_, "state");
  return {};
}

Result<std::optional<std::int64_t>> CheckpointStore::sink_position(const std::string& sink) const {
  Statement s(db_, "SELECT position FROM sinks WHERE name = ?");
  s.bind(1, std::string_view(sink));
  const int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<std::int64_t>{};
  if (rc != SQLITE_ROW) return sql_error(db_, "sinks");
  return std::optional<std::int64_t>{s.int_at(0)};
}

}  // namespace tributary::stream
