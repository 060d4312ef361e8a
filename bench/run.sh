#!/usr/bin/env bash
# The tlim benchmark (docs/bench/README.md): starts a private PostgreSQL, Prosody and WildFly
# with tlim.ear, sends the same messages between the same Smack clients directly through
# Prosody and through tlim, and writes docs/bench/results-<date>.md and docs/bench/latest.md.
#
#   bench/run.sh                 quick mode: 4 pairs, one run of 15 s phases, 5-6 minutes in all
#   bench/run.sh --full          8 pairs, three runs of 20 s phases, 12-15 minutes
#   options (after --full to change it): --pairs N --warmup W --window K
#                                --runs R (repeats of the measured phases; spread = min-max)
#                                --phase-seconds S (how long each measured phase sends, >= 15)
#                                --latency-seconds S (how long each half-load phase sends)
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

mode=quick pairs=4 runs=1 phase_seconds=15 warmup=150 window=50 latency_seconds=15 profile=no warmup_seconds=60
command_line=${*:+ $*}
while [ $# -gt 0 ]; do
  case "$1" in
    --full) mode=full pairs=8 runs=3 phase_seconds=20 warmup=500 latency_seconds=20 warmup_seconds=120 ;;
    --pairs) pairs=$2; shift ;;
    --runs) runs=$2; shift ;;
    --phase-seconds) phase_seconds=$2; shift ;;
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
ensure_packages lua-dbi-postgresql  # the archiving peer's storage
relay_pid=""
cleanup() {
  if [ -n "$relay_pid" ]; then kill "$relay_pid" 2>/dev/null || true; wait "$relay_pid" 2>/dev/null || true; fi
  scale_cleanup
}
trap cleanup INT TERM EXIT

# ---- the real peer: Prosody itself archiving every message -------------------------------------
# What a company runs instead of tlim: a second VirtualHost in the same Prosody (same process,
# same machine) with mod_mam archiving every message (default_archive_policy) and mod_offline,
# all its storage in the same PostgreSQL (database "prosody", through lua-dbi-postgresql).
# Clients on it chat directly with each other. Prosody restarts to load the host.
peer_domain=mam.$domain
add_archiving_peer() {
  local dir=$1 host=$2 port=$3
  create_postgres_database "$port" prosody tlim
  cat >>"$dir/prosody.cfg.lua" <<LUA
-- added by bench/run.sh: the archiving peer
VirtualHost "$host"
  modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "posix"; "admin_shell"; "mam"; "offline" }
  modules_disabled = { "s2s"; "tls" }
  storage = "sql"
  sql = { driver = "PostgreSQL"; database = "prosody"; username = "tlim"; password = "tlim"; host = "127.0.0.1"; port = $port }
  default_archive_policy = true
LUA
  xmpp_server_restart prosody "$dir"
  echo "Prosody's archiving host $host (mod_mam, mod_offline, storage in PostgreSQL)"
}

# ---- PostgreSQL and Prosody ----------------------------------------------------------------
echo "==> starting PostgreSQL and Prosody ($mode mode: $pairs pairs, $runs run(s) of ${phase_seconds} s phases)"
scale_start_services relay
add_archiving_peer "$work/prosody" "$peer_domain" "$pg_port" 9>&-

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
  # (its SQL storage prints PostgreSQL's NOTICEs about existing tables on stderr)
  register_xmpp_user "$work/prosody" "bench$i" "$peer_domain" "bench${i}pw" 2>>"$work/register-peer.err" &
  registering+=($!)
  # a few at a time: each prosodyctl is a whole Lua process
  if [ ${#registering[@]} -ge 4 ] || [ "$i" = $((users - 1)) ]; then
    for pid in "${registering[@]}"; do wait "$pid"; done
    registering=()
  fi
done
echo "registered bench0..bench$((users - 1)) on $domain and $peer_domain"

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
  # settings handed to WildFly through the environment (README's table), e.g. an A/B of the linger
  settings=$(env | grep -E '^TLIM_(INBOUND|DB_POOL)_' | sort | tr '\n' ' ' || true)
  echo "tlim settings from the environment: ${settings:-none (the defaults)}"
} >"$facts"
bench_status=0
java -Xms256m -Xmx512m -jar "$jar" \
  c2s="$c2s_port" pg="$pg_port" domain=$domain component=tlim relay=relay peer="$peer_domain" \
  jvm="$(cat "$work/wildfly.pid")" warmup-seconds="$warmup_seconds" \
  pairs="$pairs" runs="$runs" phase-seconds="$phase_seconds" warmup="$warmup" window="$window" latency-seconds="$latency_seconds" \
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
