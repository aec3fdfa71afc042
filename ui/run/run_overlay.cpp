#include "ui/run/run_overlay.h"

#include <QDateTime>
#include <nlohmann/json.hpp>

#include "ui/canvas/pipeline_scene.h"
#include "ui/document/pipeline_document.h"

namespace tributary::ui {

RunOverlay::RunOverlay(PipelineDocument* document, PipelineScene* scene)
    : document_(document), scene_(scene) {
  clock_.start();
}

void RunOverlay::reset() {
  samples_.clear();
  clock_.restart();
}

void RunOverlay::clear() {
  scene_->clearRunInfo();
  reset();
}

double RunOverlay::rateOf(const QString& key, double count, double now) {
  // Smoothed over about a second, so that a card's figure does not flicker per snapshot.
  auto it = samples_.find(key);
  if (it == samples_.end()) {
    samples_.insert(key, {count, now, 0});
    return 0;
  }
  const double dt = now - it->at;
  if (dt <= 0) return it->rate;
  const double instant = std::max(0.0, (count - it->count) / dt);
  const double weight = std::min(1.0, dt / 1.0);
  it->rate = it->rate + weight * (instant - it->rate);
  it->count = count;
  it->at = now;
  return it->rate;
}

QString RunOverlay::modelHeadline(const std::string& stateJson) {
  const auto j = nlohmann::json::parse(stateJson, nullptr, false);
  if (!j.is_object()) return {};
  const std::string model = j.value("model", "");
  auto number = [&](const char* key) {
    return j.contains(key) && j[key].is_number() ? j[key].get<double>() : -1.0;
  };
  if (model == "linreg" && number("mae") >= 0)
    return tr("MAE %1").arg(number("mae"), 0, 'g', 3);
  if (model == "logreg" && number("accuracy") >= 0)
    return tr("accuracy %1%").arg(100 * number("accuracy"), 0, 'f', 1);
  if (model == "kmeans" && j.contains("centers"))
    return tr("%n cluster(s)", nullptr, static_cast<int>(j["centers"].size()));
  if (model == "anomaly" && number("anomalies") >= 0)
    return tr("%n anomaly(ies)", nullptr, static_cast<int>(number("anomalies")));
  return {};
}

void RunOverlay::show(const runtime::Progress& p, const pipeline::Plan* plan, NodeRunState state) {
  const double now = static_cast<double>(clock_.elapsed()) / 1000.0;
  QHash<QString, double> rate;  // per node: records/s out
  QHash<QString, QStringList> lines;
  for (const auto& s : p.sources)
    rate[QString::fromStdString(s.node)] = rateOf("source:" + QString::fromStdString(s.node),
                                                  static_cast<double>(s.records), now);
  for (const auto& n : p.nodes) {
    const QString id = QString::fromStdString(n.node);
    rate[id] = rateOf("node:" + id, static_cast<double>(n.rows_out), now);
    if (n.rejected > 0) lines[id] << tr("rejected %1").arg(n.rejected);
    if (!n.states.empty()) {
      const QString headline = modelHeadline(n.states.front());
      if (!headline.isEmpty()) lines[id] << headline;
    }
  }
  QHash<QString, std::int64_t> topicLag;
  if (plan) {
    QHash<QString, std::int64_t> ends;
    for (const auto& t : p.topics) ends[QString::fromStdString(t.name)] = t.end_offset;
    for (const auto& t : plan->topics) {
      if (t.node.empty() || t.implicit) continue;
      const QString id = QString::fromStdString(t.node);
      rate[id] = rateOf("topic:" + id, static_cast<double>(ends.value(QString::fromStdString(t.name))),
                        now);
    }
    for (std::size_t j = 0; j < plan->jobs.size() && j < p.jobs.size(); ++j) {
      const auto& jp = plan->jobs[j];
      const auto& progress = p.jobs[j];
      // A sink's rate is its job's output; a topic's lag the most any reader is behind.
      if (jp.state_name == jp.sink.node) {
        const QString id = QString::fromStdString(jp.sink.node);
        rate[id] = rateOf("sink:" + id, static_cast<double>(progress.records_out), now);
      }
      for (const auto& in : jp.config.inputs) {
        for (const auto& t : plan->topics) {
          if (t.name == in.topic && !t.node.empty())
            topicLag[QString::fromStdString(t.node)] =
                std::max(topicLag.value(QString::fromStdString(t.node)), progress.lag);
        }
      }
      // Window nodes of the job: the watermark is the job's stream time less their grace.
      if (progress.stream_time == INT64_MIN) continue;
      std::vector<std::string> nodes = jp.config.chain_nodes;
      for (const auto& in : jp.config.inputs)
        nodes.insert(nodes.end(), in.chain_nodes.begin(), in.chain_nodes.end());
      for (const auto& node : nodes) {
        const pipeline::Node* n = document_->pipeline().node(node);
        if (!n || n->kind.rfind("window.", 0) != 0) continue;
        const std::int64_t grace = n->params.value("grace_ms", std::int64_t{0});
        const QString id = QString::fromStdString(node);
        const QString wm = tr("wm %1").arg(
            QDateTime::fromMSecsSinceEpoch(progress.stream_time - grace, Qt::UTC)
                .toString(QStringLiteral("HH:mm:ss")));
        if (!lines[id].contains(wm)) lines[id].prepend(wm);
      }
    }
  }
  for (const auto& n : document_->pipeline().nodes) {
    const QString id = QString::fromStdString(n.id);
    NodeRunInfo info;
    info.state = state;
    info.ratePerSecond = rate.contains(id) ? rate[id] : -1;
    info.lines = lines.value(id);
    scene_->setNodeRunInfo(id, info);
  }
  for (const auto& e : document_->pipeline().edges) {
    const QString from = QString::fromStdString(e.from.node);
    const QString to = QString::fromStdString(e.to.node);
    const double lag = topicLag.contains(to) ? static_cast<double>(topicLag[to]) : -1;
    scene_->setEdgeRunInfo(e, rate.value(from, -1), lag);
  }
}

}  // namespace tributary::ui
