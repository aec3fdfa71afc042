#include "runtime/workspace.h"

#include <sqlite3.h>

#include <chrono>
#include <cstdio>

#include "stream/sqlite_support.h"

namespace tributary::runtime {
namespace {

Status sqlite_error(sqlite3* db, const char* what) {
  return error(ErrorCode::io_error, std::string("workspace: ") + what + ": " + sqlite3_errmsg(db));
}

// One prepared statement, finalized on scope exit.
struct Statement {
  sqlite3_stmt* s = nullptr;
  ~Statement() { sqlite3_finalize(s); }
};

std::string column_text(sqlite3_stmt* s, int c) {
  const auto* t = sqlite3_column_text(s, c);
  return t ? reinterpret_cast<const char*>(t) : "";
}

RunRecord run_of(sqlite3_stmt* s) {
  RunRecord r;
  r.id = sqlite3_column_int64(s, 0);
  r.pipeline = column_text(s, 1);
  r.name = column_text(s, 2);
  r.hash = column_text(s, 3);
  r.file = column_text(s, 4);
  r.started_ms = sqlite3_column_int64(s, 5);
  r.ended_ms = sqlite3_column_int64(s, 6);
  r.status = column_text(s, 7);
  r.error = column_text(s, 8);
  return r;
}

constexpr const char* kRunColumns =
    "id, pipeline, name, hash, file, started_ms, ended_ms, status, error";

}  // namespace

std::string text_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : text) h = (h ^ static_cast<std::uint8_t>(c)) * 0x100000001b3ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Result<std::unique_ptr<Workspace>> Workspace::open(const std::filesystem::path& file) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) {
    Status s = sqlite_error(db, "open");
    sqlite3_close(db);
    return s;
  }
  std::unique_ptr<Workspace> w(new Workspace(db));
  sqlite3_busy_timeout(db, 5000);
  TRIB_RETURN_IF_ERROR(stream::exec_sql(db, "PRAGMA journal_mode=WAL", "workspace"));
  TRIB_RETURN_IF_ERROR(
      stream::exec_sql(db,
                       "CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, pipeline TEXT, "
                       "name TEXT, hash TEXT, file TEXT,"
                       " started_ms INTEGER, ended_ms INTEGER, status TEXT, error TEXT);"
                       "CREATE TABLE IF NOT EXISTS batches (run INTEGER, job TEXT, batch INTEGER, "
                       "at_ms INTEGER, input_rows INTEGER,"
                       " rows_per_s REAL, duration_ms REAL, stream_time INTEGER, lag INTEGER);"
                       "CREATE INDEX IF NOT EXISTS batches_of_run ON batches (run, job, batch)",
                       "workspace"));
  return w;
}

Workspace::~Workspace() {
  sqlite3_close(db_);
}

Result<std::int64_t> Workspace::start_run(const RunRecord& run) {
  std::lock_guard lock(mutex_);
  Statement st;
  if (sqlite3_prepare_v2(
          db_,
          "INSERT INTO runs (pipeline, name, hash, file, started_ms, ended_ms, status, error)"
          " VALUES (?, ?, ?, ?, ?, 0, 'running', '')",
          -1, &st.s, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "start run");
  }
  sqlite3_bind_text(st.s, 1, run.pipeline.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 2, run.name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 3, run.hash.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 4, run.file.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st.s, 5, run.started_ms);
  if (sqlite3_step(st.s) != SQLITE_DONE) return sqlite_error(db_, "start run");
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

Status Workspace::record_batch(std::int64_t run, const BatchRecord& b) {
  std::lock_guard lock(mutex_);
  Statement st;
  if (sqlite3_prepare_v2(db_, "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &st.s,
                         nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "record batch");
  }
  sqlite3_bind_int64(st.s, 1, run);
  sqlite3_bind_text(st.s, 2, b.job.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st.s, 3, b.batch);
  sqlite3_bind_int64(st.s, 4, b.at_ms);
  sqlite3_bind_int64(st.s, 5, b.input_rows);
  sqlite3_bind_double(st.s, 6, b.rows_per_s);
  sqlite3_bind_double(st.s, 7, b.duration_ms);
  if (b.stream_time) sqlite3_bind_int64(st.s, 8, *b.stream_time);
  sqlite3_bind_int64(st.s, 9, b.lag);
  if (sqlite3_step(st.s) != SQLITE_DONE) return sqlite_error(db_, "record batch");
  return {};
}

Status Workspace::end_run(std::int64_t run, const std::string& status,
                          const std::string& error_text) {
  std::lock_guard lock(mutex_);
  Statement st;
  if (sqlite3_prepare_v2(db_, "UPDATE runs SET ended_ms = ?, status = ?, error = ? WHERE id = ?",
                         -1, &st.s, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "end run");
  }
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  sqlite3_bind_int64(st.s, 1, now.count());
  sqlite3_bind_text(st.s, 2, status.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.s, 3, error_text.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st.s, 4, run);
  if (sqlite3_step(st.s) != SQLITE_DONE) return sqlite_error(db_, "end run");
  return {};
}

Result<std::vector<RunRecord>> Workspace::runs(int limit) const {
  std::lock_guard lock(mutex_);
  Statement st;
  const std::string sql =
      std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id DESC LIMIT ?";
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st.s, nullptr) != SQLITE_OK)
    return sqlite_error(db_, "list runs");
  sqlite3_bind_int(st.s, 1, limit);
  std::vector<RunRecord> out;
  while (sqlite3_step(st.s) == SQLITE_ROW) out.push_back(run_of(st.s));
  return out;
}

Result<RunRecord> Workspace::run(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  Statement st;
  const std::string sql = std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?";
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st.s, nullptr) != SQLITE_OK)
    return sqlite_error(db_, "show run");
  sqlite3_bind_int64(st.s, 1, id);
  if (sqlite3_step(st.s) != SQLITE_ROW)
    return error(ErrorCode::not_found, "no run " + std::to_string(id));
  return run_of(st.s);
}

Result<std::vector<BatchRecord>> Workspace::batches(std::int64_t run) const {
  std::lock_guard lock(mutex_);
  Statement st;
  if (sqlite3_prepare_v2(db_,
                         "SELECT job, batch, at_ms, input_rows, rows_per_s, duration_ms, "
                         "stream_time, lag FROM batches"
                         " WHERE run = ? ORDER BY job, at_ms, batch",
                         -1, &st.s, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "batches");
  }
  sqlite3_bind_int64(st.s, 1, run);
  std::vector<BatchRecord> out;
  while (sqlite3_step(st.s) == SQLITE_ROW) {
    BatchRecord b;
    b.job = column_text(st.s, 0);
    b.batch = sqlite3_column_int64(st.s, 1);
    b.at_ms = sqlite3_column_int64(st.s, 2);
    b.input_rows = sqlite3_column_int64(st.s, 3);
    b.rows_per_s = sqlite3_column_double(st.s, 4);
    b.duration_ms = sqlite3_column_double(st.s, 5);
    if (sqlite3_column_type(st.s, 6) != SQLITE_NULL) b.stream_time = sqlite3_column_int64(st.s, 6);
    b.lag = sqlite3_column_int64(st.s, 7);
    out.push_back(b);
  }
  return out;
}

}  // namespace tributary::runtime
