#include "ui/document/auto_layout.h"

#include <QLineF>
#include <algorithm>
#include <limits>
#include <set>
#include <vector>

namespace tributary::ui {
namespace {

// Vertices of the layered graph: the nodes (0..n-1, document order) then one dummy per layer
// an edge skips.
struct Layered {
  std::vector<int> layer;
  std::vector<std::vector<int>> up, down;  // neighbours in the layer before / after
  std::vector<std::vector<int>> rows;      // vertices of each layer, in order
};

// The edges between distinct, existing nodes, once each, as node indices.
std::vector<std::vector<int>> successors(const pipeline::Pipeline& p) {
  std::map<std::string, int> index;
  for (std::size_t i = 0; i < p.nodes.size(); ++i) index[p.nodes[i].id] = static_cast<int>(i);
  std::vector<std::set<int>> seen(p.nodes.size());
  std::vector<std::vector<int>> out(p.nodes.size());
  for (const auto& e : p.edges) {
    const auto a = index.find(e.from.node), b = index.find(e.to.node);
    if (a == index.end() || b == index.end() || a->second == b->second) continue;
    if (seen[a->second].insert(b->second).second) out[a->second].push_back(b->second);
  }
  return out;
}

// Leaves out the edges that close a cycle (back edges of a depth-first search in document
// order) and returns the rest with a topological order of the nodes.
std::vector<std::vector<int>> acyclic(const std::vector<std::vector<int>>& succ,
                                      std::vector<int>& topo) {
  const int n = static_cast<int>(succ.size());
  std::vector<int> state(n, 0);  // 0 new, 1 on the stack, 2 done
  std::vector<std::vector<int>> dag(n);
  std::vector<int> post;
  for (int root = 0; root < n; ++root) {
    if (state[root]) continue;
    // Iterative, so that a long chain cannot overflow the stack.
    std::vector<std::pair<int, std::size_t>> stack{{root, 0}};
    state[root] = 1;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < succ[v].size()) {
        const int w = succ[v][next++];
        if (state[w] == 1) continue;  // back edge
        dag[v].push_back(w);
        if (state[w] == 0) {
          state[w] = 1;
          stack.push_back({w, 0});
        }
      } else {
        state[v] = 2;
        post.push_back(v);
        stack.pop_back();
      }
    }
  }
  topo.assign(post.rbegin(), post.rend());
  return dag;
}

Layered layered(const pipeline::Pipeline& p) {
  std::vector<int> topo;
  const auto dag = acyclic(successors(p), topo);
  const int n = static_cast<int>(dag.size());
  Layered g;
  g.layer.assign(n, 0);
  for (int v : topo) {
    for (int w : dag[v]) g.layer[w] = std::max(g.layer[w], g.layer[v] + 1);
  }
  g.up.resize(n);
  g.down.resize(n);
  auto link = [&](int a, int b) {
    g.down[a].push_back(b);
    g.up[b].push_back(a);
  };
  for (int v = 0; v < n; ++v) {
    for (int w : dag[v]) {
      int prev = v;
      for (int l = g.layer[v] + 1; l < g.layer[w]; ++l) {
        const int dummy = static_cast<int>(g.layer.size());
        g.layer.push_back(l);
        g.up.emplace_back();
        g.down.emplace_back();
        link(prev, dummy);
        prev = dummy;
      }
      link(prev, w);
    }
  }
  int layers = 0;
  for (int l : g.layer) layers = std::max(layers, l + 1);
  g.rows.resize(layers);
  for (int v = 0; v < static_cast<int>(g.layer.size()); ++v) g.rows[g.layer[v]].push_back(v);
  return g;
}

int crossings(const Layered& g, const std::vector<int>& pos) {
  int count = 0;
  for (std::size_t l = 0; l + 1 < g.rows.size(); ++l) {
    std::vector<std::pair<int, int>> segments;
    for (int v : g.rows[l]) {
      for (int w : g.down[v]) segments.push_back({pos[v], pos[w]});
    }
    for (std::size_t i = 0; i < segments.size(); ++i) {
      for (std::size_t j = i + 1; j < segments.size(); ++j) {
        const auto [a1, b1] = segments[i];
        const auto [a2, b2] = segments[j];
        if ((a1 < a2 && b1 > b2) || (a1 > a2 && b1 < b2)) ++count;
      }
    }
  }
  return count;
}

// Orders `row` by the mean position of each vertex's neighbours; a vertex without any keeps
// its own position, and ties keep the current order.
void sortByBarycentre(std::vector<int>& row, const std::vector<std::vector<int>>& neighbours,
                      std::vector<int>& pos) {
  std::vector<std::pair<double, int>> keyed;
  for (int v : row) {
    double sum = 0;
    for (int u : neighbours[v]) sum += pos[u];
    keyed.push_back({neighbours[v].empty() ? pos[v] : sum / neighbours[v].size(), v});
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    row[i] = keyed[i].second;
    pos[row[i]] = static_cast<int>(i);
  }
}

}  // namespace

std::map<std::string, QPointF> layeredLayout(const pipeline::Pipeline& p,
                                             const AutoLayoutOptions& options) {
  Layered g = layered(p);
  std::vector<int> pos(g.layer.size(), 0);
  auto index_rows = [&] {
    for (const auto& row : g.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) pos[row[i]] = static_cast<int>(i);
    }
  };
  index_rows();
  auto best = g.rows;
  int fewest = crossings(g, pos);
  // The best order may come after either half of a sweep: a downward pass can undo what the
  // upward one found (vertices without neighbours below keep their place).
  auto keep_if_better = [&] {
    if (const int c = crossings(g, pos); c < fewest) {
      fewest = c;
      best = g.rows;
    }
  };
  for (int sweep = 0; sweep < options.sweeps && fewest > 0; ++sweep) {
    for (std::size_t l = 1; l < g.rows.size(); ++l) sortByBarycentre(g.rows[l], g.up, pos);
    keep_if_better();
    for (std::size_t l = g.rows.size(); l-- > 1;) sortByBarycentre(g.rows[l - 1], g.down, pos);
    keep_if_better();
  }
  g.rows = best;
  index_rows();

  std::size_t widest = 0;
  for (const auto& row : g.rows) widest = std::max(widest, row.size());
  std::map<std::string, QPointF> at;
  for (std::size_t l = 0; l < g.rows.size(); ++l) {
    // Each layer centred on the widest one, so that a chain is a straight line.
    const double shift = (static_cast<double>(widest) - g.rows[l].size()) / 2.0;
    for (std::size_t i = 0; i < g.rows[l].size(); ++i) {
      const int v = g.rows[l][i];
      if (v >= static_cast<int>(p.nodes.size())) continue;  // a dummy
      at[p.nodes[v].id] = QPointF(options.origin.x() + l * options.layerSpacing,
                                  options.origin.y() + (i + shift) * options.rowSpacing);
    }
  }
  return at;
}

int edgeCrossings(const pipeline::Pipeline& p, const std::map<std::string, QPointF>& at) {
  std::vector<std::pair<const pipeline::Edge*, QLineF>> lines;
  for (const auto& e : p.edges) {
    const auto a = at.find(e.from.node), b = at.find(e.to.node);
    if (a != at.end() && b != at.end()) lines.push_back({&e, QLineF(a->second, b->second)});
  }
  int count = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      const auto* e = lines[i].first;
      const auto* f = lines[j].first;
      // Edges that share a node meet there; that is not a crossing.
      if (e->from.node == f->from.node || e->from.node == f->to.node ||
          e->to.node == f->from.node || e->to.node == f->to.node)
        continue;
      if (lines[i].second.intersects(lines[j].second, nullptr) == QLineF::BoundedIntersection)
        ++count;
    }
  }
  return count;
}

}  // namespace tributary::ui
