#!/usr/bin/env bash
# The tlim benchmark (docs/bench/README.md): starts a private PostgreSQL, Prosody and WildFly
# with tlim.ear, sends the same messages between the same Smack clients directly through
# Prosody and through tlim, and writes docs/bench/results-<date>.md and docs/bench/latest.md.
#
#   bench/run.sh                 quick mode: 4 pairs x 1500 messages, 3-4 minutes in all
#   bench/run.sh --full          8 pairs x 5000 messages, 8-12 minutes
#   options (after --full to change it): --pairs N --messages M --warmup W --window K
#                                --latency-seconds S (longest half-load phase)
#                                --warmup-seconds S (longest warm-up of the service, which
#                                otherwise lasts until WildFly's JIT compilers are idle)
#                                --profile (records WildFly with JFR and writes where its CPU
#                                went per phase to bench/target/run/profile.txt)
#   BENCH_WILDFLY_OPTS           extra JVM options for WildFly, e.g. -XX:+PreserveFramePointer
#                                for perf call graphs through compiled Java
#   BENCH_PORT_OFFSET            WildFly's port offset (default 200)
#
# Everything it starts is stopped on exit, whatever happens. State lives in bench/target/run.
# The servers are started as the scale scenarios start theirs (bench/scale-env.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

mode=quick pairs=4 messages=1500 warmup=150 window=50 latency_seconds=15 profile=no warmup_seconds=60
command_line=${*:+ $*}
while [ $# -gt 0 ]; do
  case "$1" in
    --full) mode=full pairs=8 messages=5000 warmup=500 latency_seconds=60 warmup_seconds=120 ;;
    --pairs) pairs=$2; shift ;;
    --messages) messages=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --window) window=$2; shift ;;
    --latency-seconds) latency_seconds=$2; shift ;;
    --profile) profile=yes ;;
    --warmup-seconds) warmup_seconds=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

work=$here/target/run
source "$here/scale-env.sh"

# one run at a time (a lock beside the state folder): a second one would stop the first one's
# servers and delete its state; a previous run that was killed outright may have left them behind
scale_begin
results=$out_dir/results-$stamp.md
relay_pid=""
cleanup() {
  if [ -n "$relay_pid" ]; then kill "$relay_pid" 2>/dev/null || true; wait "$relay_pid" 2>/dev/null || true; fi
  scale_cleanup
}
trap cleanup INT TERM EXIT

# ---- PostgreSQL and Prosody ----------------------------------------------------------------
echo "==> starting PostgreSQL and Prosody ($mode mode: $pairs pairs x $messages messages)"
scale_start_services relay

# the protocol's floor: a component that answers and forwards, storing nothing (Relay.java)
java -Xms64m -Xmx256m -cp "$jar" im.tlim.bench.Relay 127.0.0.1 "$component_port" "relay.$domain" "$secret" "$domain" \
  >"$work/relay.out" 2>&1 9>&- &
relay_pid=$!

# ---- WildFly, booting while the users are registered ---------------------------------------
base=$work/wildfly
echo "==> starting WildFly, port offset $offset (log: $base/log/server.log)"
# the load clients send far above the per-user limit (20/s): the limit stays on, and so stays
# in the measured cost, raised above their rate for the run
scale_launch_wildfly TLIM_RATE_PER_SECOND=100000 TLIM_RATE_BURST=100000

users=$((2 * pairs))
registering=()
for i in $(seq 0 $((users - 1))); do
  register_xmpp_user "$work/prosody" "bench$i" "$domain" "bench${i}pw" &
  registering+=($!)
  # a few at a time: each prosodyctl is a whole Lua process
  if [ ${#registering[@]} -ge 4 ] || [ "$i" = $((users - 1)) ]; then
    for pid in "${registering[@]}"; do wait "$pid"; done
    registering=()
  fi
done
echo "registered bench0..bench$((users - 1))"

scale_await_deployment 240
echo "==> tlim deployed after $(( $(date +%s) - started )) s; running the benchmark"

# ---- the benchmark -------------------------------------------------------------------------
if [ "$profile" = yes ]; then
  jcmd "$(cat "$work/wildfly.pid")" JFR.start name=bench settings=profile >/dev/null
fi
facts=$work/facts.txt
{
  echo "Prosody $(dpkg-query -W -f='${Version}' prosody 2>/dev/null || echo '?'), PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}'), WildFly $(ls "$home"/modules/system/layers/base/org/jboss/as/product/main/ | sed -n 's/.*product-conf-\(.*\)\.jar/\1/p') with -Xms512m -Xmx1g, tlim.ear of $(date -r "$ear" '+%Y-%m-%d %H:%M')"
  echo "all on one machine, over loopback; the harness JVM runs the $((2 * pairs)) clients"
} >"$facts"
bench_status=0
java -Xms256m -Xmx512m -jar "$jar" \
  c2s="$c2s_port" pg="$pg_port" domain=$domain component=tlim relay=relay \
  jvm="$(cat "$work/wildfly.pid")" warmup-seconds="$warmup_seconds" \
  pairs="$pairs" messages="$messages" warmup="$warmup" window="$window" latency-seconds="$latency_seconds" \
  mode="$mode" command="$command_line" out="$results" facts="$facts" \
  cpu="WildFly:$wildfly_pid,Prosody:$(cat "$work/prosody/prosody.pid"),PostgreSQL:$(head -1 "$pg_data/db/postmaster.pid"),relay:$relay_pid" \
  | tee "$work/bench.out" || bench_status=$?

if [ "$profile" = yes ]; then
  jcmd "$(cat "$work/wildfly.pid")" JFR.dump name=bench filename="$work/wildfly.jfr" >/dev/null
  python3 "$here/profile-summary.py" "$work/wildfly.jfr" "$work/bench.out" >"$work/profile.txt" \
    && echo "==> where WildFly's CPU went, per phase: $work/profile.txt"
fi

# ---- what the servers said while it ran ----------------------------------------------------
if [ -f "$results" ]; then
  {
    echo
    echo "## Server logs"
    echo
    log=$base/log/server.log
    echo "WildFly \`server.log\`: $(grep -c ' WARN ' "$log" || true) WARN and $(grep -c ' ERROR ' "$log" || true) ERROR lines in the whole run (start-up included). Distinct ones, with counts:"
    echo
    echo '```'
    grep -E ' (WARN|ERROR) ' "$log" | sed -E 's/^[0-9-]+ [0-9:,]+ //; s/\(([^)]*)\)/(…)/' | cut -c1-220 | sort | uniq -c | sort -rn | head -15 || true
    echo '```'
    echo
    echo "Prosody: $(cat "$work/prosody/prosody.log" 2>/dev/null | grep -ciE 'warn|error' || true) warning/error lines in prosody.log, $(cat "$work/prosody/prosody.err" 2>/dev/null | wc -l) lines in prosody.err."
    echo
    echo "Wall time of the whole command, start-up included: $(( $(date +%s) - started )) s."
  } >>"$results"
  cp "$results" "$out_dir/latest.md"
  echo "==> results: $results (and docs/bench/latest.md)"
else
  echo "no results written; see $work/bench.out and $base/log/server.log" >&2
  bench_status=1
fi
exit $bench_status
