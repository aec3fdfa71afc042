#include "pipeline/compiler.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "stream/lookup_table.h"

namespace tributary::pipeline {
namespace {

using json = nlohmann::json;

// A stream inside a job as the compiler traces it back from a sink: the topics it starts
// from, what runs on each of them, and the merge where they meet, if any.
struct Traced {
  struct Input {
    std::string topic;
    Schema schema;
    std::vector<stream::OperatorFactory> chain;
    std::vector<std::string> chain_nodes;  // the node of each operator, for its metrics
  };
  std::vector<Input> inputs;  // one, or those of the merge
  stream::MergeFactory merge;
  std::string merge_node;
  std::vector<stream::OperatorFactory> chain;  // after the merge
  std::vector<std::string> chain_nodes;

  void add(const stream::OperatorFactory& op, const std::string& node) {
    (merge ? chain : inputs.front().chain).push_back(op);
    (merge ? chain_nodes : inputs.front().chain_nodes).push_back(node);
  }
  std::vector<std::shared_ptr<stream::LookupTable>> tables;
  std::vector<std::string> steps;
};

class Compiler {
 public:
  Compiler(const Pipeline& p, const Validation& v, const NodeRegistry& k,
           const std::filesystem::path& base)
      : p_(p), v_(v), kinds_(k), base_(base) {}

  Compilation run() {
    c_.plan.pipeline = pipeline_slug(p_.name);
    plan_topics();
    for (const auto& n : p_.nodes) {
      const NodeKind* kind = kinds_.find(n.kind);
      if (kind && kind->category == "sink") plan_job(n);
    }
    return std::move(c_);
  }

 private:
  const json& params(const std::string& id) { return v_.params.at(id); }
  const NodeKind& kind_of(const std::string& id) { return *kinds_.find(p_.node(id)->kind); }
  void fail(const std::string& where, const std::string& message) {
    c_.diagnostics.push_back({where, message});
  }

  std::vector<const Edge*> out_edges(const std::string& id) {
    std::vector<const Edge*> out;
    for (const auto& e : p_.edges) {
      if (e.from.node == id) out.push_back(&e);
    }
    return out;
  }

  // A node that keeps state per key runs one task per partition: correct only when every
  // record of a key is in one partition, i.e. every topic it reads is keyed by (a part of) its
  // key. Otherwise the stream goes through a repartition topic keyed by it, as in Kafka
  // Streams. Models without a key learn one model per partition: theirs has one partition.
  // Returns the repartition topic's partition count, or 0 when the stream can stay as it is.
  int repartition_partitions(const std::string& id, const NodeKind& kind, const Traced& t) {
    static const std::set<std::string> per_key = {
        "window.tumbling",     "window.hopping",   "window.sliding", "window.session",
        "transform.aggregate", "transform.dedupe", "ml.anomaly",     "ml.kmeans",
        "ml.linreg",           "ml.logreg"};
    if (!per_key.count(kind.id)) return 0;
    const std::vector<std::string> key = key_of(id);
    int partitions = 1;
    bool keyed = true;
    for (const auto& in : t.inputs) {
      const TopicPlan* topic = c_.plan.topic(in.topic);
      if (!topic || topic->partitions <= 1) continue;
      partitions = std::max(partitions, topic->partitions);
      const bool covered =
          !topic->key.empty() && !key.empty() &&
          std::all_of(topic->key.begin(), topic->key.end(), [&](const std::string& k) {
            return std::find(key.begin(), key.end(), k) != key.end();
          });
      // The chain before the node may have changed the key fields' values: only a stream
      // straight from its topic (or a merge of such streams) keeps its partitioning.
      keyed = keyed && covered && in.chain.empty();
    }
    if (partitions <= 1 || keyed) return 0;
    return key.empty() ? 1 : partitions;
  }

  std::vector<std::string> key_of(const std::string& id) {
    std::vector<std::string> key;
    for (const auto& k : params(id).value("key", json::array()))
      key.push_back(k.get<std::string>());
    return key;
  }

  // Cuts the graph before `id`: a job writes the stream `t` (the output of `upstream`) to the
  // internal topic `<pipeline>-<id>-<suffix>` keyed by `key`, and `id` reads that topic. The
  // job and topic are made once however many sinks reach `id`.
  Traced cut_through_topic(const std::string& id, const std::string& upstream, Traced t,
                           const std::string& suffix, int partitions,
                           const std::vector<std::string>& key) {
    const std::string name = c_.plan.pipeline + "-" + id + "-" + suffix;
    const Schema& schema = v_.outputs.at(upstream);
    if (!c_.plan.topic(name)) {
      TopicPlan topic;
      topic.name = name;
      topic.node = id;
      topic.partitions = partitions;
      topic.key = key;
      topic.schema = schema;
      topic.implicit = true;
      c_.plan.topics.push_back(topic);
      JobPlan j = job_of(std::move(t), c_.plan.pipeline + "-" + id + "-" + suffix);
      j.state_name = id + "-" + suffix;
      j.sink.node = id;
      j.sink.kind = "sink.topic";
      j.sink.params = {{"topic", name}, {"key", key}};
      j.steps.push_back(name + " (" + suffix + (key.empty() ? "" : " by " + join_steps(key, ", ")) +
                        ")");
      c_.plan.jobs.push_back(std::move(j));
    }
    Traced r;
    r.inputs.push_back({name, schema, {}, {}});
    r.steps.push_back(name);
    return r;
  }

  // Topic nodes, implicit topics of sources, ingest tasks.
  void plan_topics() {
    for (const auto& n : p_.nodes) {
      const NodeKind& kind = kind_of(n.id);
      const json& ps = params(n.id);
      if (kind.id == "topic") {
        TopicPlan t;
        t.name = ps.value("name", "");
        t.node = n.id;
        t.partitions = ps.value("partitions", 1);
        for (const auto& k : ps.value("key", json::array())) t.key.push_back(k.get<std::string>());
        t.retention_ms = ps.value("retention_ms", -1);
        t.retention_bytes = ps.value("retention_bytes", -1);
        t.flush = ps.value("flush", "interval");
        t.expose = ps.value("expose", false);
        t.schema = v_.outputs.at(n.id);
        c_.plan.topics.push_back(t);
      } else if (kind.id == "source.topic") {
        TopicPlan t;
        t.name = ps.value("topic", "");
        t.node = n.id;
        t.schema = v_.outputs.at(n.id);
        t.external = true;
        c_.plan.topics.push_back(t);
      }
    }
    for (const auto& n : p_.nodes) {
      const NodeKind& kind = kind_of(n.id);
      if (kind.category != "source" || kind.id == "source.topic") continue;
      bool needs_implicit = false;
      for (const Edge* e : out_edges(n.id)) {
        if (kind_of(e->to.node).id == "topic") {
          add_ingest(n, topic_of_node(e->to.node));
        } else {
          needs_implicit = true;
        }
      }
      if (needs_implicit) {
        TopicPlan t;
        t.name = implicit_topic(n.id);
        t.node = n.id;
        t.schema = v_.outputs.at(n.id);
        t.implicit = true;
        c_.plan.topics.push_back(t);
        add_ingest(n, t.name);
      }
    }
  }

  std::string implicit_topic(const std::string& source) { return c_.plan.pipeline + "-" + source; }

  // A node's dead-letter topic, planned once.
  std::string dead_letter_topic(const std::string& node) {
    const std::string name = c_.plan.pipeline + "-" + node + "-dlq";
    if (!c_.plan.topic(name)) {
      TopicPlan t;
      t.name = name;
      t.node = node;
      t.implicit = true;
      t.dead_letters = true;
      c_.plan.topics.push_back(t);
    }
    return name;
  }
  std::string topic_of_node(const std::string& id) { return params(id).value("name", ""); }

  void add_ingest(const Node& n, const std::string& topic) {
    IngestPlan i;
    i.node = n.id;
    i.kind = n.kind;
    i.params = params(n.id);
    i.topic = topic;
    i.schema = v_.outputs.at(n.id);
    i.time_field = v_.event_time.count(n.id) ? v_.event_time.at(n.id) : "";
    for (const auto& t : c_.plan.topics) {
      if (t.name == topic) i.key = t.key;
    }
    if (n.kind == "source.replay") {
      i.bounded = !i.params.value("loop", false);
      i.params["path"] =
          (base_ / i.params.value("path", "")).string();  // the runtime has no folder
    }
    if (n.kind == "source.generator")
      i.bounded = i.params.value("count", 0) > 0 || i.params.value("preset", "") == "ysb-campaigns";
    if (n.kind == "source.tcp") i.bounded = false;
    if (n.kind == "source.kafka") {
      i.bounded = i.params.value("stop_at_end", false);
      if (!i.params.contains("group") || !i.params["group"].is_string())
        i.params["group"] = "tributary-" + c_.plan.pipeline + "-" + n.id;
    }
    i.dead_letter_topic = dead_letter_topic(n.id);
    c_.plan.ingests.push_back(i);
  }

  // The stream arriving at `id`'s output, traced back to topics.
  std::optional<Traced> trace(const std::string& id) {
    const NodeKind& kind = kind_of(id);
    if (kind.id == "topic" || kind.category == "source") {
      Traced t;
      const std::string topic = kind.id == "topic"          ? topic_of_node(id)
                                : kind.id == "source.topic" ? params(id).value("topic", "")
                                                            : implicit_topic(id);
      t.inputs.push_back({topic, v_.outputs.at(id), {}, {}});
      t.steps.push_back(topic);
      return t;
    }
    if (!kind.compile) {
      fail(id, kind.id + " cannot run inside a job");
      return std::nullopt;
    }
    NodeContext ctx{id, params(id), {}, base_, ""};
    std::vector<std::string> upstream;
    for (const auto& port : kind.inputs) {
      for (const auto& e : p_.edges) {
        if (e.to.node == id && e.to.port == port.name) upstream.push_back(e.from.node);
      }
    }
    if (!upstream.empty() && v_.event_time.count(upstream.front()))
      ctx.event_time = v_.event_time.at(upstream.front());
    for (const auto& u : upstream) ctx.inputs.push_back(v_.outputs.at(u));
    auto compiled = kind.compile(ctx);
    if (!compiled.ok()) {
      const std::string m = compiled.status().message();
      const auto colon = m.find(": ");
      if (colon != std::string::npos && kind.param(m.substr(0, colon)))
        fail(id + "." + m.substr(0, colon), m.substr(colon + 2));
      else
        fail(id, m);
      return std::nullopt;
    }
    const std::string step = id + " (" + kind.id + ")";
    if (compiled->op) {
      auto t = trace(upstream.front());
      if (!t) return std::nullopt;
      if (const int partitions = repartition_partitions(id, kind, *t); partitions > 0) {
        const bool model_without_key = kind.id.rfind("ml.", 0) == 0 && key_of(id).empty();
        t = cut_through_topic(id, upstream.front(), std::move(*t), "repartition", partitions,
                              model_without_key ? std::vector<std::string>() : key_of(id));
      }
      t->add(compiled->op, id);
      t->steps.push_back(step);
      return t;
    }
    if (compiled->table_op) {
      auto left = trace(upstream[0]);
      auto right = trace(upstream[1]);
      if (!left || !right) return std::nullopt;
      if (right->merge || !right->inputs.front().chain.empty()) {
        fail(id + ".right",
             "the table of a table join must come straight from a topic or a source");
        return std::nullopt;
      }
      auto table = stream::LookupTable::create(
          {right->inputs.front().topic, right->inputs.front().schema, compiled->table_key});
      if (!table.ok()) {
        fail(id, table.status().message());
        return std::nullopt;
      }
      std::shared_ptr<const stream::LookupTable> shared = *table;
      left->tables.push_back(*table);
      auto op = [shared, make = compiled->table_op](const Schema& in) { return make(shared, in); };
      left->add(op, id);
      left->steps.push_back(step + " with table " + right->inputs.front().topic);
      return left;
    }
    // A merge: each input must be a plain chain over one topic.
    Traced merged;
    for (const auto& u : upstream) {
      auto t = trace(u);
      if (!t) return std::nullopt;
      if (t->merge) {
        // One merge per job: the inner one writes its stream to a topic the outer one reads,
        // partitioned as its inputs are when they agree on a key.
        std::optional<std::vector<std::string>> key;
        int partitions = 1;
        for (const auto& in : t->inputs) {
          const TopicPlan* topic = c_.plan.topic(in.topic);
          if (!topic) continue;
          partitions = std::max(partitions, topic->partitions);
          if (!key) key = topic->key;
          if (*key != topic->key || !in.chain.empty()) key = std::vector<std::string>();
        }
        if (!key || key->empty()) partitions = 1;
        t = cut_through_topic(u, u, std::move(*t), "through", partitions,
                              key.value_or(std::vector<std::string>()));
      }
      merged.inputs.push_back(t->inputs.front());
      merged.tables.insert(merged.tables.end(), t->tables.begin(), t->tables.end());
      merged.steps.push_back("[" + join_steps(t->steps) + "]");
    }
    // Task p of the job reads partition p of every input.
    for (const auto& in : merged.inputs) {
      const TopicPlan* a = c_.plan.topic(merged.inputs.front().topic);
      const TopicPlan* b = c_.plan.topic(in.topic);
      if (a && b && a->partitions != b->partitions) {
        fail(id, "the inputs are not co-partitioned: '" + a->name + "' has " +
                     std::to_string(a->partitions) + " partitions, '" + b->name + "' " +
                     std::to_string(b->partitions));
        return std::nullopt;
      }
    }
    merged.merge = compiled->merge;
    merged.merge_node = id;
    merged.steps.push_back(step);
    return merged;
  }

  static std::string join_steps(const std::vector<std::string>& steps,
                                const std::string& separator = " -> ") {
    std::string s;
    for (const auto& x : steps) s += (s.empty() ? "" : separator) + x;
    return s;
  }

  JobPlan job_of(Traced traced, const std::string& name) {
    JobPlan j;
    j.name = name;
    j.config.name = j.name;
    for (auto& input : traced.inputs) {
      stream::JobInput ji;
      ji.topic = input.topic;
      ji.schema = input.schema;
      ji.chain = std::move(input.chain);
      ji.chain_nodes = std::move(input.chain_nodes);
      j.config.inputs.push_back(std::move(ji));
    }
    j.config.merge = traced.merge;
    j.config.merge_node = traced.merge_node;
    j.config.chain = std::move(traced.chain);
    j.config.chain_nodes = std::move(traced.chain_nodes);
    // Each operator node's dead letters also go to its topic `<pipeline>-<node>-dlq`.
    std::vector<std::string> nodes = j.config.chain_nodes;
    for (const auto& in : j.config.inputs)
      nodes.insert(nodes.end(), in.chain_nodes.begin(), in.chain_nodes.end());
    if (!j.config.merge_node.empty()) nodes.push_back(j.config.merge_node);
    for (const auto& node : nodes) j.config.dead_letter_topics[node] = dead_letter_topic(node);
    for (const auto& t : traced.tables) {
      j.config.tables.push_back(t);
      j.table_topics.push_back(t->spec().topic);
    }
    j.steps = std::move(traced.steps);
    return j;
  }

  void plan_job(const Node& sink) {
    const auto in = edges_into(p_, sink.id, "in");
    if (in.empty()) return;
    auto traced = trace(in.front()->from.node);
    if (!traced) return;
    const Schema schema = v_.outputs.at(in.front()->from.node);
    JobPlan j = job_of(std::move(*traced), c_.plan.pipeline + "-" + sink.id);
    j.state_name = sink.id;
    j.sink.node = sink.id;
    j.sink.kind = sink.kind;
    j.sink.params = params(sink.id);
    if (j.sink.params.contains("path"))
      j.sink.path = base_ / j.sink.params["path"].get<std::string>();
    j.steps.push_back(sink.id + " (" + sink.kind + ")");
    if (sink.kind == "sink.topic") {
      const std::string name = j.sink.params.value("topic", "");
      if (!c_.plan.topic(name)) {
        TopicPlan t;
        t.name = name;
        t.node = sink.id;
        t.schema = schema;
        c_.plan.topics.push_back(t);
      } else {
        // Its readers here would not know when this job is done writing: not built yet.
        fail(sink.id + ".topic",
             "topic '" + name + "' is also read by this pipeline; write it from another pipeline");
        return;
      }
    }
    c_.plan.jobs.push_back(std::move(j));
  }

  const Pipeline& p_;
  const Validation& v_;
  const NodeRegistry& kinds_;
  std::filesystem::path base_;
  Compilation c_;
};

}  // namespace

std::string pipeline_slug(const std::string& name) {
  std::string s;
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    s += std::isalnum(u) || c == '.' || c == '_' || c == '-' ? static_cast<char>(std::tolower(u))
                                                             : '-';
  }
  return s.empty() ? "pipeline" : s;
}

Compilation compile_pipeline(const Pipeline& pipeline, const Validation& validation,
                             const NodeRegistry& kinds, const std::filesystem::path& base_dir) {
  return Compiler(pipeline, validation, kinds, base_dir).run();
}

}  // namespace tributary::pipeline
