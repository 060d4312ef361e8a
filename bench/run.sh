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
#
# Everything it starts is stopped on exit, whatever happens. State lives in bench/target/run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/services.sh"

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

started=$(date +%s)
work=$here/target/run
home=$root/wildfly-config/target/wildfly
ear=$root/ear/target/tlim.ear
domain=bench.local
out_dir=$root/docs/bench
stamp=$(date +%Y-%m-%d-%H%M)
results=$out_dir/results-$stamp.md

# ---- build only what is missing ------------------------------------------------------------
if [ ! -f "$ear" ] || [ ! -x "$home/bin/standalone.sh" ]; then
  echo "==> building tlim (no tlim.ear or provisioned WildFly yet)"
  (cd "$root" && mvn -B -q -DskipTests package)
fi
jar=$here/target/tlim-bench.jar
if [ ! -f "$jar" ] || [ -n "$(find "$here/src" "$here/pom.xml" -newer "$jar" | head -1)" ]; then
  echo "==> building the harness"
  (cd "$here" && mvn -B -q package)
fi
ensure_packages prosody postgresql lua-dbi-postgresql

# ---- stop everything on the way out --------------------------------------------------------
wildfly_pid=""
relay_pid=""
stop_wildfly() {
  [ -n "$wildfly_pid" ] || return 0
  # TERM to the JVM itself (a graceful shutdown), then the script: standalone.sh's wait loop
  # spins for ever on bash 5.2 once its JVM has gone, so it is not left to exit by itself
  local jvm i
  jvm=$(cat "$work/wildfly.pid" 2>/dev/null || true)
  if [ -n "$jvm" ]; then
    kill "$jvm" 2>/dev/null || true
    for i in $(seq 1 60); do kill -0 "$jvm" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$jvm" 2>/dev/null || true
  fi
  kill -9 "$wildfly_pid" 2>/dev/null || true
  wait "$wildfly_pid" 2>/dev/null || true
  wildfly_pid=""
}
cleanup() {
  trap - INT TERM EXIT
  echo "==> stopping WildFly, Prosody and PostgreSQL"
  stop_wildfly
  if [ -n "$relay_pid" ]; then kill "$relay_pid" 2>/dev/null || true; wait "$relay_pid" 2>/dev/null || true; fi
  stop_prosody "$work/prosody" || true
  stop_postgres "$work/postgres" || true
}

# one run at a time: a second one would stop the first one's servers and delete its state
mkdir -p "$here/target"
exec 9>"$here/target/run.lock"
flock -n 9 || { echo "another bench/run.sh is running (lock $here/target/run.lock)" >&2; exit 1; }
# a previous run that was killed outright may have left its servers behind
if [ -f "$work/wildfly.pid" ] && kill -0 "$(cat "$work/wildfly.pid")" 2>/dev/null; then
  kill "$(cat "$work/wildfly.pid")" 2>/dev/null || true
  sleep 3
fi
stop_prosody "$work/prosody" 2>/dev/null || true
stop_postgres "$work/postgres" 2>/dev/null || true
rm -rf "$work"
mkdir -p "$work" "$out_dir"
trap cleanup INT TERM EXIT

# ---- ports ---------------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
taken=" "  # ports already picked (free_port runs in a subshell, so the caller records them)
free_port() {
  local p
  while true; do
    p=$((20000 + RANDOM % 20000))
    case "$taken" in *" $p "*) continue ;; esac
    port_in_use "$p" || { echo "$p"; return; }
  done
}
pg_port=$(free_port); taken="$taken$pg_port "
c2s_port=$(free_port); taken="$taken$c2s_port "
component_port=$(free_port)
offset=${BENCH_PORT_OFFSET:-200}  # WildFly's port offset
for p in $((8080 + offset)) $((9990 + offset)) $((8443 + offset)); do
  if port_in_use "$p"; then
    echo "port $p (WildFly with port offset $offset) is in use; is another bench run going?" >&2
    exit 1
  fi
done
secret=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')

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
# (9>&-: the servers must not hold the run lock)
start_postgres "$work/postgres" "$pg_port" tlim tlim 9>&-
start_prosody "$work/prosody" "$domain" "$c2s_port" "$component_port" "$secret" tlim relay 9>&-
add_archiving_peer "$work/prosody" "$peer_domain" "$pg_port" 9>&-

# the protocol's floor: a component that answers and forwards, storing nothing (Relay.java)
java -Xms64m -Xmx256m -cp "$jar" im.tlim.bench.Relay 127.0.0.1 "$component_port" "relay.$domain" "$secret" "$domain" \
  >"$work/relay.out" 2>&1 9>&- &
relay_pid=$!

# ---- WildFly, booting while the users are registered ---------------------------------------
base=$work/wildfly
mkdir -p "$base/deployments"
cp -r "$home/standalone/configuration" "$base/configuration"
cp "$ear" "$base/deployments/tlim.ear"
echo "==> starting WildFly (log: $base/log/server.log)"
(
  unset TLIM_HTTP_PORT TLIM_DB_POOL_MAX TLIM_MAX_BODY_BYTES
  export TLIM_DB_DRIVER=postgresql TLIM_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/tlim" \
    TLIM_DB_USER=tlim TLIM_DB_PASSWORD=tlim TLIM_XMPP_HOST=127.0.0.1 TLIM_XMPP_PORT="$component_port" \
    TLIM_XMPP_DOMAIN=$domain TLIM_XMPP_COMPONENT=tlim TLIM_XMPP_SECRET="$secret" \
    TLIM_RATE_PER_SECOND=100000 TLIM_RATE_BURST=100000
  # the load clients send far above the per-user limit (20/s): the limit stays on, and so stays
  # in the measured cost, raised above their rate for the run
  export LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$work/wildfly.pid" JBOSS_JAVA_SIZING="-Xms512m -Xmx1g ${BENCH_WILDFLY_OPTS:-}"
  exec bash "$home/bin/standalone.sh" -c standalone-full.xml -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset=$offset >"$work/wildfly.out" 2>&1 9>&-
) &
wildfly_pid=$!

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

for i in $(seq 1 240); do
  [ -f "$base/deployments/tlim.ear.deployed" ] && break
  if [ -f "$base/deployments/tlim.ear.failed" ]; then
    echo "deployment failed:" >&2; cat "$base/deployments/tlim.ear.failed" >&2; exit 1
  fi
  kill -0 "$wildfly_pid" 2>/dev/null || { echo "WildFly exited; see $work/wildfly.out" >&2; exit 1; }
  sleep 1
done
[ -f "$base/deployments/tlim.ear.deployed" ] || { echo "tlim.ear not deployed within 240 s; see $base/log/server.log" >&2; exit 1; }
echo "==> tlim deployed after $(( $(date +%s) - started )) s; running the benchmark"

# ---- the benchmark -------------------------------------------------------------------------
if [ "$profile" = yes ]; then
  jcmd "$(cat "$work/wildfly.pid")" JFR.start name=bench settings=profile >/dev/null
fi
pg_data=$(cat "$work/postgres/datadir")
facts=$work/facts.txt
{
  echo "Prosody $(dpkg-query -W -f='${Version}' prosody 2>/dev/null || echo '?'), PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}'), WildFly $(ls "$home"/modules/system/layers/base/org/jboss/as/product/main/ | sed -n 's/.*product-conf-\(.*\)\.jar/\1/p') with -Xms512m -Xmx1g, tlim.ear of $(date -r "$ear" '+%Y-%m-%d %H:%M')"
  echo "all on one machine, over loopback; the harness JVM runs the $((2 * pairs)) clients"
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
