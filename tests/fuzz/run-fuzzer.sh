#!/usr/bin/env bash
# Runs a fuzzer for SECONDS from a fresh corpus of the seed files (copied, so the sources stay
# untouched); any crash, leak, hang or sanitizer report fails the test and leaves the input in
# the working directory.
#   run-fuzzer.sh FUZZER SECONDS MAX_LEN SEED-PATTERN...
set -euo pipefail
fuzzer=$1 seconds=$2 max_len=$3
shift 3
work=$(mktemp -d -t tributary-fuzz.XXXXXX)
mkdir -p "$work/corpus"
i=0
# ctest passes the seed patterns unexpanded: expand them here.
for pattern in "$@"; do
  for f in $pattern; do
    cp "$f" "$work/corpus/seed-$i"
    i=$((i + 1))
  done
done
cd "$work"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  corpus 2>&1 | tail -n 20
echo "fuzzed for $seconds s from $i seeds; corpus now $(ls corpus | wc -l) inputs"
rm -rf "$work"
