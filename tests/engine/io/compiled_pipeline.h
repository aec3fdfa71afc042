// Loads, validates and compiles a pipeline file for a test with the built-in node kinds;
// any problem is printed and fails the test.
#pragma once

#include <QtTest>

#include <filesystem>

#include "nodes/catalogue.h"
#include "pipeline/compiler.h"
#include "pipeline/pipeline_format.h"
#include "pipeline/pipeline_validation.h"

namespace tributary::testing {

struct CompiledPipeline {
  pipeline::Compilation c;
  pipeline::Settings settings;
};

inline CompiledPipeline compile_pipeline_file(const std::filesystem::path& file) {
  const auto& kinds = nodes::builtin_kinds();
  auto load = pipeline::load_pipeline_file(file, kinds);
  for (const auto& d : load.diagnostics) qWarning("%s", d.text().c_str());
  auto v = pipeline::validate_pipeline(load.pipeline, kinds, file.parent_path(), load.diagnostics);
  for (const auto& d : v.diagnostics) qWarning("%s", d.text().c_str());
  if (!load.ok() || !v.ok()) qFatal("the test pipeline does not validate");
  auto c = pipeline::compile_pipeline(load.pipeline, v, kinds, file.parent_path());
  for (const auto& d : c.diagnostics) qWarning("%s", d.text().c_str());
  if (!c.ok()) qFatal("the test pipeline does not compile");
  return {std::move(c), load.pipeline.settings};
}

}  // namespace tributary::testing
