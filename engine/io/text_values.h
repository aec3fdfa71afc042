// Typed scalars written as text, shared by the CSV and JSON codecs so that "42", "2.5",
// "true" and "2024-03-01T12:00:00Z" mean the same thing in every format.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tributary::io {

// Whole-text parses: no surrounding spaces, nothing left over.
std::optional<std::int64_t> parse_int64(std::string_view text);    // [+-]digits, in range
std::optional<double> parse_double(std::string_view text);          // decimal or exponent form; no inf/nan
std::optional<bool> parse_bool(std::string_view text);              // true/false, any letter case
// ISO-8601 date-time in ms since the epoch, UTC: `2024-03-01T12:00:00Z`, with `T`, `t` or a
// space between date and time, optional seconds, optional fraction (truncated to ms) and an
// offset `Z`, `+02:00`, `+0200` or `+02`; no offset means UTC. A bare date is midnight UTC.
std::optional<std::int64_t> parse_iso8601_ms(std::string_view text);

// Shortest text that reads back as the same double (std::to_chars; -0.0 keeps its ".0").
// Finite values only.
void append_double(std::string& out, double v);
void append_int(std::string& out, std::int64_t v);
// `2024-03-01T12:00:00Z`, with `.mmm` when the milliseconds are not zero. Years 0001-9999.
void append_iso8601(std::string& out, std::int64_t ms);

}  // namespace tributary::io
