#!/usr/bin/env bash
# The main job without a display: the ad-events sample (the Yahoo Streaming Benchmark) run
# headless by tributary-cli, with its plan, a progress line and the results.
# Usage: samples/run-headless.sh PATH/TO/tributary-cli [DATA_DIR]
set -euo pipefail
cli=$1
data=${2:-$(mktemp -d -t tributary-run.XXXXXX)}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d -t tributary-sample.XXXXXX)
cp "$here"/ad-events/pipeline.json "$work"/
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "The pipeline: $here/ad-events/pipeline.json"
"$cli" explain "$work"/pipeline.json
step "Running it (data dir $data)"
"$cli" --data-dir "$data" run "$work"/pipeline.json
step "Results: views per campaign per 10 s window (first 10 of $(wc -l <"$work"/out/campaign-counts.jsonl))"
head -n 10 "$work"/out/campaign-counts.jsonl
echo
echo "Output: $work/out/campaign-counts.jsonl. The other samples: $here/README.md"
