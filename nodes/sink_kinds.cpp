// Sinks: files, SQLite, a topic, a Kafka topic, a chart for the app, the console.
#include "catalogue.h"
#include "param_specs.h"
#include "param_values.h"

namespace tributary::nodes {
namespace {

using pipeline::NodeContext;
using pipeline::NodeKind;
using pipeline::ParamType;
using json = nlohmann::json;

NodeKind sink(const char* id, const char* title, const char* help) {
  NodeKind k;
  k.id = id;
  k.category = "sink";
  k.title = title;
  k.help = help;
  k.inputs = {port("in")};
  return k;
}

Status known(const Schema& s, const std::string& param, const std::vector<std::string>& fields) {
  for (const auto& f : fields) {
    if (!f.empty() && !s.index_of(f))
      return error(ErrorCode::invalid_argument, param + ": unknown field '" + f + "'");
  }
  return {};
}

}  // namespace

void add_sink_kinds(pipeline::NodeRegistry& r) {
  auto nothing = [](const NodeContext&) -> Result<Schema> { return Schema(); };
  {
    NodeKind k = sink("sink.jsonl", "JSON-lines file",
                      "One JSON object per line (a part file per partition).");
    k.params = {required("path", ParamType::path, "The file, relative to the pipeline's folder")};
    k.output_schema = nothing;
    r.add(std::move(k));
  }
  {
    NodeKind k =
        sink("sink.csv", "CSV file", "RFC 4180 CSV with a header row (a part file per partition).");
    k.params = {required("path", ParamType::path, "The file, relative to the pipeline's folder")};
    k.output_schema = nothing;
    r.add(std::move(k));
  }
  {
    NodeKind k =
        sink("sink.sqlite", "SQLite table", "Rows in a table of a SQLite database, exactly once.");
    k.params = {required("path", ParamType::path, "The database file"),
                required("table", ParamType::string, "The table")};
    k.output_schema = nothing;
    r.add(std::move(k));
  }
  {
    NodeKind k = sink("sink.topic", "Topic", "Appends the records to a topic as JSON.");
    k.params = {
        required("topic", ParamType::string, "The topic's name"),
        optional("key", ParamType::field_list, json::array(), "Fields that make the record key")};
    k.output_schema = [](const NodeContext& ctx) -> Result<Schema> {
      TRIB_RETURN_IF_ERROR(known(ctx.inputs[0], "key", string_list(ctx.params, "key")));
      return Schema();
    };
    r.add(std::move(k));
  }
  {
    NodeKind k = sink("sink.kafka", "Kafka producer",
                      "Produces the records to a Kafka topic (the embedded broker or a cluster), "
                      "at least once.");
    k.params = kafka_connection_params();
    k.params.push_back(choice("format", {"jsonl", "csv"}, "jsonl",
                              "Each record's value: a JSON object, or a CSV row without header"));
    k.params.push_back(
        optional("key", ParamType::field, json(), "The field whose value is the record key"));
    k.params.push_back(choice("acks", {"all", "1", "0"}, "all",
                              "Acknowledgement by all in-sync replicas, the leader, or none"));
    k.params.push_back(choice("compression", {"none", "gzip", "snappy", "lz4", "zstd"}, "none",
                              "How record batches are compressed"));
    k.params.push_back(optional("idempotent", ParamType::boolean, true,
                                "No duplicates from the producer's own retries (needs acks all)"));
    k.params.push_back(kafka_timeout_param());
    k.output_schema = [](const NodeContext& ctx) -> Result<Schema> {
      TRIB_RETURN_IF_ERROR(check_bootstrap(ctx.params));
      if (string_param(ctx.params, "topic").empty())
        return error(ErrorCode::invalid_argument, "topic: must not be empty");
      TRIB_RETURN_IF_ERROR(known(ctx.inputs[0], "key", {string_param(ctx.params, "key")}));
      if (ctx.params.value("idempotent", true) && string_param(ctx.params, "acks") != "all")
        return error(ErrorCode::invalid_argument,
                     "idempotent: needs acks \"all\" (or idempotent false)");
      return Schema();
    };
    r.add(std::move(k));
  }
  {
    NodeKind k =
        sink("sink.chart", "Chart", "Keeps the latest rows per series for the app's charts.");
    k.params = {
        required("x", ParamType::field, "The x axis (usually a time)"),
        required("y", ParamType::field_list, "One line per field"),
        optional("series", ParamType::field, json(), "One line per value of this field"),
        at_least(optional("max_rows", ParamType::integer, 1000, "Rows kept per series"), 1)};
    k.output_schema = [](const NodeContext& ctx) -> Result<Schema> {
      const Schema& in = ctx.inputs[0];
      TRIB_RETURN_IF_ERROR(known(in, "x", {string_param(ctx.params, "x")}));
      TRIB_RETURN_IF_ERROR(known(in, "y", string_list(ctx.params, "y")));
      TRIB_RETURN_IF_ERROR(known(in, "series", {string_param(ctx.params, "series")}));
      for (const auto& y : string_list(ctx.params, "y")) {
        const DataType t = in.field(*in.index_of(y)).type;
        if (t != DataType::int64 && t != DataType::float64) {
          return error(ErrorCode::invalid_argument,
                       "y: '" + y + "' is " + type_name(t) + ", not a number");
        }
      }
      return Schema();
    };
    r.add(std::move(k));
  }
  {
    NodeKind k = sink("sink.console", "Console", "Prints records (the CLI's standard output).");
    k.params = {
        at_least(optional("limit", ParamType::integer, 0, "Print at most this many; 0 = all"), 0)};
    k.output_schema = nothing;
    r.add(std::move(k));
  }
}

}  // namespace tributary::nodes
