// source.replay's rows: a JSON-lines or CSV file (with a header row), read in chunks, typed
// by the schema validation derived, optionally from the start again at the end (`loop`).
// Ordinals count the rows that parsed, pass after pass, so they are the same on every run.
#pragma once

#include <filesystem>
#include <memory>

#include "io/row_source.h"

namespace tributary::io {

struct ReplaySpec {
  std::filesystem::path path;
  enum class Format { jsonl, csv } format = Format::jsonl;
  Schema schema;  // the fields to read and their types
  bool loop = false;
};

Result<std::unique_ptr<RowSource>> make_replay(const ReplaySpec& spec);

}  // namespace tributary::io
