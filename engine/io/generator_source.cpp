#include "io/generator_source.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tributary::io {
namespace {

using T = DataType;

// splitmix64: a fixed, well-mixed 64-bit generator (the same sequence everywhere).
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  double normal() {  // Box-Muller, one value per call
    const double u = 1.0 - uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * uniform());
  }
};

std::string uuid(Rng& rng) {
  static const char* hex = "0123456789abcdef";
  std::string s(36, '-');
  std::uint64_t bits = rng.next(), more = rng.next();
  for (std::size_t i = 0, n = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) continue;
    s[i] = hex[(n < 16 ? bits >> (4 * n) : more >> (4 * (n - 16))) & 15];
    ++n;
  }
  return s;
}

std::string numbered(const char* prefix, std::uint64_t i, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%0*llu", prefix, width, static_cast<unsigned long long>(i));
  return buf;
}

class Generator final : public RowSource {
 public:
  Generator(const GeneratorPreset& preset, const GeneratorSpec& spec)
      : preset_(preset), spec_(spec), rng_{spec.seed * 0x2545F4914F6CDD1Dull + 1} {
    if (preset_.name == "ysb" || preset_.name == "ysb-campaigns") {
      // The ads and campaigns depend on the seed only, so both presets agree on them.
      Rng ids{spec.seed ^ 0x5953420000000000ull};
      for (int c = 0; c < 100; ++c) campaigns_.push_back(uuid(ids));
      for (int a = 0; a < 1000; ++a) ads_.push_back(uuid(ids));
      for (int u = 0; u < 100; ++u) users_.push_back(uuid(ids)), pages_.push_back(uuid(ids));
      // The table has one row per ad; a count bounds it like any other preset.
      if (preset_.name == "ysb-campaigns")
        spec_.count = spec_.count > 0 ? std::min<std::int64_t>(spec_.count, 1000) : 1000;
    }
    if (preset_.name == "ticks") {
      for (int s = 0; s < 10; ++s) prices_.push_back(50.0 + 25.0 * s);
    }
    if (preset_.name == "clicks") {
      for (int u = 0; u < 8; ++u) active_.push_back(u);
    }
  }

  const Schema& schema() const override { return preset_.schema; }
  bool done() const override { return spec_.count > 0 && next_ >= spec_.count; }
  std::int64_t position() const override { return next_; }

  Status seek(std::int64_t n) override {
    // Rows depend on the ones before (random walks, sessions): generate and drop.
    Batch scratch(preset_.schema);
    std::vector<DeadLetter> none;
    while (next_ < n && !done()) {
      scratch = Batch(preset_.schema);
      TRIB_RETURN_IF_ERROR(
          next(static_cast<std::size_t>(std::min<std::int64_t>(n - next_, 4096)), scratch, none));
    }
    return {};
  }

  Status next(std::size_t max, Batch& out, std::vector<DeadLetter>&) override {
    for (std::size_t i = 0; i < max && !done(); ++i, ++next_) row(out);
    return {};
  }

 private:
  std::int64_t time_of(std::int64_t i) const {
    // i * 1000 is exact and one division rounds once: a whole number of ms stays whole
    // (i * (1000 / rate) put row 195 at 3 rows/s 1 ms early).
    const double ms =
        spec_.rate > 0 ? static_cast<double>(i) * 1000.0 / spec_.rate : static_cast<double>(i);
    return kGeneratorEpochMs + static_cast<std::int64_t>(std::floor(ms));
  }

  void row(Batch& out) {
    const std::int64_t t = time_of(next_);
    auto s = [&](std::size_t c, std::string_view v) { out.column(c).append_string(v); };
    auto d = [&](std::size_t c, double v) {
      out.column(c).append_double(std::round(v * 1e4) / 1e4);
    };
    auto n = [&](std::size_t c, std::int64_t v) { out.column(c).append_int(v); };
    const std::string& p = preset_.name;
    if (p == "sensors") {
      const auto device = rng_.below(20);
      const double daily =
          3.0 * std::sin(static_cast<double>(t % 86'400'000) / 86'400'000.0 * 6.283185307179586);
      double temperature = 18.0 + static_cast<double>(device % 5) + daily + 0.4 * rng_.normal();
      if (rng_.below(1000) == 0) temperature += 15.0 + 5.0 * rng_.uniform();  // a rare fault
      s(0, numbered("device-", device, 2));
      n(1, t);
      d(2, temperature);
      d(3, 45.0 + 10.0 * rng_.uniform());
    } else if (p == "clicks") {
      // A pool of active users that turns over slowly: each user's clicks come in sessions.
      if (rng_.below(40) == 0) active_[rng_.below(active_.size())] = rng_.below(200);
      const auto user = active_[rng_.below(active_.size())];
      s(0, numbered("user-", user, 3));
      s(1, numbered("/page/", rng_.below(30), 2));
      s(2, rng_.below(4) == 0 ? "click" : "view");
      n(3, t);
    } else if (p == "ticks") {
      const auto symbol = rng_.below(prices_.size());
      static const char* names[] = {"AAPL", "AMZN", "GOOG", "MSFT", "NVDA",
                                    "META", "TSLA", "ORCL", "INTC", "IBM"};
      double& price = prices_[symbol];
      price = std::max(1.0, price * (1.0 + 0.001 * rng_.normal()));
      s(0, names[symbol]);
      d(1, price);
      n(2, 1 + static_cast<std::int64_t>(rng_.below(1000)));
      n(3, t);
    } else if (p == "trips") {
      static const double spots[4][2] = {
          {40.7580, -73.9855}, {40.6413, -73.7781}, {40.7128, -74.0060}, {40.7794, -73.9632}};
      const auto& spot = spots[rng_.below(4)];
      const double plat = spot[0] + 0.01 * rng_.normal(), plon = spot[1] + 0.01 * rng_.normal();
      const double dlat = 40.70 + 0.15 * rng_.uniform(), dlon = -74.02 + 0.2 * rng_.uniform();
      s(0, numbered("trip-", static_cast<std::uint64_t>(next_), 8));
      d(1, plat);
      d(2, plon);
      d(3, dlat);
      d(4, dlon);
      d(5, 3.0 + 90.0 * std::hypot(plat - dlat, plon - dlon) + 2.0 * rng_.uniform());
      n(6, t);
    } else if (p == "ysb") {
      static const char* ad_types[] = {"banner", "modal", "sponsored-search", "mail", "mobile"};
      static const char* event_types[] = {"view", "click", "purchase"};
      s(0, users_[rng_.below(100)]);
      s(1, pages_[rng_.below(100)]);
      s(2, ads_[rng_.below(1000)]);
      s(3, ad_types[rng_.below(5)]);
      s(4, event_types[rng_.below(3)]);
      n(5, t);
      s(6, numbered("10.0.0.", rng_.below(250), 1));
    } else if (p == "ysb-campaigns") {
      s(0, ads_[static_cast<std::size_t>(next_)]);
      s(1, campaigns_[static_cast<std::size_t>(next_) / 10]);
    } else {  // nexmark bids
      static const char* channels[] = {"apple", "google", "facebook", "baidu"};
      const auto hot = rng_.below(100) < 80;
      n(0, 1000 + static_cast<std::int64_t>(hot ? rng_.below(10) : rng_.below(1000)));
      n(1, 1 + static_cast<std::int64_t>(rng_.below(5000)));
      n(2, 100 + static_cast<std::int64_t>(rng_.below(100'000)));
      s(3, channels[rng_.below(4)]);
      n(4, t);
    }
  }

  GeneratorPreset preset_;
  GeneratorSpec spec_;
  Rng rng_;
  std::int64_t next_ = 0;
  std::vector<std::string> campaigns_, ads_, users_, pages_;
  std::vector<double> prices_;
  std::vector<std::uint64_t> active_;
};

}  // namespace

const std::vector<GeneratorPreset>& generator_presets() {
  static const std::vector<GeneratorPreset> presets = {
      {"sensors", "IoT readings: temperature and humidity of 20 devices, with rare faults",
       Schema({{"device", T::string},
               {"ts", T::timestamp},
               {"temperature", T::float64},
               {"humidity", T::float64}}),
       "ts"},
      {"clicks", "Clickstream: page views and clicks of users in sessions",
       Schema(
           {{"user", T::string}, {"page", T::string}, {"action", T::string}, {"ts", T::timestamp}}),
       "ts"},
      {"ticks", "Stock ticks: price (a random walk) and volume of 10 symbols",
       Schema({{"symbol", T::string},
               {"price", T::float64},
               {"volume", T::int64},
               {"ts", T::timestamp}}),
       "ts"},
      {"trips", "Taxi trips: pickups around four hot spots of New York, drop-off, fare",
       Schema({{"trip_id", T::string},
               {"pickup_lat", T::float64},
               {"pickup_lon", T::float64},
               {"dropoff_lat", T::float64},
               {"dropoff_lon", T::float64},
               {"fare", T::float64},
               {"ts", T::timestamp}}),
       "ts"},
      {"ysb", "Yahoo Streaming Benchmark ad events (100 campaigns x 10 ads)",
       Schema({{"user_id", T::string},
               {"page_id", T::string},
               {"ad_id", T::string},
               {"ad_type", T::string},
               {"event_type", T::string},
               {"event_time", T::timestamp},
               {"ip_address", T::string}}),
       "event_time"},
      {"ysb-campaigns", "The ad -> campaign table of the Yahoo Streaming Benchmark (1,000 rows)",
       Schema({{"ad_id", T::string}, {"campaign_id", T::string}}), ""},
      {"nexmark", "Nexmark bids: auction (80% on 10 hot ones), bidder, price in cents, channel",
       Schema({{"auction", T::int64},
               {"bidder", T::int64},
               {"price", T::int64},
               {"channel", T::string},
               {"ts", T::timestamp}}),
       "ts"},
  };
  return presets;
}

const GeneratorPreset* find_generator_preset(const std::string& name) {
  for (const auto& p : generator_presets()) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

Result<std::unique_ptr<RowSource>> make_generator(const GeneratorSpec& spec) {
  const GeneratorPreset* preset = find_generator_preset(spec.preset);
  if (!preset)
    return error(ErrorCode::invalid_argument, "preset: unknown preset '" + spec.preset + "'");
  if (spec.rate < 0) return error(ErrorCode::invalid_argument, "rate: must not be negative");
  if (spec.count < 0) return error(ErrorCode::invalid_argument, "count: must not be negative");
  return std::unique_ptr<RowSource>(std::make_unique<Generator>(*preset, spec));
}

}  // namespace tributary::io
