#include "catalogue.h"

namespace tributary::nodes {

const pipeline::NodeRegistry& builtin_kinds() {
  static const pipeline::NodeRegistry registry = [] {
    pipeline::NodeRegistry r;
    add_source_kinds(r);
    add_topic_kind(r);
    add_window_kinds(r);
    add_transform_kinds(r);
    add_ml_kinds(r);
    add_sink_kinds(r);
    return r;
  }();
  return registry;
}

}  // namespace tributary::nodes
