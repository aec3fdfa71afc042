#!/usr/bin/env bash
# Runs a fuzzer for SECONDS from a fresh corpus of every sample and test pipeline (copied, so
# the sources stay untouched); any crash, leak, hang or sanitizer report fails the test and
# leaves the input in the working directory.
#   run-fuzzer.sh FUZZER SOURCE_DIR SECONDS
set -euo pipefail
fuzzer=$1 src=$2 seconds=$3
work=$(mktemp -d -t tributary-fuzz.XXXXXX)
mkdir -p "$work/corpus"
i=0
for f in "$src"/samples/*/pipeline.json "$src"/tests/nodes/pipelines/*.json; do
  cp "$f" "$work/corpus/seed-$i.json"
  i=$((i + 1))
done
cd "$work"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
  corpus 2>&1 | tail -n 20
echo "fuzzed for $seconds s from $i seed documents; corpus now $(ls corpus | wc -l) inputs"
rm -rf "$work"
