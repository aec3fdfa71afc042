// Data-driven codec cases (json_cases/, csv_cases/): an input file beside a `.expected` file
// whose first lines are directives (`schema: ...`, `options: ...`) and whose remaining lines
// are the decoded rows as JSON lines, then one `dead <position> <reason>` line per dead letter.
// With TRIBUTARY_REGENERATE=1 the tests rewrite the expectations (directives kept) to review.
#pragma once

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/batch.h"
#include "io/dead_letter.h"
#include "io/json_encoder.h"

namespace tributary::testing {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) qFatal("cannot open %s", p.c_str());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct CaseFile {
  std::filesystem::path input, expected_path;
  std::vector<std::string> directives;  // "schema: ...", "options: ..."
  std::string expected;                 // everything after the directives
  std::string directive(const std::string& name) const {
    for (const auto& d : directives) {
      if (d.rfind(name + ": ", 0) == 0) return d.substr(name.size() + 2);
    }
    return {};
  }
};

inline std::vector<CaseFile> load_case_files(const std::filesystem::path& dir, const std::string& extension) {
  std::vector<CaseFile> cases;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != extension) continue;
    CaseFile c;
    c.input = entry.path();
    c.expected_path = entry.path();
    c.expected_path.replace_extension(".expected");
    std::istringstream in(read_file(c.expected_path));
    std::string line;
    bool body = false;
    while (std::getline(in, line)) {
      if (!body && (line.rfind("schema: ", 0) == 0 || line.rfind("options: ", 0) == 0)) {
        c.directives.push_back(line);
        continue;
      }
      body = true;
      c.expected += line + "\n";
    }
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.input < b.input; });
  return cases;
}

inline std::string schema_text(const Schema& s) {
  std::string out;
  for (const auto& f : s.fields()) out += (out.empty() ? "" : " ") + f.name + ":" + type_name(f.type);
  return out;
}

// "a:int64 b:string" → Schema.
inline Schema parse_schema_text(const std::string& text) {
  Schema s;
  std::istringstream in(text);
  std::string item;
  while (in >> item) {
    const auto colon = item.rfind(':');
    auto type = parse_type_name(item.substr(colon + 1));
    if (!type) qFatal("bad type in %s", item.c_str());
    s.add({item.substr(0, colon), *type});
  }
  return s;
}

inline std::string render(const Batch& batch, const std::vector<io::DeadLetter>& dead) {
  std::string out = io::encode_json_lines(batch);
  for (const auto& d : dead) out += "dead " + d.position + " " + d.reason + "\n";
  return out;
}

// Compares, or rewrites the expectation when asked to.
inline bool check_case(const CaseFile& c, const std::string& actual, std::string& diff) {
  if (qEnvironmentVariableIntValue("TRIBUTARY_REGENERATE") == 1) {
    std::ofstream out(c.expected_path, std::ios::binary | std::ios::trunc);
    for (const auto& d : c.directives) out << d << "\n";
    out << actual;
    return true;
  }
  if (actual == c.expected) return true;
  diff = "expected:\n" + c.expected + "actual:\n" + actual;
  return false;
}

}  // namespace tributary::testing
