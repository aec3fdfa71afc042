#include "stream/sqlite_sink.h"

#include <sqlite3.h>

#include "stream/sqlite_support.h"

namespace tributary::stream {
namespace {

const char* column_type(DataType t) {
  switch (t) {
    case DataType::int64:
    case DataType::timestamp:
    case DataType::boolean:
      return "INTEGER";
    case DataType::float64:
      return "REAL";
    default:
      return "TEXT";
  }
}

Status sqlite_error(sqlite3* db, const std::string& what) {
  return error(ErrorCode::io_error, "sqlite sink: " + what + ": " + sqlite3_errmsg(db));
}

}  // namespace

Result<std::unique_ptr<SqliteSink>> SqliteSink::open(const std::filesystem::path& file,
                                                     const std::string& table,
                                                     const Schema& schema) {
  std::unique_ptr<SqliteSink> sink(new SqliteSink());
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  if (sqlite3_open(file.c_str(), &sink->db_) != SQLITE_OK)
    return sqlite_error(sink->db_, "cannot open " + file.string());
  sqlite3_busy_timeout(sink->db_, 10000);
  std::string create = "CREATE TABLE IF NOT EXISTS " + quote_sql_identifier(table) + " (";
  std::string insert = "INSERT INTO " + quote_sql_identifier(table) + " VALUES (";
  for (std::size_t i = 0; i < schema.size(); ++i) {
    create += (i ? ", " : "") + quote_sql_identifier(schema.field(i).name) + " " +
              column_type(schema.field(i).type);
    insert += i ? ", ?" : "?";
  }
  sink->insert_sql_ = insert + ")";
  sink->table_ = table;
  TRIB_RETURN_IF_ERROR(
      exec_sql(sink->db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", "sqlite sink"));
  TRIB_RETURN_IF_ERROR(exec_sql(sink->db_, create + ")", "sqlite sink"));
  TRIB_RETURN_IF_ERROR(exec_sql(
      sink->db_,
      "CREATE TABLE IF NOT EXISTS _tributary_batches (writer TEXT PRIMARY KEY, batch INTEGER)",
      "sqlite sink"));
  return sink;
}

SqliteSink::~SqliteSink() {
  sqlite3_close(db_);
}

Result<std::int64_t> SqliteSink::last_batch(const std::string& writer) const {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT batch FROM _tributary_batches WHERE writer = ?", -1, &stmt,
                         nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "read batches");
  }
  sqlite3_bind_text(stmt, 1, writer.data(), static_cast<int>(writer.size()), SQLITE_TRANSIENT);
  std::int64_t last = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) last = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return last;
}

Status SqliteSink::write(const std::string& writer, std::int64_t batch, const Batch& rows) {
  std::lock_guard lock(mutex_);
  TRIB_ASSIGN_OR_RETURN(std::int64_t last, last_batch(writer));
  if (batch <= last) return {};  // written before a crash: the re-run must not write it twice
  TRIB_RETURN_IF_ERROR(exec_sql(db_, "BEGIN IMMEDIATE", "sqlite sink"));
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db_, insert_sql_.c_str(), -1, &insert, nullptr) != SQLITE_OK) {
    Status st = sqlite_error(db_, "prepare insert");
    (void)exec_sql(db_, "ROLLBACK", "sqlite sink");
    return st;
  }
  for (std::size_t r = 0; r < rows.num_rows(); ++r) {
    for (std::size_t c = 0; c < rows.num_columns(); ++c) {
      const Column& col = rows.column(c);
      const int i = static_cast<int>(c) + 1;
      if (col.is_null(r)) {
        sqlite3_bind_null(insert, i);
        continue;
      }
      switch (col.type()) {
        case DataType::int64:
        case DataType::timestamp:
          sqlite3_bind_int64(insert, i, col.ints()[r]);
          break;
        case DataType::boolean:
          sqlite3_bind_int64(insert, i, col.bools()[r]);
          break;
        case DataType::float64:
          sqlite3_bind_double(insert, i, col.doubles()[r]);
          break;
        case DataType::string: {
          const std::string_view s = col.string_at(r);
          sqlite3_bind_text(insert, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
          break;
        }
        case DataType::null:
          sqlite3_bind_null(insert, i);
          break;
      }
    }
    if (sqlite3_step(insert) != SQLITE_DONE) {
      Status st = sqlite_error(db_, "insert");
      sqlite3_finalize(insert);
      (void)exec_sql(db_, "ROLLBACK", "sqlite sink");
      return st;
    }
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_stmt* mark = nullptr;
  sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO _tributary_batches VALUES (?, ?)", -1, &mark,
                     nullptr);
  sqlite3_bind_text(mark, 1, writer.data(), static_cast<int>(writer.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(mark, 2, batch);
  const int rc = sqlite3_step(mark);
  sqlite3_finalize(mark);
  if (rc != SQLITE_DONE) {
    Status st = sqlite_error(db_, "batch id");
    (void)exec_sql(db_, "ROLLBACK", "sqlite sink");
    return st;
  }
  return exec_sql(db_, "COMMIT", "sqlite sink");
}

Status SqliteSink::start_over(const std::vector<std::string>& writers) {
  std::lock_guard lock(mutex_);
  std::string sql = "BEGIN; DELETE FROM " + quote_sql_identifier(table_) + ";";
  for (const auto& w : writers) {
    std::string quoted = "'";
    for (const char c : w) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    sql += " DELETE FROM _tributary_batches WHERE writer = " + quoted + "';";
  }
  return exec_sql(db_, sql + " COMMIT;", "sqlite sink");
}

}  // namespace tributary::stream
