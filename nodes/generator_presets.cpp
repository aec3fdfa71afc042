#include "generator_presets.h"

namespace tributary::nodes {

const std::vector<GeneratorPreset>& generator_presets() {
  using T = DataType;
  static const std::vector<GeneratorPreset> presets = {
      {"sensors", "IoT readings: temperature and humidity per device, with rare spikes",
       Schema({{"device", T::string},
               {"ts", T::timestamp},
               {"temperature", T::float64},
               {"humidity", T::float64}}),
       "ts"},
      {"clicks", "Clickstream: page views and clicks of users in sessions",
       Schema(
           {{"user", T::string}, {"page", T::string}, {"action", T::string}, {"ts", T::timestamp}}),
       "ts"},
      {"ticks", "Stock ticks: price and volume per symbol, a random walk",
       Schema({{"symbol", T::string},
               {"price", T::float64},
               {"volume", T::int64},
               {"ts", T::timestamp}}),
       "ts"},
      {"trips", "Taxi trips: pickup and drop-off coordinates around a few hot spots, fare",
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
      {"nexmark", "Nexmark bids: auction, bidder, price (in cents), channel",
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

}  // namespace tributary::nodes
