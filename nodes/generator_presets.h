// The seeded synthetic streams of source.generator: their names and record schemas. (The
// generators themselves run in the engine's sources.)
#pragma once

#include <string>
#include <vector>

#include "core/types.h"

namespace tributary::nodes {

struct GeneratorPreset {
  std::string name;
  std::string help;
  Schema schema;
  std::string time_field;  // "" when the stream has no event time
};

const std::vector<GeneratorPreset>& generator_presets();
const GeneratorPreset* find_generator_preset(const std::string& name);

}  // namespace tributary::nodes
