// Small helpers shared by the engine's SQLite users (checkpoints, the SQL operator, the
// SQLite sink).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

struct sqlite3;

namespace tributary::stream {

// `name` as a quoted SQL identifier ("a ""b""" for a "b"), safe for any field name.
std::string quote_sql_identifier(std::string_view name);
// Runs `sql` (one or more statements); an error reads "<context>: <SQLite's message>".
Status exec_sql(sqlite3* db, const std::string& sql, const std::string& context);

}  // namespace tributary::stream
