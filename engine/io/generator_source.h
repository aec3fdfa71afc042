// source.generator: seeded synthetic streams. The same preset, seed, rate and count give the
// same rows on every run and machine (one 64-bit PRNG stepped in a fixed order; no
// distribution objects whose algorithm the standard leaves open).
#pragma once

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "io/row_source.h"

namespace tributary::io {

struct GeneratorPreset {
  std::string name;
  std::string help;
  Schema schema;
  std::string time_field;  // "" when the rows have no event time
};

const std::vector<GeneratorPreset>& generator_presets();
const GeneratorPreset* find_generator_preset(const std::string& name);

struct GeneratorSpec {
  std::string preset;
  std::uint64_t seed = 1;
  double rate = 1000;      // rows per second of event time (0: one per ms)
  std::int64_t count = 0;  // 0: without end
};

// Event times start at 2026-01-01T00:00:00Z and advance by 1000 / rate ms per row.
inline constexpr std::int64_t kGeneratorEpochMs = 1'767'225'600'000;

Result<std::unique_ptr<RowSource>> make_generator(const GeneratorSpec& spec);

}  // namespace tributary::io
