// Errors as values: every fallible engine call returns Status or Result<T>.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tributary {

enum class ErrorCode {
  ok = 0,
  invalid_argument,  // the caller asked for something malformed
  not_found,         // unknown topic, partition, group, file
  already_exists,
  out_of_range,      // offset outside [start, end]
  corrupt,           // stored bytes fail a length, magic or CRC check
  io_error,          // the operating system refused
  busy,              // another process owns the resource
};

const char* error_code_name(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok_status() { return {}; }

  bool ok() const { return code_ == ErrorCode::ok; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  ErrorCode code_ = ErrorCode::ok;
  std::string message_;
};

inline Status error(ErrorCode code, std::string message) { return {code, std::move(message)}; }

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }

  bool ok() const { return v_.index() == 0; }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

  Status status() const { return ok() ? Status{} : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tributary

#define TRIB_CONCAT_INNER(a, b) a##b
#define TRIB_CONCAT(a, b) TRIB_CONCAT_INNER(a, b)

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define TRIB_RETURN_IF_ERROR(expr)          \
  do {                                      \
    ::tributary::Status _st = (expr);       \
    if (!_st.ok()) return _st;              \
  } while (0)

// `lhs = value of expr (a Result<T>)`, or return its Status.
#define TRIB_ASSIGN_OR_RETURN(lhs, expr) TRIB_ASSIGN_OR_RETURN_IMPL(TRIB_CONCAT(_res_, __LINE__), lhs, expr)
#define TRIB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()
