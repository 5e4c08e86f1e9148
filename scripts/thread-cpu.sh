#!/bin/bash
# Runs a command with its output to /dev/null and prints its wall time and the CPU time of each of
# its threads (utime + stime from /proc/PID/task/*/stat, read every 50 ms until it ends): which
# thread of a pipelined command (the JSON export) is the bound, whatever else the machine runs.
#
#   scripts/thread-cpu.sh .build/release/funnel export --format json --db .bench/bench.sqlite
set -u
ticks=$(getconf CLK_TCK)
start=$(date +%s%N)
"$@" > /dev/null &
pid=$!
declare -A seen
while kill -0 "$pid" 2>/dev/null; do
  for task in /proc/"$pid"/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    fields=(${stat##*) })
    seen[${task##*/}]="${fields[11]} ${fields[12]}"
  done
  sleep 0.05
done
wait "$pid"
code=$?
end=$(date +%s%N)
echo "exit $code, wall $(( (end - start) / 1000000 )) ms"
for tid in "${!seen[@]}"; do
  read -r user system <<< "${seen[$tid]}"
  [ $((user + system)) -eq 0 ] && continue
  awk -v t="$tid" -v u="$user" -v s="$system" -v hz="$ticks" \
    'BEGIN { printf "thread %s: %.2f s CPU (user %.2f, system %.2f)\n", t, (u + s) / hz, u / hz, s / hz }'
done
