#!/usr/bin/env bash
# The main job until the designer exists: a tour of the persistent log with tributary-cli.
# Usage: samples/log-demo.sh PATH/TO/tributary-cli [DATA_DIR]
set -euo pipefail
cli=$1
data=${2:-$(mktemp -d -t tributary-demo.XXXXXX)}
t() { "$cli" "$@" --data-dir "$data"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Data directory: $data"
t topic create clicks --partitions 3 --flush interval >/dev/null || true
t topic describe clicks

step "Producing 200,000 keyed click events (key = user)"
start=$(date +%s%N)
awk 'BEGIN { srand(7); for (i = 0; i < 200000; i++) {
       u = int(rand() * 1000); printf "user-%d|{\"user\":\"user-%d\",\"page\":%d,\"ts\":%.0f}\n", u, u, int(rand()*50), 1700000000000 + i }
     }' | t produce clicks --key-separator '|'
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "appended 200000 records in ${ms} ms"
t topic describe clicks

step "The first records of partition 0 (offset, key, value)"
t consume clicks --partition 0 --from-beginning --max 5 --print-offset --print-key --exit-at-end

step "A consumer group reads everything and commits its offsets"
start=$(date +%s%N)
n=$(t consume clicks --group dashboard --from-beginning --exit-at-end | wc -l)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "group 'dashboard' read $n records in ${ms} ms"
t group describe dashboard

step "1,000 more events arrive: the group now lags"
seq 1 1000 | awk '{ printf "user-%d|{\"late\":%d}\n", $1 % 10, $1 }' | t produce clicks --key-separator '|'
t group describe dashboard

step "Done. Explore further with: $cli consume clicks --from-beginning --data-dir $data"
