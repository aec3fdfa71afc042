// Vectorised evaluation: each node turns its children's columns into a column with one tight
// loop, chosen once per node by type; a literal stays a one-value "scalar" that kernels read
// without broadcasting it.
#include <re2/re2.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <ctime>

#include "stream/expression.h"
#include "stream/expression_ast.h"

namespace tributary::stream {
namespace {

struct Datum {
  Column owned;
  const Column* ref = nullptr;
  bool scalar = false;  // one value that stands for every row
  const Column& col() const { return ref ? *ref : owned; }
  DataType type() const { return col().type(); }
  std::size_t at(std::size_t i) const { return scalar ? 0 : i; }
  bool valid(std::size_t i) const { return !col().is_null(at(i)); }
};

Datum owned(Column c, bool scalar) {
  Datum d;
  d.owned = std::move(c);
  d.scalar = scalar;
  return d;
}

// Validity words of `d` over `n` rows; empty when every row is valid.
std::vector<std::uint64_t> validity_of(const Datum& d, std::size_t n) {
  if (d.scalar) {
    if (d.valid(0)) return {};
    return std::vector<std::uint64_t>((n + 63) / 64, 0);
  }
  return d.col().validity();
}

std::vector<std::uint64_t> and_validity(std::vector<std::uint64_t> a,
                                        const std::vector<std::uint64_t>& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  for (std::size_t w = 0; w < a.size(); ++w) a[w] &= b[w];
  return a;
}

// Brings `d` to `target`: null-typed values become nulls of it, int64 widens to double,
// int64 and timestamp share their representation.
Datum coerce(Datum d, DataType target, std::size_t n) {
  const DataType from = d.type();
  if (from == target || target == DataType::null) return d;
  const std::size_t rows = d.scalar ? 1 : n;
  if (from == DataType::null) return owned(Column::nulls(target, rows), d.scalar);
  if ((from == DataType::int64 && target == DataType::timestamp) ||
      (from == DataType::timestamp && target == DataType::int64)) {
    Column c(target);
    c.resize_fixed(rows);
    std::memcpy(c.ints(), d.col().ints(), rows * sizeof(std::int64_t));
    c.set_validity(d.col().validity());
    return owned(std::move(c), d.scalar);
  }
  if (target == DataType::float64 && (from == DataType::int64 || from == DataType::timestamp)) {
    Column c(DataType::float64);
    c.resize_fixed(rows);
    const std::int64_t* in = d.col().ints();
    double* out = c.doubles();
    for (std::size_t i = 0; i < rows; ++i) out[i] = static_cast<double>(in[i]);
    c.set_validity(d.col().validity());
    return owned(std::move(c), d.scalar);
  }
  return d;  // the type checker admits no other pair
}

// out[i] = f(a[i], b[i]) with either side possibly a scalar; four loops so that each one
// vectorises.
template <class R, class A, class B, class F>
void zip(R* out, const A* a, bool sa, const B* b, bool sb, std::size_t n, F f) {
  if (!sa && !sb) {
    for (std::size_t i = 0; i < n; ++i) out[i] = f(a[i], b[i]);
  } else if (sa && !sb) {
    const A x = a[0];
    for (std::size_t i = 0; i < n; ++i) out[i] = f(x, b[i]);
  } else if (!sa && sb) {
    const B y = b[0];
    for (std::size_t i = 0; i < n; ++i) out[i] = f(a[i], y);
  } else {
    const R r = f(a[0], b[0]);
    for (std::size_t i = 0; i < n; ++i) out[i] = r;
  }
}

std::int64_t wrap_add(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
std::int64_t wrap_sub(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}
std::int64_t wrap_mul(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}

class Evaluator {
 public:
  Evaluator(const Batch& batch) : batch_(batch), n_(batch.num_rows()) {}

  Datum eval(const Expr& e) {
    switch (e.kind) {
      case Expr::Kind::literal:
        return literal(e);
      case Expr::Kind::field: {
        Datum d;
        d.ref = &batch_.column(e.field_index);
        return d;
      }
      case Expr::Kind::unary:
        return unary(e);
      case Expr::Kind::binary:
        return binary(e);
      case Expr::Kind::in_list:
        return in_list(e);
      case Expr::Kind::is_null:
        return is_null(e);
      case Expr::Kind::call:
        return call(e);
    }
    return owned(Column::nulls(e.type, n_), false);
  }

 private:
  static Datum literal(const Expr& e) {
    Column c(e.type);
    switch (e.type) {
      case DataType::boolean:
        c.append_bool(e.bool_value);
        break;
      case DataType::int64:
      case DataType::timestamp:
        c.append_int(e.int_value);
        break;
      case DataType::float64:
        c.append_double(e.double_value);
        break;
      case DataType::string:
        c.append_string(e.string_value);
        break;
      case DataType::null:
        c.append_null();
        break;
    }
    return owned(std::move(c), true);
  }

  std::size_t rows(bool scalar) const { return scalar ? 1 : n_; }

  Datum unary(const Expr& e) {
    Datum a = coerce(eval(*e.args[0]), e.type, n_);
    const std::size_t n = rows(a.scalar);
    Column out(e.type);
    out.resize_fixed(n);
    out.set_validity(a.col().validity());
    if (e.op == Op::logical_not) {
      const std::uint8_t* in = a.col().bools();
      for (std::size_t i = 0; i < n; ++i) out.bools()[i] = in[i] ^ 1;
    } else if (e.type == DataType::float64) {
      for (std::size_t i = 0; i < n; ++i) out.doubles()[i] = -a.col().doubles()[i];
    } else {
      for (std::size_t i = 0; i < n; ++i) out.ints()[i] = wrap_sub(0, a.col().ints()[i]);
    }
    return owned(std::move(out), a.scalar);
  }

  Datum binary(const Expr& e) {
    if (e.op == Op::logical_and || e.op == Op::logical_or) return logical(e);
    Datum a = eval(*e.args[0]);
    Datum b = eval(*e.args[1]);
    const bool scalar = a.scalar && b.scalar;
    const std::size_t n = rows(scalar);
    switch (e.op) {
      case Op::eq:
      case Op::ne:
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge:
        return compare(e.op, std::move(a), std::move(b));
      default:
        break;
    }
    // Arithmetic. Operand type: double if the result is, else int64 (timestamps included).
    const DataType operand = e.type == DataType::float64 ? DataType::float64 : DataType::int64;
    a = coerce(std::move(a), operand, n_);
    b = coerce(std::move(b), operand, n_);
    Column out(e.type);
    out.resize_fixed(n);
    out.set_validity(and_validity(validity_of(a, n), validity_of(b, n)));
    if (operand == DataType::float64) {
      const double* x = a.col().doubles();
      const double* y = b.col().doubles();
      double* o = out.doubles();
      switch (e.op) {
        case Op::add:
          zip(o, x, a.scalar, y, b.scalar, n, [](double p, double q) { return p + q; });
          break;
        case Op::sub:
          zip(o, x, a.scalar, y, b.scalar, n, [](double p, double q) { return p - q; });
          break;
        case Op::mul:
          zip(o, x, a.scalar, y, b.scalar, n, [](double p, double q) { return p * q; });
          break;
        case Op::div:
          zip(o, x, a.scalar, y, b.scalar, n, [](double p, double q) { return p / q; });
          break;
        case Op::mod:
          zip(o, x, a.scalar, y, b.scalar, n, [](double p, double q) { return std::fmod(p, q); });
          break;
        default:
          break;
      }
      if (e.op == Op::div || e.op == Op::mod) {  // x / 0 is null, as in Spark
        for (std::size_t i = 0; i < n; ++i) {
          if (y[b.at(i)] == 0) out.set_null(i);
        }
      }
    } else {
      const std::int64_t* x = a.col().ints();
      const std::int64_t* y = b.col().ints();
      std::int64_t* o = out.ints();
      switch (e.op) {
        case Op::add:
          zip(o, x, a.scalar, y, b.scalar, n, wrap_add);
          break;
        case Op::sub:
          zip(o, x, a.scalar, y, b.scalar, n, wrap_sub);
          break;
        case Op::mul:
          zip(o, x, a.scalar, y, b.scalar, n, wrap_mul);
          break;
        case Op::mod:
          zip(o, x, a.scalar, y, b.scalar, n, [](std::int64_t p, std::int64_t q) {
            return (q == 0 || q == -1) ? std::int64_t{0} : p % q;  // -1: INT64_MIN % -1 traps
          });
          for (std::size_t i = 0; i < n; ++i) {
            if (y[b.at(i)] == 0) out.set_null(i);
          }
          break;
        default:
          break;
      }
    }
    return owned(std::move(out), scalar);
  }

  Datum compare(Op op, Datum a, Datum b) {
    const bool scalar = a.scalar && b.scalar;
    const std::size_t n = rows(scalar);
    DataType t = a.type() == b.type()                             ? a.type()
                 : a.type() == DataType::null                     ? b.type()
                 : b.type() == DataType::null                     ? a.type()
                 : (is_numeric(a.type()) && is_numeric(b.type())) ? DataType::float64
                                                                  : DataType::int64;
    a = coerce(std::move(a), t, n_);
    b = coerce(std::move(b), t, n_);
    Column out(DataType::boolean);
    out.resize_fixed(n);
    out.set_validity(and_validity(validity_of(a, n), validity_of(b, n)));
    std::uint8_t* o = out.bools();
    auto numeric = [&](const auto* x, const auto* y) {
      switch (op) {
        case Op::eq:
          zip(o, x, a.scalar, y, b.scalar, n,
              [](auto p, auto q) -> std::uint8_t { return p == q; });
          break;
        case Op::ne:
          zip(o, x, a.scalar, y, b.scalar, n,
              [](auto p, auto q) -> std::uint8_t { return p != q; });
          break;
        case Op::lt:
          zip(o, x, a.scalar, y, b.scalar, n, [](auto p, auto q) -> std::uint8_t { return p < q; });
          break;
        case Op::le:
          zip(o, x, a.scalar, y, b.scalar, n,
              [](auto p, auto q) -> std::uint8_t { return p <= q; });
          break;
        case Op::gt:
          zip(o, x, a.scalar, y, b.scalar, n, [](auto p, auto q) -> std::uint8_t { return p > q; });
          break;
        case Op::ge:
          zip(o, x, a.scalar, y, b.scalar, n,
              [](auto p, auto q) -> std::uint8_t { return p >= q; });
          break;
        default:
          break;
      }
    };
    switch (t) {
      case DataType::float64:
        numeric(a.col().doubles(), b.col().doubles());
        break;
      case DataType::int64:
      case DataType::timestamp:
        numeric(a.col().ints(), b.col().ints());
        break;
      case DataType::boolean:
        numeric(a.col().bools(), b.col().bools());
        break;
      case DataType::string: {
        const Column& x = a.col();
        const Column& y = b.col();
        if (op == Op::eq || op == Op::ne) {  // lengths first: most unequal strings need no memcmp
          const bool ne = op == Op::ne;
          for (std::size_t i = 0; i < n; ++i)
            o[i] = (x.string_at(a.at(i)) == y.string_at(b.at(i))) != ne;
          break;
        }
        for (std::size_t i = 0; i < n; ++i) {
          const int c = x.string_at(a.at(i)).compare(y.string_at(b.at(i)));
          o[i] = op == Op::eq   ? c == 0
                 : op == Op::ne ? c != 0
                 : op == Op::lt ? c < 0
                 : op == Op::le ? c <= 0
                 : op == Op::gt ? c > 0
                                : c >= 0;
        }
        break;
      }
      case DataType::null:
        return owned(Column::nulls(DataType::boolean, n), scalar);
    }
    return owned(std::move(out), scalar);
  }

  // SQL three-valued logic: false AND null = false, true OR null = true, otherwise null wins.
  Datum combine_logical(bool is_and, const Datum& a, const Datum& b) {
    const bool scalar = a.scalar && b.scalar;
    const std::size_t n = rows(scalar);
    Column out(DataType::boolean);
    out.resize_fixed(n);
    std::uint8_t* o = out.bools();
    const std::uint8_t* x = a.col().bools();
    const std::uint8_t* y = b.col().bools();
    if (!a.col().has_nulls() && !b.col().has_nulls()) {
      if (is_and)
        zip(o, x, a.scalar, y, b.scalar, n,
            [](std::uint8_t p, std::uint8_t q) -> std::uint8_t { return p & q; });
      else
        zip(o, x, a.scalar, y, b.scalar, n,
            [](std::uint8_t p, std::uint8_t q) -> std::uint8_t { return p | q; });
      return owned(std::move(out), scalar);
    }
    const std::uint8_t decisive = is_and ? 0 : 1;
    for (std::size_t i = 0; i < n; ++i) {
      const bool av = a.valid(i);
      const bool bv = b.valid(i);
      const std::uint8_t p = x[a.at(i)];
      const std::uint8_t q = y[b.at(i)];
      if (av && bv)
        o[i] = is_and ? (p & q) : (p | q);
      else if ((av && p == decisive) || (bv && q == decisive))
        o[i] = decisive;
      else
        out.set_null(i);
    }
    return owned(std::move(out), scalar);
  }

  Datum logical(const Expr& e) {
    Datum a = coerce(eval(*e.args[0]), DataType::boolean, n_);
    Datum b = coerce(eval(*e.args[1]), DataType::boolean, n_);
    return combine_logical(e.op == Op::logical_and, a, b);
  }

  Datum in_list(const Expr& e) {
    Datum needle = eval(*e.args[0]);
    Datum result;
    for (std::size_t k = 1; k < e.args.size(); ++k) {
      Datum needle_ref;
      needle_ref.ref = &needle.col();
      needle_ref.scalar = needle.scalar;
      Datum eq = compare(Op::eq, std::move(needle_ref), eval(*e.args[k]));
      result = k == 1 ? std::move(eq) : combine_logical(false, result, eq);
    }
    if (e.negated) {
      Column& c = result.owned;
      for (std::size_t i = 0; i < c.size(); ++i) c.bools()[i] ^= 1;
    }
    return result;
  }

  Datum is_null(const Expr& e) {
    Datum a = eval(*e.args[0]);
    const std::size_t n = rows(a.scalar);
    Column out(DataType::boolean);
    out.resize_fixed(n);
    for (std::size_t i = 0; i < n; ++i)
      out.bools()[i] = static_cast<std::uint8_t>(a.valid(i) == e.negated);
    return owned(std::move(out), a.scalar);
  }

  Datum call(const Expr& e);

  const Batch& batch_;
  std::size_t n_;
};

// --- functions -------------------------------------------------------------------------------

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Byte offset of code point `index` (0-based) in s, or s.size().
std::size_t utf8_offset(std::string_view s, std::int64_t index) {
  std::size_t i = 0;
  for (; i < s.size() && index > 0; --index) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
      ++i;  // continuation bytes
  }
  return i;
}

std::string iso8601(std::int64_t ms) {
  const std::int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  const int millis = static_cast<int>(ms - secs * 1000);
  const std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}

void append_as_string(Column& out, const Column& in, std::size_t i) {
  switch (in.type()) {
    case DataType::string:
      out.append_string(in.string_at(i));
      return;
    case DataType::timestamp:
      out.append_string(iso8601(in.ints()[i]));
      return;
    case DataType::float64: {
      char buf[32];
      const auto r = std::to_chars(buf, buf + sizeof buf, in.doubles()[i]);
      out.append_string(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
      return;
    }
    default:
      out.append_string(in.to_string(i));
      return;
  }
}

Datum Evaluator::call(const Expr& e) {
  std::vector<Datum> args;
  bool scalar = true;
  for (const auto& a : e.args) {
    args.push_back(eval(*a));
    scalar = scalar && args.back().scalar;
  }
  const std::size_t n = rows(scalar);
  Column out(e.type);

  // Elementwise double -> double with math-domain errors as null.
  auto math = [&](auto f) {
    Datum a = coerce(std::move(args[0]), DataType::float64, n_);
    out.resize_fixed(n);
    out.set_validity(validity_of(a, n));
    for (std::size_t i = 0; i < n; ++i) {
      const double r = f(a.col().doubles()[a.at(i)]);
      out.doubles()[i] = r;
      if (!std::isfinite(r)) out.set_null(i);
    }
  };

  switch (e.fn) {
    case Fn::abs: {
      Datum a = coerce(std::move(args[0]), e.type, n_);
      out.resize_fixed(n);
      out.set_validity(validity_of(a, n));
      if (e.type == DataType::float64) {
        for (std::size_t i = 0; i < n; ++i)
          out.doubles()[i] = std::fabs(a.col().doubles()[a.at(i)]);
      } else {
        for (std::size_t i = 0; i < n; ++i) {
          const std::int64_t v = a.col().ints()[a.at(i)];
          out.ints()[i] = v < 0 ? wrap_sub(0, v) : v;
        }
      }
      break;
    }
    case Fn::round: {
      std::int64_t digits = 0;
      const bool has_digits = args.size() == 2;
      if (has_digits) args[1] = coerce(std::move(args[1]), DataType::int64, n_);
      Datum a = std::move(args[0]);
      out.resize_fixed(n);
      out.set_validity(has_digits ? and_validity(validity_of(a, n), validity_of(args[1], n))
                                  : validity_of(a, n));
      for (std::size_t i = 0; i < n; ++i) {
        digits = has_digits ? args[1].col().ints()[args[1].at(i)] : 0;
        if (e.type == DataType::float64) {
          const double v = a.type() == DataType::float64
                               ? a.col().doubles()[a.at(i)]
                               : static_cast<double>(a.col().ints()[a.at(i)]);
          const double scale = std::pow(10.0, static_cast<double>(digits));
          out.doubles()[i] = std::round(v * scale) / scale;
        } else {
          const std::int64_t v = a.col().ints()[a.at(i)];
          if (digits >= 0) {
            out.ints()[i] = v;
          } else {
            std::int64_t p = 1;
            for (std::int64_t k = 0; k < -digits && k < 18; ++k) p *= 10;
            const std::int64_t half = v >= 0 ? p / 2 : -(p / 2);
            out.ints()[i] = (v + half) / p * p;
          }
        }
      }
      break;
    }
    case Fn::floor:
    case Fn::ceil: {
      Datum a = std::move(args[0]);
      out.resize_fixed(n);
      out.set_validity(validity_of(a, n));
      for (std::size_t i = 0; i < n; ++i) {
        if (a.type() != DataType::float64) {
          out.ints()[i] = a.type() == DataType::null ? 0 : a.col().ints()[a.at(i)];
          continue;
        }
        const double v = e.fn == Fn::floor ? std::floor(a.col().doubles()[a.at(i)])
                                           : std::ceil(a.col().doubles()[a.at(i)]);
        if (!(v >= -9.2e18 && v <= 9.2e18))
          out.set_null(i);
        else
          out.ints()[i] = static_cast<std::int64_t>(v);
      }
      break;
    }
    case Fn::sqrt:
      math([](double v) { return v < 0 ? NAN : std::sqrt(v); });
      break;
    case Fn::ln:
      math([](double v) { return v <= 0 ? NAN : std::log(v); });
      break;
    case Fn::exp:
      math([](double v) { return std::exp(v); });
      break;
    case Fn::pow: {
      Datum a = coerce(std::move(args[0]), DataType::float64, n_);
      Datum b = coerce(std::move(args[1]), DataType::float64, n_);
      out.resize_fixed(n);
      out.set_validity(and_validity(validity_of(a, n), validity_of(b, n)));
      for (std::size_t i = 0; i < n; ++i) {
        const double r = std::pow(a.col().doubles()[a.at(i)], b.col().doubles()[b.at(i)]);
        out.doubles()[i] = r;
        if (!std::isfinite(r)) out.set_null(i);
      }
      break;
    }
    case Fn::min:
    case Fn::max: {
      // Nulls are skipped, as SQL's LEAST/GREATEST do in PostgreSQL; all null gives null.
      for (auto& a : args) a = coerce(std::move(a), e.type, n_);
      out.resize_fixed(n);
      for (std::size_t i = 0; i < n; ++i) {
        bool any = false;
        if (e.type == DataType::float64) {
          double best = 0;
          for (const auto& a : args) {
            if (!a.valid(i)) continue;
            const double v = a.col().doubles()[a.at(i)];
            if (!any || (e.fn == Fn::min ? v < best : v > best)) best = v;
            any = true;
          }
          out.doubles()[i] = best;
        } else {
          std::int64_t best = 0;
          for (const auto& a : args) {
            if (!a.valid(i)) continue;
            const std::int64_t v = a.col().ints()[a.at(i)];
            if (!any || (e.fn == Fn::min ? v < best : v > best)) best = v;
            any = true;
          }
          out.ints()[i] = best;
        }
        if (!any) out.set_null(i);
      }
      break;
    }
    case Fn::lower:
    case Fn::upper: {
      const Datum& a = args[0];
      std::string buf;
      for (std::size_t i = 0; i < n; ++i) {
        if (!a.valid(i)) {
          out.append_null();
          continue;
        }
        buf.assign(a.col().string_at(a.at(i)));
        for (auto& c : buf) {
          if (e.fn == Fn::lower && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
          if (e.fn == Fn::upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        }
        out.append_string(buf);
      }
      break;
    }
    case Fn::length: {
      const Datum& a = args[0];
      out.resize_fixed(n);
      out.set_validity(validity_of(a, n));
      for (std::size_t i = 0; i < n; ++i) {
        out.ints()[i] =
            a.valid(i) ? static_cast<std::int64_t>(utf8_length(a.col().string_at(a.at(i)))) : 0;
      }
      break;
    }
    case Fn::substr: {
      // substr(s, start [, length]): 1-based, in characters, as in SQL.
      for (std::size_t k = 1; k < args.size(); ++k)
        args[k] = coerce(std::move(args[k]), DataType::int64, n_);
      for (std::size_t i = 0; i < n; ++i) {
        bool valid = true;
        for (const auto& a : args) valid = valid && a.valid(i);
        if (!valid) {
          out.append_null();
          continue;
        }
        const std::string_view s = args[0].col().string_at(args[0].at(i));
        const std::int64_t start = std::max<std::int64_t>(1, args[1].col().ints()[args[1].at(i)]);
        const std::size_t from = utf8_offset(s, start - 1);
        std::size_t to = s.size();
        if (args.size() == 3) {
          const std::int64_t len = std::max<std::int64_t>(0, args[2].col().ints()[args[2].at(i)]);
          to = from + utf8_offset(s.substr(from), len);
        }
        out.append_string(s.substr(from, to - from));
      }
      break;
    }
    case Fn::concat: {
      std::string buf;
      for (std::size_t i = 0; i < n; ++i) {
        bool valid = true;
        for (const auto& a : args) valid = valid && a.valid(i);
        if (!valid) {  // SQL: null if any part is null
          out.append_null();
          continue;
        }
        Column parts(DataType::string);
        for (const auto& a : args) append_as_string(parts, a.col(), a.at(i));
        buf.clear();
        for (std::size_t k = 0; k < parts.size(); ++k) buf += parts.string_at(k);
        out.append_string(buf);
      }
      break;
    }
    case Fn::contains:
    case Fn::starts_with: {
      const Datum& a = args[0];
      const Datum& b = args[1];
      out.resize_fixed(n);
      out.set_validity(and_validity(validity_of(a, n), validity_of(b, n)));
      for (std::size_t i = 0; i < n; ++i) {
        const std::string_view s = a.valid(i) ? a.col().string_at(a.at(i)) : std::string_view();
        const std::string_view t = b.valid(i) ? b.col().string_at(b.at(i)) : std::string_view();
        out.bools()[i] =
            e.fn == Fn::contains ? s.find(t) != std::string_view::npos : s.substr(0, t.size()) == t;
      }
      break;
    }
    case Fn::regex_match: {
      const Datum& a = args[0];
      out.resize_fixed(n);
      out.set_validity(validity_of(a, n));
      for (std::size_t i = 0; i < n; ++i) {
        if (!a.valid(i)) continue;
        const std::string_view s = a.col().string_at(a.at(i));
        out.bools()[i] = re2::RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *e.regex);
      }
      break;
    }
    case Fn::coalesce: {
      for (auto& a : args) a = coerce(std::move(a), e.type, n_);
      out.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        const Datum* pick = nullptr;
        for (const auto& a : args) {
          if (a.valid(i)) {
            pick = &a;
            break;
          }
        }
        if (pick)
          out.append_from(pick->col(), pick->at(i));
        else
          out.append_null();
      }
      break;
    }
    case Fn::if_: {
      const Datum& cond = args[0];
      Datum yes = coerce(std::move(args[1]), e.type, n_);
      Datum no = coerce(std::move(args[2]), e.type, n_);
      out.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        // A null condition takes the else branch, as SQL's CASE WHEN does.
        const bool take_yes = cond.valid(i) && cond.col().bools()[cond.at(i)];
        const Datum& d = take_yes ? yes : no;
        out.append_from(d.col(), d.at(i));
      }
      break;
    }
    case Fn::to_number: {
      const Datum& a = args[0];
      out.resize_fixed(n);
      out.set_validity(validity_of(a, n));
      for (std::size_t i = 0; i < n; ++i) {
        if (!a.valid(i)) continue;
        if (a.type() == DataType::float64) {
          out.doubles()[i] = a.col().doubles()[a.at(i)];
        } else if (a.type() == DataType::string) {
          std::string_view s = a.col().string_at(a.at(i));
          while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
          while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
          double v = 0;
          const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
          if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v))
            out.set_null(i);
          else
            out.doubles()[i] = v;
        } else {
          out.doubles()[i] = static_cast<double>(a.col().ints()[a.at(i)]);
        }
      }
      break;
    }
    case Fn::to_string: {
      const Datum& a = args[0];
      out.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        if (!a.valid(i))
          out.append_null();
        else
          append_as_string(out, a.col(), a.at(i));
      }
      break;
    }
  }
  return owned(std::move(out), scalar);
}

}  // namespace

Result<Expression> Expression::compile(std::string_view text, const Schema& input) {
  TRIB_ASSIGN_OR_RETURN(std::unique_ptr<Expr> root, parse_expression(text));
  TRIB_RETURN_IF_ERROR(type_check(*root, input));
  Expression e;
  e.text_ = std::string(text);
  e.root_ = std::move(root);
  return e;
}

DataType Expression::type() const {
  return root_->type;
}

Column Expression::evaluate(const Batch& batch) const {
  Evaluator ev(batch);
  Datum d = ev.eval(*root_);
  const std::size_t n = batch.num_rows();
  if (!d.scalar) return d.ref ? *d.ref : std::move(d.owned);
  // Broadcast a constant result.
  Column out(root_->type);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.append_from(d.col(), 0);
  return out;
}

}  // namespace tributary::stream
