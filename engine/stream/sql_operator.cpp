// transform.sql: each micro-batch becomes the table `input` of a private in-memory SQLite
// database, the prepared query runs over it, and its rows are the output.
#include <sqlite3.h>

#include <charconv>
#include <set>

#include "stream/operator.h"
#include "stream/sqlite_support.h"

namespace tributary::stream {
namespace {

using Db = std::unique_ptr<sqlite3, int (*)(sqlite3*)>;
using Stmt = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

// The declared types of `input`: distinct names so that a result column that is a column of
// `input` maps back to the exact engine type (SQLite reports it as the column's decltype).
const char* declared_type(DataType t) {
  switch (t) {
    case DataType::int64: return "BIGINT";
    case DataType::float64: return "DOUBLE";
    case DataType::string: return "TEXT";
    case DataType::boolean: return "BOOLEAN";
    case DataType::timestamp: return "TIMESTAMP";
    case DataType::null: return "NULLTYPE";
  }
  return "TEXT";
}

std::optional<DataType> type_of_decltype(const char* decl) {
  if (decl == nullptr) return std::nullopt;
  for (DataType t : {DataType::int64, DataType::float64, DataType::string, DataType::boolean, DataType::timestamp}) {
    if (sqlite3_stricmp(decl, declared_type(t)) == 0) return t;
  }
  return std::nullopt;  // NULLTYPE included: an all-null column says nothing, let later rules decide
}

// The type name CREATE TABLE AS gives a column from its expression affinity.
std::optional<DataType> type_of_affinity(std::string_view name) {
  if (name == "INT") return DataType::int64;
  if (name == "REAL") return DataType::float64;
  if (name == "TEXT") return DataType::string;
  return std::nullopt;  // NUM (numeric affinity says nothing about int or real) or none
}

std::optional<DataType> type_of_storage(int storage) {
  switch (storage) {
    case SQLITE_INTEGER: return DataType::int64;
    case SQLITE_FLOAT: return DataType::float64;
    case SQLITE_TEXT: return DataType::string;
    default: return std::nullopt;
  }
}

// Only reading is allowed: no writes, no ATTACH (files), no PRAGMA.
int authorize_select(void*, int action, const char*, const char*, const char*, const char*) {
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE: return SQLITE_OK;
    default: return SQLITE_DENY;
  }
}

bool parse_int(std::string_view s, std::int64_t& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}
bool parse_double(std::string_view s, double& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

// Appends result column `c` of the current row of `q` to `out`, converted to its type.
void append_result(sqlite3_stmt* q, int c, Column& out) {
  const int storage = sqlite3_column_type(q, c);
  if (storage == SQLITE_NULL) return out.append_null();
  const auto text = [&] {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q, c));
    return std::string_view(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(q, c)));
  };
  const bool number = storage == SQLITE_INTEGER || storage == SQLITE_FLOAT;
  switch (out.type()) {
    case DataType::int64:
    case DataType::timestamp: {
      if (number) return out.append_int(sqlite3_column_int64(q, c));  // SQLite's CAST: truncates, saturates
      std::int64_t i;
      double d;
      if (storage == SQLITE_TEXT && parse_int(text(), i)) return out.append_int(i);
      if (storage == SQLITE_TEXT && parse_double(text(), d)) return out.append_int(static_cast<std::int64_t>(d));
      return out.append_null();
    }
    case DataType::float64: {
      if (number) return out.append_double(sqlite3_column_double(q, c));
      double d;
      if (storage == SQLITE_TEXT && parse_double(text(), d)) return out.append_double(d);
      return out.append_null();
    }
    case DataType::boolean: {
      if (number) return out.append_bool(sqlite3_column_double(q, c) != 0);
      const std::string_view t = storage == SQLITE_TEXT ? text() : std::string_view();
      if (t == "true") return out.append_bool(true);
      if (t == "false") return out.append_bool(false);
      return out.append_null();
    }
    case DataType::string: {
      if (storage == SQLITE_BLOB) {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(q, c));
        return out.append_string(std::string_view(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(q, c))));
      }
      return out.append_string(text());
    }
    case DataType::null: return out.append_null();
  }
}

class SqlOperator final : public Operator {
 public:
  static Result<std::unique_ptr<Operator>> create(std::string_view query, const Schema& input);
  const Schema& output_schema() const override { return schema_; }
  void process(const Batch& in, Batch& out, std::vector<Rejected>& rejected) override;

 private:
  explicit SqlOperator(sqlite3* db) : db_(db, sqlite3_close) {}
  std::string message() const { return sqlite3_errmsg(db_.get()); }
  Status exec(const char* sql) {
    if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK) return error(ErrorCode::invalid_argument, message());
    return {};
  }
  Result<Stmt> prepare(std::string_view sql) {
    sqlite3_stmt* s = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, &tail);
    Stmt stmt(s, sqlite3_finalize);
    if (rc != SQLITE_OK) return error(ErrorCode::invalid_argument, message());
    if (s == nullptr) return error(ErrorCode::invalid_argument, "the query is empty");
    for (const char* p = tail; p && p < sql.data() + sql.size(); ++p) {
      if (*p != ';' && *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r') {
        return error(ErrorCode::invalid_argument, "only one statement is allowed");
      }
    }
    return stmt;
  }
  // Binds row `r` of `in` and inserts it.
  bool insert_row(const Batch& in, std::size_t r);
  void infer_from_probe_rows(std::vector<std::optional<DataType>>& types);

  Db db_;  // declared first: statements are finalized before the database closes
  Stmt insert_{nullptr, sqlite3_finalize};
  Stmt query_{nullptr, sqlite3_finalize};
  Stmt clear_{nullptr, sqlite3_finalize};
  Schema input_, schema_;
};

Result<std::unique_ptr<Operator>> SqlOperator::create(std::string_view query, const Schema& input) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<SqlOperator> op(new SqlOperator(raw));
  if (rc != SQLITE_OK) return error(ErrorCode::io_error, "query: cannot open SQLite: " + op->message());
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  op->input_ = input;
  if (input.size() == 0) return error(ErrorCode::invalid_argument, "query: the input has no fields");
  std::string create = "CREATE TABLE input (";
  std::string insert = "INSERT INTO input VALUES (";
  for (std::size_t c = 0; c < input.size(); ++c) {
    create += (c ? ", " : "") + quote_sql_identifier(input.field(c).name) + " " + declared_type(input.field(c).type);
    insert += c ? ", ?" : "?";
  }
  if (auto st = op->exec((create + ")").c_str()); !st.ok()) return error(ErrorCode::invalid_argument, "query: input table: " + st.message());

  // The user's query: one read-only SELECT, checked by the authorizer while it is compiled.
  sqlite3_set_authorizer(raw, authorize_select, nullptr);
  auto prepared = op->prepare(query);
  sqlite3_set_authorizer(raw, nullptr, nullptr);
  if (!prepared.ok()) return error(ErrorCode::invalid_argument, "query: " + prepared.status().message());
  op->query_ = std::move(prepared).value();
  const int columns = sqlite3_column_count(op->query_.get());
  if (columns == 0 || !sqlite3_stmt_readonly(op->query_.get())) {
    return error(ErrorCode::invalid_argument, "query: must be a SELECT");
  }
  std::vector<std::string> names;
  std::set<std::string> seen;
  std::vector<std::optional<DataType>> types;
  for (int c = 0; c < columns; ++c) {
    names.emplace_back(sqlite3_column_name(op->query_.get(), c));
    if (!seen.insert(names.back()).second) {
      return error(ErrorCode::invalid_argument, "query: two result columns are called '" + names.back() + "'; name them with AS");
    }
    types.push_back(type_of_decltype(sqlite3_column_decltype(op->query_.get(), c)));
  }
  // Rule 2: expression affinity, as CREATE TABLE AS reports it.
  const std::string stmt_text = sqlite3_sql(op->query_.get());
  if (op->exec(("CREATE TEMP TABLE affinity_probe AS SELECT * FROM (" + stmt_text + ") LIMIT 0").c_str()).ok()) {
    TRIB_ASSIGN_OR_RETURN(Stmt info, op->prepare("PRAGMA temp.table_info(affinity_probe)"));
    for (int c = 0; sqlite3_step(info.get()) == SQLITE_ROW && c < columns; ++c) {
      const auto* type = reinterpret_cast<const char*>(sqlite3_column_text(info.get(), 2));
      if (!types[c] && type) types[c] = type_of_affinity(type);
    }
    info.reset();
    TRIB_RETURN_IF_ERROR(op->exec("DROP TABLE temp.affinity_probe"));
  }
  TRIB_ASSIGN_OR_RETURN(op->insert_, op->prepare(insert + ")"));
  TRIB_ASSIGN_OR_RETURN(op->clear_, op->prepare("DELETE FROM input"));
  op->infer_from_probe_rows(types);
  for (int c = 0; c < columns; ++c) op->schema_.add({names[c], types[c].value_or(DataType::string)});
  return std::unique_ptr<Operator>(std::move(op));
}

void SqlOperator::infer_from_probe_rows(std::vector<std::optional<DataType>>& types) {
  bool open = false;
  for (const auto& t : types) open = open || !t;
  if (!open) return;
  // Sample values of every type, varied so that common WHERE clauses let some row through.
  Batch probe(input_);
  for (std::size_t c = 0; c < input_.size(); ++c) {
    Column& col = probe.column(c);
    switch (input_.field(c).type) {
      case DataType::int64: col.append_int(1), col.append_int(0), col.append_int(1'000'000'000); break;
      case DataType::timestamp: col.append_int(1000), col.append_int(0), col.append_int(1'700'000'000'000); break;
      case DataType::float64: col.append_double(1.5), col.append_double(0), col.append_double(-2.5e9); break;
      case DataType::boolean: col.append_bool(true), col.append_bool(false), col.append_bool(false); break;
      case DataType::string: col.append_string("a"), col.append_string(""), col.append_string("Sample text 42"); break;
      case DataType::null: col.append_null(), col.append_null(), col.append_null(); break;
    }
  }
  // A query that loops forever on its own (a recursive CTE) must not hang creation.
  int budget = 10'000;
  sqlite3_progress_handler(db_.get(), 100, [](void* left) { return --*static_cast<int*>(left) <= 0 ? 1 : 0; }, &budget);
  for (std::size_t r = 0; r < probe.num_rows(); ++r) insert_row(probe, r);
  sqlite3_stmt* q = query_.get();
  while (sqlite3_step(q) == SQLITE_ROW) {
    for (std::size_t c = 0; c < types.size(); ++c) {
      if (!types[c]) types[c] = type_of_storage(sqlite3_column_type(q, static_cast<int>(c)));
    }
  }
  sqlite3_reset(q);
  sqlite3_progress_handler(db_.get(), 0, nullptr, nullptr);
  sqlite3_step(clear_.get());
  sqlite3_reset(clear_.get());
}

bool SqlOperator::insert_row(const Batch& in, std::size_t r) {
  sqlite3_stmt* s = insert_.get();
  for (std::size_t c = 0; c < in.num_columns(); ++c) {
    const Column& col = in.column(c);
    const int at = static_cast<int>(c + 1);
    if (col.is_null(r)) {
      sqlite3_bind_null(s, at);
      continue;
    }
    switch (col.type()) {
      case DataType::int64:
      case DataType::timestamp: sqlite3_bind_int64(s, at, col.ints()[r]); break;
      case DataType::float64: sqlite3_bind_double(s, at, col.doubles()[r]); break;
      case DataType::boolean: sqlite3_bind_int(s, at, col.bools()[r] ? 1 : 0); break;
      case DataType::string: {
        const std::string_view v = col.string_at(r);
        sqlite3_bind_text(s, at, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);  // copied by the step
        break;
      }
      case DataType::null: sqlite3_bind_null(s, at); break;
    }
  }
  const bool ok = sqlite3_step(s) == SQLITE_DONE;
  sqlite3_reset(s);
  return ok;
}

void SqlOperator::process(const Batch& in, Batch& out, std::vector<Rejected>& rejected) {
  // One transaction per batch: inserting 10,000 rows is then one journal, not 10,000.
  std::string failure;
  if (!exec("BEGIN").ok()) failure = message();
  for (std::size_t r = 0; failure.empty() && r < in.num_rows(); ++r) {
    if (!insert_row(in, r)) failure = message();
  }
  // Results are gathered aside, so that a query failing half-way emits nothing.
  Batch result(schema_);
  sqlite3_stmt* q = query_.get();
  if (failure.empty()) {
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      for (std::size_t c = 0; c < schema_.size(); ++c) append_result(q, static_cast<int>(c), result.column(c));
    }
    if (rc != SQLITE_DONE) failure = message();
    sqlite3_reset(q);
  }
  sqlite3_step(clear_.get());
  sqlite3_reset(clear_.get());
  if (!exec("COMMIT").ok()) (void)exec("ROLLBACK");
  if (!failure.empty()) {
    for (std::size_t r = 0; r < in.num_rows(); ++r) rejected.push_back({r, "sql: " + failure});
    return;
  }
  for (std::size_t c = 0; c < result.num_columns(); ++c) {
    Column& to = out.column(c);
    for (std::size_t r = 0; r < result.num_rows(); ++r) to.append_from(result.column(c), r);
  }
}

}  // namespace

Result<std::unique_ptr<Operator>> make_sql(std::string_view query, const Schema& input) {
  return SqlOperator::create(query, input);
}

}  // namespace tributary::stream
