// Sources: a file replayed at event-time pace, seeded generators, a TCP listener, an
// existing topic and a Kafka topic. Their output schema is what they will append to their topic.
#include <fstream>

#include "catalogue.h"
#include "io/csv_decoder.h"
#include "io/generator_source.h"
#include "io/json_decoder.h"
#include "param_specs.h"
#include "param_values.h"

namespace tributary::nodes {
namespace {

using pipeline::NodeContext;
using pipeline::NodeKind;
using pipeline::ParamType;
using json = nlohmann::json;

std::string format_of(const json& params) {
  const std::string f = string_param(params, "format");
  if (!f.empty()) return f;
  const std::string path = string_param(params, "path");
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0 ? "csv" : "jsonl";
}

// Explicit `fields` types override what was read or inferred; the time field becomes a
// timestamp (the source converts it to ms since the epoch).
Result<Schema> finish_schema(const Schema& base, const json& params) {
  std::vector<Field> fields = base.fields();
  if (params.contains("fields")) {
    const Schema given = fields_schema(params["fields"]);
    for (const auto& f : given.fields()) {
      bool found = false;
      for (auto& g : fields) {
        if (g.name == f.name) g.type = f.type, found = true;
      }
      if (!found) fields.push_back(f);
    }
  }
  const std::string time = string_param(params, "time_field");
  if (!time.empty()) {
    bool found = false;
    for (auto& g : fields) {
      if (g.name != time) continue;
      found = true;
      if (g.type == DataType::float64 || g.type == DataType::boolean) {
        return error(ErrorCode::invalid_argument, "time_field: '" + time + "' is " +
                                                      type_name(g.type) +
                                                      ", not ms since the epoch or ISO-8601 text");
      }
      g.type = DataType::timestamp;
    }
    if (!found)
      return error(ErrorCode::invalid_argument, "time_field: unknown field '" + time + "'");
  }
  return Schema(std::move(fields));
}

Result<Schema> replay_schema(const NodeContext& ctx) {
  const std::filesystem::path path = ctx.base_dir / string_param(ctx.params, "path");
  std::ifstream in(path, std::ios::binary);
  if (!in) return error(ErrorCode::not_found, "path: cannot read " + path.string());
  // The schema comes from a sample of the file's first lines.
  std::vector<std::string> lines;
  for (std::string line; lines.size() < 1000 && std::getline(in, line);)
    lines.push_back(std::move(line));
  Schema inferred;
  if (format_of(ctx.params) == "csv") {
    io::CsvDecodeOptions o;
    o.source_name = path.filename().string();
    io::CsvDecoder decoder(o);
    for (const auto& l : lines) decoder.feed(l), decoder.feed("\n");
    decoder.finish();
    if (!decoder.schema_known())
      return error(ErrorCode::invalid_argument, "path: " + path.string() + " has no header row");
    inferred = decoder.schema();
  } else {
    std::vector<std::string_view> views(lines.begin(), lines.end());
    inferred = io::infer_json_schema(views);
    if (inferred.size() == 0)
      return error(ErrorCode::invalid_argument, "path: no JSON objects in " + path.string());
  }
  return finish_schema(inferred, ctx.params);
}

}  // namespace

// `bootstrap` of source.kafka and sink.kafka: host:port, comma-separated.
Status check_bootstrap(const json& params) {
  const std::string b = string_param(params, "bootstrap");
  std::size_t from = 0;
  for (;;) {
    const std::size_t comma = b.find(',', from);
    const std::string one = b.substr(from, comma == std::string::npos ? comma : comma - from);
    const auto colon = one.rfind(':');
    const std::string port = colon == std::string::npos ? "" : one.substr(colon + 1);
    const bool digits = !port.empty() && port.size() <= 5 &&
                        port.find_first_not_of("0123456789") == std::string::npos;
    if (colon == 0 || !digits || std::stoi(port) < 1 || std::stoi(port) > 65535) {
      return error(ErrorCode::invalid_argument,
                   "bootstrap: expected host:port (several separated by commas), got '" + b + "'");
    }
    if (comma == std::string::npos) return {};
    from = comma + 1;
  }
}

std::vector<pipeline::ParamSpec> kafka_connection_params() {
  return {optional("bootstrap", ParamType::string, "127.0.0.1:9092",
                   "host:port of Kafka brokers, comma-separated (the embedded broker's by default)"),
          required("topic", ParamType::string, "The Kafka topic")};
}

pipeline::ParamSpec kafka_timeout_param() {
  return between(optional("timeout_ms", ParamType::integer, 10000,
                          "How long to wait for the brokers before the run fails"),
                 100, 600000);
}

void add_source_kinds(pipeline::NodeRegistry& r) {
  const std::vector<std::string> formats = {"jsonl", "csv"};
  {
    NodeKind k;
    k.id = "source.replay";
    k.category = "source";
    k.title = "Replay a file";
    k.help = "Reads a JSON-lines or CSV file into a topic, paced by its event times.";
    k.outputs = {port("out")};
    k.params = {
        required("path", ParamType::path, "The file, relative to the pipeline's folder"),
        choice("format", formats, json(), "jsonl or csv; by default from the file's extension"),
        optional("time_field", ParamType::field, json(),
                 "The field with each record's event time (ms or ISO-8601)"),
        at_least(optional("speed", ParamType::number, 1,
                          "1 = real time, 10 = ten times faster, 0 = as fast as possible"),
                 0),
        optional("loop", ParamType::boolean, false, "Start again at the end of the file"),
        optional("fields", ParamType::fields, json(),
                 "Types for some fields instead of inferred ones")};
    k.output_schema = replay_schema;
    r.add(std::move(k));
  }
  {
    NodeKind k;
    k.id = "source.generator";
    k.category = "source";
    k.title = "Generate a stream";
    k.help = "Seeded synthetic records: the same seed gives the same records.";
    k.outputs = {port("out")};
    std::vector<std::string> names;
    for (const auto& p : io::generator_presets()) names.push_back(p.name);
    auto preset = choice("preset", names, json(), "Which stream");
    preset.required = true;
    k.params = {
        preset,
        at_least(optional("rate", ParamType::number, 1000,
                          "Records per second of event time; 0 = as fast as possible"),
                 0),
        at_least(optional("count", ParamType::integer, 100000, "How many records; 0 = without end"),
                 0),
        optional("seed", ParamType::integer, 1, "The same seed gives the same records"),
        at_least(optional("speed", ParamType::number, 0, "1 = real time, 0 = as fast as possible"),
                 0)};
    k.output_schema = [](const NodeContext& ctx) -> Result<Schema> {
      const auto* p = io::find_generator_preset(string_param(ctx.params, "preset"));
      if (!p) return error(ErrorCode::invalid_argument, "preset: unknown");
      return p->schema;
    };
    k.event_time = [](const NodeContext& ctx) {
      const auto* p = io::find_generator_preset(string_param(ctx.params, "preset"));
      return p ? p->time_field : std::string();
    };
    r.add(std::move(k));
  }
  {
    NodeKind k;
    k.id = "source.tcp";
    k.category = "source";
    k.title = "TCP lines";
    k.help = "Newline-delimited JSON or CSV records sent to a TCP port.";
    k.outputs = {port("out")};
    k.params = {between(required("port", ParamType::integer, "The port to listen on"), 1, 65535),
                optional("host", ParamType::string, "127.0.0.1",
                         "The address to bind (only this machine by default)"),
                choice("format", formats, "jsonl", "jsonl or csv (no header row)"),
                required("fields", ParamType::fields, "The records' fields and types"),
                optional("time_field", ParamType::field, json(),
                         "The field with each record's event time")};
    k.output_schema = [](const NodeContext& ctx) {
      return finish_schema(fields_schema(ctx.params["fields"]), ctx.params);
    };
    r.add(std::move(k));
  }
  {
    NodeKind k;
    k.id = "source.topic";
    k.category = "source";
    k.title = "Existing topic";
    k.help = "Reads a topic of the data dir that something else writes.";
    k.outputs = {port("out")};
    k.params = {required("topic", ParamType::string, "The topic's name"),
                choice("format", formats, "jsonl", "How record values are written"),
                required("fields", ParamType::fields, "The records' fields and types"),
                optional("time_field", ParamType::field, json(),
                         "The field with each record's event time")};
    k.output_schema = [](const NodeContext& ctx) {
      return finish_schema(fields_schema(ctx.params["fields"]), ctx.params);
    };
    r.add(std::move(k));
  }
  {
    NodeKind k;
    k.id = "source.kafka";
    k.category = "source";
    k.title = "Kafka consumer";
    k.help = "Reads a Kafka topic (the embedded broker or a cluster); offsets are committed to "
             "the group once the rows are in the pipeline's topic.";
    k.outputs = {port("out")};
    k.params = kafka_connection_params();
    k.params.push_back(optional("group", ParamType::string, json(),
                                "The consumer group that keeps the position; by default "
                                "tributary-<pipeline>-<node>"));
    k.params.push_back(choice("start", {"earliest", "latest", "committed"}, "earliest",
                              "Where a first run starts: the beginning, the end, or the group's "
                              "committed offsets; a later run continues from the committed ones"));
    k.params.push_back(choice("format", formats, "jsonl", "jsonl or csv (no header row)"));
    k.params.push_back(required("fields", ParamType::fields, "The records' fields and types"));
    k.params.push_back(optional("time_field", ParamType::field, json(),
                                "The field with each record's event time"));
    k.params.push_back(optional("stop_at_end", ParamType::boolean, false,
                                "End once the end offsets seen at start are read (a replay)"));
    k.params.push_back(kafka_timeout_param());
    k.output_schema = [](const NodeContext& ctx) -> Result<Schema> {
      TRIB_RETURN_IF_ERROR(check_bootstrap(ctx.params));
      if (string_param(ctx.params, "topic").empty())
        return error(ErrorCode::invalid_argument, "topic: must not be empty");
      if (ctx.params.contains("group") && ctx.params["group"].is_string() &&
          string_param(ctx.params, "group").empty())
        return error(ErrorCode::invalid_argument, "group: must not be empty");
      return finish_schema(fields_schema(ctx.params["fields"]), ctx.params);
    };
    r.add(std::move(k));
  }
}

}  // namespace tributary::nodes
