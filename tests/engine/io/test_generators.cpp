// source.generator: every preset's rows fit its schema, are the same for the same seed, can be
// skipped to (seek) as a restarted ingest task does, and look like what the preset promises.
#include <QtTest>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "io/generator_source.h"
#include "io/json_encoder.h"

using namespace tributary;
using namespace tributary::io;

namespace {

std::unique_ptr<RowSource> generator(const std::string& preset, std::uint64_t seed,
                                     std::int64_t count, double rate = 1000) {
  GeneratorSpec spec;
  spec.preset = preset;
  spec.seed = seed;
  spec.count = count;
  spec.rate = rate;
  auto g = make_generator(spec);
  if (!g.ok()) qFatal("make_generator(%s): %s", preset.c_str(), g.status().message().c_str());
  return std::move(g).value();
}

// Reads up to `rows` rows in uneven steps, so that step sizes cannot change what comes out.
Batch take(RowSource& source, std::int64_t rows) {
  Batch out(source.schema());
  std::vector<DeadLetter> dead;
  std::size_t step = 1;
  while (static_cast<std::int64_t>(out.num_rows()) < rows && !source.done()) {
    const auto left = static_cast<std::size_t>(rows - static_cast<std::int64_t>(out.num_rows()));
    const Status st = source.next(std::min(step, left), out, dead);
    if (!st.ok()) qFatal("next: %s", st.message().c_str());
    step = step * 3 + 1;
  }
  if (!dead.empty()) qFatal("a generator produced a dead letter: %s", dead.front().reason.c_str());
  return out;
}

std::vector<std::string> lines_of(const Batch& batch) {
  std::vector<std::string> lines;
  std::istringstream in(encode_json_lines(batch));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t column_of(const Batch& b, const char* name) {
  const auto at = b.schema().index_of(name);
  if (!at) qFatal("no field %s", name);
  return *at;
}

}  // namespace

class TestGenerators : public QObject {
  Q_OBJECT
 private slots:
  void presets_data() {
    QTest::addColumn<QString>("preset");
    for (const auto& p : generator_presets())
      QTest::newRow(p.name.c_str()) << QString::fromStdString(p.name);
  }

  void rows_fit_the_schema_without_nulls_data() { presets_data(); }
  void rows_fit_the_schema_without_nulls() {
    QFETCH(QString, preset);
    const GeneratorPreset* p = find_generator_preset(preset.toStdString());
    QVERIFY(p);
    auto g = generator(p->name, 3, 900);
    QCOMPARE(g->schema(), p->schema);
    const Batch b = take(*g, 900);
    QCOMPARE(b.schema(), p->schema);
    QCOMPARE(b.num_rows(), std::size_t(900));
    for (std::size_t c = 0; c < b.num_columns(); ++c) {
      QCOMPARE(b.column(c).type(), p->schema.field(c).type);
      QCOMPARE(b.column(c).size(), std::size_t(900));
      QVERIFY2(b.column(c).null_count() == 0, p->schema.field(c).name.c_str());
    }
    if (!p->time_field.empty()) {
      const auto t = p->schema.index_of(p->time_field);
      QVERIFY(t);
      QCOMPARE(p->schema.field(*t).type, DataType::timestamp);
    }
  }

  void same_seed_same_rows_data() { presets_data(); }
  void same_seed_same_rows() {
    QFETCH(QString, preset);
    const std::string name = preset.toStdString();
    auto a = generator(name, 11, 3000);
    auto b = generator(name, 11, 3000);
    auto c = generator(name, 12, 3000);
    const std::string ja = encode_json_lines(take(*a, 3000));
    const std::string jb = encode_json_lines(take(*b, 3000));
    const std::string jc = encode_json_lines(take(*c, 3000));
    QVERIFY(!ja.empty());
    QVERIFY2(ja == jb, "the same seed gave different rows");
    QVERIFY2(ja != jc, "different seeds gave the same rows");
  }

  void seek_continues_like_a_fresh_run_data() { presets_data(); }
  void seek_continues_like_a_fresh_run() {
    QFETCH(QString, preset);
    const std::string name = preset.toStdString();
    const auto all = lines_of(take(*generator(name, 5, 0), 5000));
    const std::size_t expected_rows = name == "ysb-campaigns" ? 1000 : 5000;
    QCOMPARE(all.size(), expected_rows);
    for (std::int64_t n : {0, 1, 777, 4096, 4097, 999}) {
      auto g = generator(name, 5, 0);
      QVERIFY(g->seek(n).ok());
      QCOMPARE(g->position(), std::min<std::int64_t>(n, static_cast<std::int64_t>(all.size())));
      const auto rest = lines_of(take(*g, 5000 - n));
      const std::vector<std::string> want(all.begin() + std::min<std::int64_t>(n, all.size()),
                                          all.end());
      const std::vector<std::string> got(rest.begin(),
                                         rest.begin() + std::min(rest.size(), want.size()));
      QVERIFY2(got == want, ("after seek(" + std::to_string(n) + ")").c_str());
    }
  }

  void count_bounds_the_stream_data() { presets_data(); }
  void count_bounds_the_stream() {
    QFETCH(QString, preset);
    auto g = generator(preset.toStdString(), 1, 25);
    QVERIFY(!g->done());
    Batch b(g->schema());
    std::vector<DeadLetter> dead;
    QVERIFY(g->next(10, b, dead).ok());
    QCOMPARE(b.num_rows(), std::size_t(10));
    QVERIFY(!g->done());
    QVERIFY(g->next(100, b, dead).ok());
    QCOMPARE(b.num_rows(), std::size_t(25));
    QVERIFY(g->done());
    QCOMPARE(g->position(), std::int64_t(25));
    QVERIFY(g->next(100, b, dead).ok());
    QCOMPARE(b.num_rows(), std::size_t(25));
    // Seeking past the end stops at the end.
    auto h = generator(preset.toStdString(), 1, 25);
    QVERIFY(h->seek(1000).ok());
    QVERIFY(h->done());
    QCOMPARE(h->position(), std::int64_t(25));
  }

  void unbounded_without_count() {
    auto g = generator("clicks", 1, 0);
    const Batch b = take(*g, 20000);
    QCOMPARE(b.num_rows(), std::size_t(20000));
    QVERIFY(!g->done());
    // The campaign table has its 1,000 rows and ends.
    auto c = generator("ysb-campaigns", 1, 0);
    QCOMPARE(take(*c, 5000).num_rows(), std::size_t(1000));
    QVERIFY(c->done());
  }

  void event_times_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<double>("rate");
    for (const char* p : {"sensors", "clicks", "ticks", "trips", "ysb", "nexmark"}) {
      for (double rate : {1000.0, 10.0, 3.0, 0.0, 250000.0, 7.0, 600.0}) {
        QTest::newRow((std::string(p) + " @" + std::to_string(rate)).c_str()) << QString(p) << rate;
      }
    }
  }
  void event_times() {
    QFETCH(QString, preset);
    QFETCH(double, rate);
    const GeneratorPreset* p = find_generator_preset(preset.toStdString());
    auto g = generator(p->name, 9, 2000, rate);
    const Batch b = take(*g, 2000);
    const std::int64_t* ts = b.column(*p->schema.index_of(p->time_field)).ints();
    // Row i at floor(i * 1000 / rate) ms, exactly (the rates here are whole numbers).
    const auto r = static_cast<std::int64_t>(rate);
    for (std::size_t i = 0; i < b.num_rows(); ++i) {
      const auto n = static_cast<std::int64_t>(i);
      const auto want = kGeneratorEpochMs + (r > 0 ? n * 1000 / r : n);
      if (ts[i] != want)
        QFAIL(("row " + std::to_string(i) + ": " + std::to_string(ts[i]) +
               " != " + std::to_string(want))
                  .c_str());
    }
    QCOMPARE(ts[0], kGeneratorEpochMs);
    QCOMPARE(kGeneratorEpochMs, std::int64_t(1767225600000));  // 2026-01-01T00:00:00Z
  }

  void ysb_ads_are_in_the_campaign_table() {
    const Batch events = take(*generator("ysb", 7, 20000), 20000);
    const Batch table = take(*generator("ysb-campaigns", 7, 0), 1000);
    QCOMPARE(table.num_rows(), std::size_t(1000));
    std::map<std::string, std::string> campaign_of;
    std::map<std::string, int> ads_per_campaign;
    for (std::size_t r = 0; r < table.num_rows(); ++r) {
      const std::string ad(table.column(0).string_at(r)), campaign(table.column(1).string_at(r));
      QVERIFY2(campaign_of.emplace(ad, campaign).second, "an ad listed twice");
      ++ads_per_campaign[campaign];
      QCOMPARE(ad.size(), std::size_t(36));
    }
    QCOMPARE(ads_per_campaign.size(), std::size_t(100));
    for (const auto& [c, n] : ads_per_campaign) QCOMPARE(n, 10);
    const std::size_t ad = column_of(events, "ad_id");
    std::set<std::string> seen;
    for (std::size_t r = 0; r < events.num_rows(); ++r) {
      const std::string id(events.column(ad).string_at(r));
      QVERIFY2(campaign_of.count(id), ("ad " + id + " has no campaign").c_str());
      seen.insert(id);
    }
    QVERIFY(seen.size() > 900);  // 20,000 events over 1,000 ads reach nearly all of them
    // Another seed, other ads.
    const Batch other = take(*generator("ysb-campaigns", 8, 0), 1000);
    std::size_t shared = 0;
    for (std::size_t r = 0; r < other.num_rows(); ++r)
      shared += campaign_of.count(std::string(other.column(0).string_at(r)));
    QCOMPARE(shared, std::size_t(0));
  }

  void sensors_look_like_sensors() {
    const Batch b = take(*generator("sensors", 1, 100000), 100000);
    const double* temp = b.column(column_of(b, "temperature")).doubles();
    const double* hum = b.column(column_of(b, "humidity")).doubles();
    std::set<std::string> devices;
    int spikes = 0;
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      devices.insert(std::string(b.column(0).string_at(r)));
      // Normal readings stay within 18 + 4 (device) + 3 (daily) + a few sigma of 0.4.
      if (temp[r] > 30.0) ++spikes;
      QVERIFY(temp[r] > 10.0 && temp[r] < 50.0);
      QVERIFY(hum[r] >= 45.0 && hum[r] <= 55.0);
    }
    QCOMPARE(devices.size(), std::size_t(20));
    QVERIFY2(spikes >= 20 && spikes <= 300, std::to_string(spikes).c_str());  // ~1 in 1,000
  }

  void clicks_come_in_sessions() {
    const Batch b = take(*generator("clicks", 1, 100000), 100000);
    const std::size_t user = column_of(b, "user"), action = column_of(b, "action");
    const std::int64_t* ts = b.column(column_of(b, "ts")).ints();
    std::map<std::string, std::int64_t> last;
    std::set<std::string> long_gap, short_gap;
    int clicks = 0;
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      const std::string u(b.column(user).string_at(r));
      if (auto it = last.find(u); it != last.end()) {
        const std::int64_t gap = ts[r] - it->second;
        if (gap > 30000) long_gap.insert(u);
        if (gap < 5000) short_gap.insert(u);
      }
      last[u] = ts[r];
      const auto a = b.column(action).string_at(r);
      QVERIFY(a == "click" || a == "view");
      clicks += a == "click";
    }
    // A user is active for a while (clicks close together), leaves, and comes back later.
    std::size_t both = 0;
    for (const auto& u : long_gap) both += short_gap.count(u);
    QVERIFY2(both > 0, "no user with a session, a break of 30 s and another session");
    QVERIFY(last.size() > 50 && last.size() <= 200);
    QVERIFY2(clicks > 20000 && clicks < 30000, std::to_string(clicks).c_str());
  }

  void ticks_walk() {
    const Batch b = take(*generator("ticks", 1, 50000), 50000);
    const double* price = b.column(column_of(b, "price")).doubles();
    const std::int64_t* volume = b.column(column_of(b, "volume")).ints();
    std::map<std::string, double> last;
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      const std::string s(b.column(0).string_at(r));
      QVERIFY(price[r] >= 1.0);
      QVERIFY(volume[r] >= 1 && volume[r] <= 1000);
      if (auto it = last.find(s); it != last.end()) {
        QVERIFY2(std::abs(price[r] / it->second - 1.0) < 0.01, "a tick moved more than 1%");
      }
      last[s] = price[r];
    }
    QCOMPARE(last.size(), std::size_t(10));
  }

  void trips_stay_in_new_york() {
    const Batch b = take(*generator("trips", 1, 20000), 20000);
    std::set<std::string> ids;
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      ids.insert(std::string(b.column(0).string_at(r)));
      for (const char* f : {"pickup_lat", "dropoff_lat"}) {
        const double v = b.column(column_of(b, f)).doubles()[r];
        QVERIFY(v > 40.5 && v < 40.95);
      }
      for (const char* f : {"pickup_lon", "dropoff_lon"}) {
        const double v = b.column(column_of(b, f)).doubles()[r];
        QVERIFY(v > -74.2 && v < -73.6);
      }
      const double fare = b.column(column_of(b, "fare")).doubles()[r];
      QVERIFY(fare >= 3.0 && fare < 100.0);
    }
    QCOMPARE(ids.size(), b.num_rows());
  }

  void ysb_values() {
    const Batch b = take(*generator("ysb", 1, 20000), 20000);
    const std::set<std::string> ad_types = {"banner", "modal", "sponsored-search", "mail",
                                            "mobile"};
    const std::set<std::string> events = {"view", "click", "purchase"};
    std::set<std::string> users;
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      QVERIFY(ad_types.count(std::string(b.column(column_of(b, "ad_type")).string_at(r))));
      QVERIFY(events.count(std::string(b.column(column_of(b, "event_type")).string_at(r))));
      QVERIFY(b.column(column_of(b, "ip_address")).string_at(r).starts_with("10.0.0."));
      users.insert(std::string(b.column(0).string_at(r)));
    }
    QCOMPARE(users.size(), std::size_t(100));
  }

  void nexmark_has_hot_auctions() {
    const Batch b = take(*generator("nexmark", 1, 50000), 50000);
    const std::int64_t* auction = b.column(column_of(b, "auction")).ints();
    const std::int64_t* price = b.column(column_of(b, "price")).ints();
    int hot = 0;
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      QVERIFY(auction[r] >= 1000 && auction[r] < 2000);
      QVERIFY(price[r] >= 100 && price[r] < 100100);
      hot += auction[r] < 1010;
    }
    // 80% pick a hot auction, and a few of the others land on one by chance.
    QVERIFY2(hot > 39000 && hot < 42000, std::to_string(hot).c_str());
  }

  void bad_specs_are_refused() {
    GeneratorSpec spec;
    spec.preset = "nope";
    auto r = make_generator(spec);
    QVERIFY(!r.ok());
    QVERIFY(r.status().message().find("nope") != std::string::npos);
    spec.preset = "clicks";
    spec.rate = -1;
    QVERIFY(!make_generator(spec).ok());
    spec.rate = 1;
    spec.count = -5;
    QVERIFY(!make_generator(spec).ok());
  }
};

QTEST_APPLESS_MAIN(TestGenerators)
#include "test_generators.moc"
