#include "io/text_values.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace tributary::io {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `n` digits at `pos`.
bool read_digits(std::string_view s, std::size_t& pos, int n, int& value) {
  if (pos + static_cast<std::size_t>(n) > s.size()) return false;
  value = 0;
  for (int k = 0; k < n; ++k) {
    const char c = s[pos++];
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr int kDaysBeforeMonth[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

int days_in_month(std::int64_t y, int m) {
  constexpr int kDays[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m];
}

// Leap years in [1, y], for y >= 0.
std::int64_t leap_years_through(std::int64_t y) {
  return y / 4 - y / 100 + y / 400;
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian), for years 1..9999.
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  std::int64_t days = 365 * (y - 1970) + leap_years_through(y - 1) - leap_years_through(1969);
  days += kDaysBeforeMonth[m] + (m > 2 && is_leap(y) ? 1 : 0);
  return days + d - 1;
}

// Eight ASCII digits read as one little-endian word: checked and converted a word at a time
// (SWAR), which is what event times in ms (13 digits) need most.
bool eight_digits(std::uint64_t w) {
  return ((w & 0xF0F0F0F0F0F0F0F0ull) == 0x3030303030303030ull) &&
         (((w + 0x0606060606060606ull) & 0xF0F0F0F0F0F0F0F0ull) == 0x3030303030303030ull);
}
std::uint64_t eight_digits_value(std::uint64_t w) {
  w = (w & 0x0F0F0F0F0F0F0F0Full) * 2561 >> 8;                // pairs of digits
  w = (w & 0x00FF00FF00FF00FFull) * 6553601 >> 16;            // groups of four
  return (w & 0x0000FFFF0000FFFFull) * 42949672960001 >> 32;  // all eight
}

}  // namespace

std::optional<std::int64_t> parse_int64(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.size() <= 18) {  // plain digits (event times in ms) cannot overflow: no from_chars
    std::int64_t v = 0;
    std::size_t i = 0;
    std::uint64_t chunk;
    for (; i + 8 <= text.size(); i += 8) {
      std::memcpy(&chunk, text.data() + i, 8);
      if (!eight_digits(chunk)) break;
      v = v * 100'000'000 + static_cast<std::int64_t>(eight_digits_value(chunk));
    }
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) v = v * 10 + (text[i] - '0');
    if (i == text.size()) return v;
  }
  std::size_t start = text[0] == '+' ? 1 : 0;  // from_chars takes '-' but not '+'
  if (start == 1 && (text.size() == 1 || text[1] == '-')) return std::nullopt;
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data() + start, end, v);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::size_t start = text[0] == '+' ? 1 : 0;
  if (start >= text.size()) return std::nullopt;
  // Only numbers written with digits: from_chars would also take "inf", "nan" and "0x1p3".
  const char first = text[start] == '-' && start + 1 < text.size() ? text[start + 1] : text[start];
  if (!is_digit(first) && first != '.') return std::nullopt;
  for (char c : text.substr(start)) {
    if (c == 'x' || c == 'X' || c == 'p' || c == 'P') return std::nullopt;
  }
  double v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data() + start, end, v, std::chars_format::general);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view text) {
  auto equals_ci = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if ((text[i] | 0x20) != word[i]) return false;
    }
    return true;
  };
  if (equals_ci("true")) return true;
  if (equals_ci("false")) return false;
  return std::nullopt;
}

std::optional<std::int64_t> parse_iso8601_ms(std::string_view s) {
  std::size_t pos = 0;
  int year, month, day;
  if (!read_digits(s, pos, 4, year) || pos >= s.size() || s[pos++] != '-') return std::nullopt;
  if (!read_digits(s, pos, 2, month) || pos >= s.size() || s[pos++] != '-') return std::nullopt;
  if (!read_digits(s, pos, 2, day)) return std::nullopt;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return std::nullopt;
  std::int64_t ms = days_from_civil(year, month, day) * 86'400'000;
  if (pos == s.size()) return ms;

  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  ++pos;
  int hour, minute, second = 0, millis = 0;
  if (!read_digits(s, pos, 2, hour) || pos >= s.size() || s[pos++] != ':') return std::nullopt;
  if (!read_digits(s, pos, 2, minute)) return std::nullopt;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_digits(s, pos, 2, second)) return std::nullopt;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      int digits = 0;
      while (pos < s.size() && is_digit(s[pos])) {
        if (digits < 3) millis = millis * 10 + (s[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return std::nullopt;
      for (int k = digits; k < 3; ++k) millis *= 10;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  ms += ((hour * 60 + minute) * 60 + second) * 1000LL + millis;
  if (pos == s.size()) return ms;

  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size() ? std::optional(ms) : std::nullopt;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  const int sign = s[pos++] == '+' ? 1 : -1;
  int off_h, off_m = 0;
  if (!read_digits(s, pos, 2, off_h)) return std::nullopt;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    if (!read_digits(s, pos, 2, off_m)) return std::nullopt;
  }
  if (pos != s.size() || off_h > 23 || off_m > 59) return std::nullopt;
  // Local time = UTC + offset, so UTC = local - offset.
  return ms - sign * (off_h * 60 + off_m) * 60'000LL;
}

void append_double(std::string& out, double v) {
  // "-0" would read back as the integer 0 and lose its sign.
  if (v == 0 && std::signbit(v)) {
    out += "-0.0";
    return;
  }
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<std::size_t>(p - buf));
}

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<std::size_t>(p - buf));
}

void append_iso8601(std::string& out, std::int64_t ms) {
  // Outside years 0001-9999 there is no four-digit form: fall back to the integer.
  if (ms < -62'135'596'800'000 || ms > 253'402'300'799'999) return append_int(out, ms);
  // Floor division, so that instants before 1970 land on the right day.
  std::int64_t days = ms / 86'400'000;
  std::int64_t rest = ms % 86'400'000;
  if (rest < 0) {
    rest += 86'400'000;
    --days;
  }
  std::int64_t year = 1970 + days / 366;  // an underestimate for days >= 0; fixed up below
  if (days < 0) year = 1970 + days / 365 - 1;
  while (days_from_civil(year + 1, 1, 1) <= days) ++year;
  while (days_from_civil(year, 1, 1) > days) --year;
  int month = 1;
  while (month < 12 && days_from_civil(year, month + 1, 1) <= days) ++month;
  const std::int64_t day = days - days_from_civil(year, month, 1) + 1;

  char buf[40];
  const int h = static_cast<int>(rest / 3'600'000), mi = static_cast<int>(rest / 60'000 % 60);
  const int sec = static_cast<int>(rest / 1000 % 60), milli = static_cast<int>(rest % 1000);
  auto put = [&](char* at, std::int64_t v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10) at[k] = static_cast<char>('0' + v % 10);
  };
  put(buf, year, 4);
  buf[4] = '-';
  put(buf + 5, month, 2);
  buf[7] = '-';
  put(buf + 8, day, 2);
  buf[10] = 'T';
  put(buf + 11, h, 2);
  buf[13] = ':';
  put(buf + 14, mi, 2);
  buf[16] = ':';
  put(buf + 17, sec, 2);
  std::size_t len = 19;
  if (milli != 0) {
    buf[len++] = '.';
    put(buf + len, milli, 3);
    len += 3;
  }
  buf[len++] = 'Z';
  out.append(buf, len);
}

}  // namespace tributary::io
