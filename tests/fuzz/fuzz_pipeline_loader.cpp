// libFuzzer target: any bytes as a pipeline document. Loading, validation (schemas, typed
// parameters, expressions, SQL) and compilation must report problems as diagnostics, never
// crash, hang or touch memory they should not; a document that loads must save canonically.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "nodes/catalogue.h"
#include "pipeline/compiler.h"
#include "pipeline/pipeline_format.h"
#include "pipeline/pipeline_validation.h"

using namespace tributary;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& kinds = nodes::builtin_kinds();
  auto load = pipeline::load_pipeline(text, kinds);
  if (load.pipeline.nodes.empty()) return 0;
  // Replay files resolve against a folder that does not exist: a missing file is a diagnostic.
  auto v =
      pipeline::validate_pipeline(load.pipeline, kinds, "/nonexistent-fuzz-dir", load.diagnostics);
  if (!load.ok()) return 0;
  const std::string once = pipeline::save_pipeline(load.pipeline);
  auto again = pipeline::load_pipeline(once, kinds);
  if (!again.ok() || pipeline::save_pipeline(again.pipeline) != once)
    std::abort();  // save is not canonical
  if (v.ok()) (void)pipeline::compile_pipeline(load.pipeline, v, kinds, "/nonexistent-fuzz-dir");
  return 0;
}
