#!/usr/bin/env bash
# The two commands of the README, and the benchmarks:
#   ./tributary.sh run     install what is missing, build (Release), run the main job
#   ./tributary.sh test    install what is missing, build, run the whole suite with ctest
#                          (then the engine tests again under ASan+UBSan, then a minute of
#                          fuzzing the pipeline loader and the broker's request parser)
#   ./tributary.sh bench   install, build Release, run every benchmark (tests/bench/run-all)
# Works as root (apt-get) or as a user with sudo.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6 libgl-dev
  libsqlite3-dev libboost-dev nlohmann-json3-dev libsimdjson-dev libabsl-dev libre2-dev
  libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev libcli11-dev
  python3 python3-jsonschema clang libclang-rt-14-dev
  librdkafka-dev kcat redis-server redis-tools
)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "tributary: installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The kafkajs client the broker tests run (npm registry; node comes with the machine).
install_node_modules() {
  if ! command -v npm >/dev/null; then
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  (cd tests/engine/broker/kafkajs && npm ci --no-audit --no-fund --loglevel=error)
}

build() {
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" -j "$(nproc)"
}

cmd=${1:-}
shift || true
case "$cmd" in
  run)
    install_missing
    build release
    # With a display: the designer, running the IoT sample live. Without: the headless replay.
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec build/release/app/tributary --sample iot-sensors --speed 100 --run "$@"
    fi
    exec ./samples/run-headless.sh build/release/app/tributary-cli "$@"
    ;;
  test)
    install_missing
    install_node_modules
    build debug
    QT_QPA_PLATFORM=offscreen ctest --preset debug -j 2 "$@"
    build asan
    QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=1 ctest --preset asan -j 2 -L engine -E producer_crash "$@"
    # The pipeline loader under libFuzzer for a minute (clang; its own build tree).
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz -j "$(nproc)" --target fuzz_pipeline_loader fuzz_broker_request
    ctest --preset fuzz "$@"
    ;;
  bench)
    install_missing
    build release
    exec tests/bench/run-all "$@"
    ;;
  *)
    echo "usage: $0 run|test|bench" >&2
    exit 2
    ;;
esac
