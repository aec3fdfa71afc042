#include "stream/sqlite_support.h"

#include <sqlite3.h>

namespace tributary::stream {

std::string quote_sql_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

Status exec_sql(sqlite3* db, const std::string& sql, const std::string& context) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Status st = error(ErrorCode::io_error, context + ": " + (message ? message : "error"));
    sqlite3_free(message);
    return st;
  }
  return {};
}

}  // namespace tributary::stream
