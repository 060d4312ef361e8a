#!/usr/bin/env bash
# P5, footprint (docs/bench/README.md): how long WildFly takes from its start until tlim.ear is
# deployed and ready (the .deployed marker, and /health/ready on the management port answering
# UP), on PostgreSQL and on the embedded H2 default, a first boot (schema made by the service)
# and then the median of N starts on the same base directory; the EAR's size and its biggest
# parts; the provisioned server's size on disk; and WildFly's heap during bench/run.sh's P1 load
# (jstat every second: the most used, and the heap left after each collection).
# Writes docs/bench/footprint-<yyyy-MM-dd-HHmm>.md / .csv. Load averages stand beside the times.
#
#   bench/footprint.sh              3 starts each, then bench/run.sh (quick) for the heap
#   options: --starts N  --no-load (leave out the P1 heap)  --label TEXT
#   BENCH_PORT_OFFSET               WildFly's port offset (default 200, as run.sh)
#
# Everything it starts is stopped on exit. State lives in bench/target/footprint.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$here/target/footprint
source "$here/scale-env.sh"

starts=3 load=yes
scale_option() {
  case "$1" in
    --starts) starts=$2 took=2 ;;
    --no-load) load=no ;;
    *) return 1 ;;
  esac
}
scale_parse "$@"
scale_begin
md=$out_dir/footprint-$stamp.md
csv=$out_dir/footprint-$stamp.csv
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

echo "==> P5: footprint, $starts starts per database, WildFly port offset $offset"
scale_start_services
echo "what,database,start,seconds_to_deployed,seconds_to_ready,load_1m,load_5m,load_15m" >"$csv"

# boot <database> <label>: one start on this run's base directory, timed from the launch to the
# .deployed marker and to /health/ready answering UP; then a graceful stop
boot() {
  local t0 deployed="" ready="" now
  t0=$(date +%s.%N)
  if [ "$1" = h2 ]; then
    # the embedded default's URL, spelt out because the launch sets PostgreSQL's by default
    scale_launch_wildfly TLIM_DB_DRIVER=h2 TLIM_DB_USER=sa TLIM_DB_PASSWORD=sa \
      "TLIM_DB_URL=jdbc:h2:file:$work/wildfly/data/tlim/tlim;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
  else
    scale_launch_wildfly
  fi
  while [ -z "$ready" ]; do
    now=$(date +%s.%N)
    if [ -z "$deployed" ] && [ -f "$work/wildfly/deployments/tlim.ear.deployed" ]; then
      deployed=$(echo "$now - $t0" | bc)
    fi
    if curl -fsS --max-time 1 "http://127.0.0.1:$management_port/health/ready" 2>/dev/null | grep -q '"status" *: *"UP"'; then
      ready=$(echo "$now - $t0" | bc)
      [ -n "$deployed" ] || deployed=$ready
    fi
    if [ -f "$work/wildfly/deployments/tlim.ear.failed" ] || ! kill -0 "$wildfly_pid" 2>/dev/null \
      || [ "$(echo "$now - $t0 > 300" | bc)" = 1 ]; then
      echo "tlim.ear not ready; see $work/wildfly/log/server.log" >&2; exit 1
    fi
    sleep 0.1
  done
  printf '%s,%s,%s,%.2f,%.2f,%s\n' boot "$1" "$2" "$deployed" "$ready" "$(loadavg | tr ' ' ,)" >>"$csv"
  echo "$1 $2: deployed after $deployed s, ready after $ready s (load $(loadavg))"
  scale_stop_wildfly
}

# each database on a base directory of its own: the first boot creates the schema
for database in postgresql h2; do
  rm -rf "$work/wildfly"
  boot "$database" first
  for i in $(seq 1 "$starts"); do boot "$database" "$i"; done
  cp "$work/wildfly/log/server.log" "$work/server-$database.log"
done

# ---- heap at P1 load ---------------------------------------------------------------------------
heap_line="not measured (--no-load)"
if [ "$load" = yes ]; then
  scale_cleanup
  trap - INT TERM EXIT
  echo "==> bench/run.sh (quick) for the heap at P1 load, sampled with jstat every second"
  rm -f "$here/target/run/wildfly.pid"
  (BENCH_PORT_OFFSET=$offset bash "$here/run.sh" >"$work/run.out" 2>&1) &
  run_pid=$!
  until [ -s "$here/target/run/wildfly.pid" ] || ! kill -0 "$run_pid" 2>/dev/null; do sleep 1; done
  if [ -s "$here/target/run/wildfly.pid" ]; then
    jstat -gc "$(cat "$here/target/run/wildfly.pid")" 1000 >"$work/jstat.txt" 2>&1 || true
  fi
  run_status=0
  wait "$run_pid" || run_status=$?
  # G1's columns: S0U S1U EU OU are the used parts of the heap (KB); a sample below the one
  # before it follows a collection, so it is the heap left after that collection
  heap_line=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ {
      used = ($3 + $4 + $6 + $8) / 1024; n++
      if (used > peak) peak = used
      if (n > 1 && used < last) { after[++m] = used; if (used > maxafter) maxafter = used }
      last = used }
    END { if (n == 0) { print "no samples"; exit }
      printf "%d samples; most used %.0f MB; after a collection: %d collections, at most %.0f MB, the last %.0f MB", n, peak, m, maxafter, after[m] }' "$work/jstat.txt")
  echo "heap during P1: $heap_line (bench/run.sh status $run_status)"
  echo "heap_mb,what,,most_used,most_after_collection" >>"$csv"
  awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = ($3 + $4 + $6 + $8) / 1024; n++
      if (used > peak) peak = used
      if (n > 1 && used < last && used > after) after = used
      last = used }
    END { printf "heap_mb,postgresql,P1,%.0f,%.0f\n", peak, after }' "$work/jstat.txt" >>"$csv"
  heap_line="$heap_line; bench/run.sh exit status $run_status, its results $(grep -o 'docs/bench/results-[0-9-]*\.md' "$work/run.out" | head -1 || true)"
fi

# ---- sizes -------------------------------------------------------------------------------------
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
times() { awk -F, -v db="$1" -v col="$2" '$1 == "boot" && $2 == db && $3 != "first" { print $col }' "$csv"; }
first() { awk -F, -v db="$1" -v col="$2" '$1 == "boot" && $2 == db && $3 == "first" { print $col }' "$csv"; }
ear_bytes=$(stat -c %s "$ear")
server_mb=$(du -sm "$home" | cut -f1)
{
  [ -z "$label" ] || printf '**%s.**\n\n' "$label"
  echo "# Footprint (P5), $stamp"
  echo
  echo "Command: \`bench/footprint.sh$command_line\`. $(scale_facts)."
  echo
  echo "## WildFly start to tlim.ear ready (target < 10 s)"
  echo
  echo "From launching \`standalone.sh\` to the \`tlim.ear.deployed\` marker and to \`/health/ready\` on the management port answering UP; the median of $starts starts on the same base directory, after a first boot that made the schema. Every start's load average is in the CSV."
  echo
  echo "| database | median to deployed | median to ready | first boot (schema) to ready | load average over the starts (1 min) |"
  echo "|---|---:|---:|---:|---|"
  for database in postgresql h2; do
    echo "| $database | $(times $database 4 | median) s | $(times $database 5 | median) s | $(first $database 5) s | $(times $database 6 | sort -n | sed -n '1p;$p' | paste -sd- -) |"
  done
  echo
  echo "## Heap at P1 load (target < 512 MB)"
  echo
  echo "WildFly runs with \`-Xms512m -Xmx1g\`. jstat every second during \`bench/run.sh\` (quick): $heap_line."
  echo
  echo "## Sizes"
  echo
  echo "- \`tlim.ear\`: $(awk -v b="$ear_bytes" 'BEGIN { printf "%.1f MB (%d bytes)", b / 1048576, b }'); its biggest parts:"
  echo
  echo '| part | bytes |'
  echo '|---|---:|'
  unzip -l "$ear" | awk '$4 ~ /\./ && $1 ~ /^[0-9]+$/ { print $1, $4 }' | sort -rn | head -10 | awk '{ printf "| `%s` | %d |\n", $2, $1 }'
  echo
  echo "- the provisioned server (\`wildfly-config/target/wildfly\`, the full distribution with tlim's CLI configuration): $server_mb MB on disk, $(find "$home/modules" -name '*.jar' | wc -l) module jars."
  echo
  scale_log_summary "all boots of the last database"
} >"$md"
echo "==> results: $md"
