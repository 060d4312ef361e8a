# Shared by bench/history.sh (P3), bench/backlog.sh (P4) and bench/run.sh (P1), sourced, not run:
# a private PostgreSQL and Prosody, WildFly with tlim.ear on its own base directory and port offset
# (BENCH_PORT_OFFSET, default 200), the schema made by the service itself (a first boot against
# the empty database, Flyway), and Undertow's access log with the request time in microseconds
# switched on for this run's copy of the configuration only.
#
# The caller sets: here, root, work (state folder), and calls scale_begin (or scale_build,
# scale_lock_and_reset and its own trap), scale_start_services, scale_boot_for_schema, its own
# load, scale_boot, its measurement, scale_log_summary; the trap stops everything.

source "$root/scripts/services.sh"

home=$root/wildfly-config/target/wildfly
ear=$root/ear/target/tlim.ear
domain=bench.local
offset=${BENCH_PORT_OFFSET:-200}
http_port=$((8080 + offset))
management_port=$((9990 + offset))
jar=$here/target/tlim-bench.jar
wildfly_pid=""

scale_build() {
  if [ ! -f "$ear" ] || [ ! -x "$home/bin/standalone.sh" ]; then
    echo "==> building tlim (no tlim.ear or provisioned WildFly yet)"
    (cd "$root" && mvn -B -q -DskipTests package)
  fi
  if [ ! -f "$jar" ] || [ -n "$(find "$here/src" "$here/pom.xml" -newer "$jar" | head -1)" ]; then
    echo "==> building the harness"
    (cd "$here" && mvn -B -q package)
  fi
  ensure_packages prosody postgresql
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
scale_taken=" "
scale_free_port() {
  local p
  while true; do
    p=$((20000 + RANDOM % 20000))
    case "$scale_taken" in *" $p "*) continue ;; esac
    port_in_use "$p" || { echo "$p"; return; }
  done
}

# one run per state folder at a time; the WildFly ports must be free
scale_lock_and_reset() {
  mkdir -p "$(dirname "$work")"
  exec 9>"$work.lock"
  flock -n 9 || { echo "another run uses $work (lock $work.lock)" >&2; exit 1; }
  if [ -f "$work/wildfly.pid" ] && kill -0 "$(cat "$work/wildfly.pid")" 2>/dev/null; then
    kill "$(cat "$work/wildfly.pid")" 2>/dev/null || true
    sleep 3
  fi
  stop_prosody "$work/prosody" 2>/dev/null || true
  stop_postgres "$work/postgres" 2>/dev/null || true
  rm -rf "$work"
  mkdir -p "$work"
  scale_check_wildfly_ports
}

# WildFly's ports at this port offset must be free, or the run stops here
scale_check_wildfly_ports() {
  local p
  for p in $http_port $management_port $((8443 + offset)); do
    if port_in_use "$p"; then
      echo "port $p (WildFly with port offset $offset) is in use; set BENCH_PORT_OFFSET" >&2
      exit 1
    fi
  done
}

# scale_parse "$@": a scenario's command line. Sets command_line (for the results) and label
# (--label TEXT, goes on top of the results); --help prints the script's header comment; every
# other option goes to the script's scale_option "$@", which sets its variables and took (how
# many arguments it used), or returns 1 for an option it does not know
scale_parse() {
  command_line=${*:+ $*}
  label=""
  while [ $# -gt 0 ]; do
    took=1
    case "$1" in
      --label) label=$2; took=2 ;;
      -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0 ;;
      *) scale_option "$@" || { echo "unknown option $1 (see --help)" >&2; exit 2; } ;;
    esac
    shift "$took"
  done
}

# scale_begin: what every scenario does first: the build, the lock, a fresh state folder, the
# trap; sets started (epoch seconds), stamp (for the results' names) and out_dir (docs/bench)
scale_begin() {
  started=$(date +%s)
  stamp=$(date +%Y-%m-%d-%H%M)
  out_dir=$root/docs/bench
  mkdir -p "$out_dir"
  scale_build
  scale_lock_and_reset
  trap scale_cleanup INT TERM EXIT
}

# scale_start_services [component ...]: PostgreSQL and Prosody with the tlim component, and the
# further components named (each <name>.$domain, with the same secret)
scale_start_services() {
  pg_port=$(scale_free_port); scale_taken="$scale_taken$pg_port "
  c2s_port=$(scale_free_port); scale_taken="$scale_taken$c2s_port "
  component_port=$(scale_free_port)
  secret=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  jwt_secret=$(head -c 48 /dev/urandom | base64 | tr -d '/+=')
  start_postgres "$work/postgres" "$pg_port" tlim tlim 9>&-
  # the service's XMPP side is idle in these scenarios, but it runs as it does in production
  start_prosody "$work/prosody" "$domain" "$c2s_port" "$component_port" "$secret" tlim "$@" 9>&-
  pg_data=$(cat "$work/postgres/datadir")
}

scale_psql() {
  as_pg_user "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d tlim "$@"
}

# scale_start_wildfly: boots WildFly on this run's base directory and waits for tlim.ear
scale_start_wildfly() {
  scale_launch_wildfly
  scale_await_deployment 300
}

# scale_launch_wildfly [NAME=value ...]: starts WildFly on this run's base directory (a copy of
# the provisioned configuration, tlim.ear in its deployments) in the background, on this run's
# PostgreSQL and Prosody; NAME=value pairs go into its environment after the defaults
scale_launch_wildfly() {
  local base=$work/wildfly
  if [ ! -d "$base/configuration" ]; then
    mkdir -p "$base/deployments"
    cp -r "$home/standalone/configuration" "$base/configuration"
    cp "$ear" "$base/deployments/tlim.ear"
  fi
  rm -f "$base/deployments/tlim.ear.deployed" "$base/deployments/tlim.ear.failed"
  (
    unset TLIM_HTTP_PORT TLIM_DB_POOL_MAX TLIM_MAX_BODY_BYTES TLIM_RATE_PER_SECOND TLIM_RATE_BURST
    # the rate limit keeps its defaults unless the caller says otherwise: the scale scenarios
    # send no envelopes, only HTTP reads
    export TLIM_DB_DRIVER=postgresql TLIM_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/tlim" \
      TLIM_DB_USER=tlim TLIM_DB_PASSWORD=tlim TLIM_XMPP_HOST=127.0.0.1 TLIM_XMPP_PORT="$component_port" \
      TLIM_XMPP_DOMAIN=$domain TLIM_XMPP_COMPONENT=tlim TLIM_XMPP_SECRET="$secret" \
      TLIM_JWT_SECRET="$jwt_secret" TLIM_JWT_ISSUER=tlim-bench TLIM_JWT_AUDIENCE=tlim
    [ $# -eq 0 ] || export "$@"
    export LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$work/wildfly.pid" JBOSS_JAVA_SIZING="-Xms512m -Xmx1g ${BENCH_WILDFLY_OPTS:-}"
    exec bash "$home/bin/standalone.sh" -c standalone-full.xml -Djboss.server.base.dir="$base" \
      -Djboss.socket.binding.port-offset=$offset >>"$work/wildfly.out" 2>&1 9>&-
  ) &
  wildfly_pid=$!
}

# scale_await_deployment <seconds>: waits for tlim.ear.deployed; exits on a failed deployment,
# a WildFly that exited, or the time running out
scale_await_deployment() {
  local deployments=$work/wildfly/deployments i
  for i in $(seq 1 "$1"); do
    [ -f "$deployments/tlim.ear.deployed" ] && break
    if [ -f "$deployments/tlim.ear.failed" ]; then
      echo "deployment failed:" >&2; cat "$deployments/tlim.ear.failed" >&2; exit 1
    fi
    kill -0 "$wildfly_pid" 2>/dev/null || { echo "WildFly exited; see $work/wildfly.out" >&2; exit 1; }
    sleep 1
  done
  [ -f "$deployments/tlim.ear.deployed" ] || { echo "tlim.ear not deployed within $1 s; see $work/wildfly/log/server.log" >&2; exit 1; }
}

scale_stop_wildfly() {
  [ -n "$wildfly_pid" ] || return 0
  local jvm i
  jvm=$(cat "$work/wildfly.pid" 2>/dev/null || true)
  if [ -n "$jvm" ]; then
    kill "$jvm" 2>/dev/null || true
    for i in $(seq 1 60); do kill -0 "$jvm" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$jvm" 2>/dev/null || true
  fi
  # standalone.sh's wait loop can spin once its JVM has gone (see run.sh)
  kill -9 "$wildfly_pid" 2>/dev/null || true
  wait "$wildfly_pid" 2>/dev/null || true
  wildfly_pid=""
}

scale_cleanup() {
  trap - INT TERM EXIT
  echo "==> stopping WildFly, Prosody and PostgreSQL"
  scale_stop_wildfly
  stop_prosody "$work/prosody" || true
  stop_postgres "$work/postgres" || true
}

# The first boot: the service migrates the empty database (Flyway), and this run's copy of the
# configuration gets the access log (request time in µs, tagged by the harness's X-Bench-Tag
# header); then WildFly stops, so the load runs with the database to itself.
scale_boot_for_schema() {
  echo "==> first boot: the service creates the schema"
  scale_start_wildfly
  "$home/bin/jboss-cli.sh" --connect --controller=127.0.0.1:$management_port --timeout=60000 >"$work/cli.out" 2>&1 <<'CLI'
/subsystem=undertow/server=default-server/http-listener=default:write-attribute(name=record-request-start-time,value=true)
/subsystem=undertow/server=default-server/host=default-host/setting=access-log:add(pattern="%{i,X-Bench-Tag} %{RESPONSE_TIME_MICROS} %s",directory="${jboss.server.log.dir}",prefix="access",suffix=".log",rotate=false)
CLI
  grep -q '"outcome" => "failed"' "$work/cli.out" && { cat "$work/cli.out" >&2; exit 1; }
  scale_stop_wildfly
  echo "schema: $(scale_psql -At -c "select string_agg(version, ',' order by installed_rank) from tlim_schema_history" 2>/dev/null || echo '?')"
}

# scale_auto_explain <duration>: PostgreSQL logs the plan (as planned, no ANALYZE overhead) of
# every statement of a new session that takes longer, e.g. the service's prepared statements
scale_auto_explain() {
  scale_psql -c "load 'auto_explain'" -c "alter system set session_preload_libraries = 'auto_explain'" \
    -c "alter system set auto_explain.log_min_duration = '$1'" -c "select pg_reload_conf()" >/dev/null
}

# scale_slow_plans: the plans auto_explain logged, as Markdown (nothing when there are none)
scale_slow_plans() {
  local log=$pg_data/server.log
  [ -f "$log" ] && grep -q 'duration: .* plan:' "$log" || return 0
  echo "## Statements over the auto_explain threshold during the run (plans as PostgreSQL chose them)"
  echo
  echo '```'
  awk '/^[0-9-]+ [0-9:.]+ [A-Z]+ +\[/{ p=0 } /duration: .* plan:/{ p=1; n++ } p && n<=6 { print }' "$log" | cut -c1-220 | head -150
  echo '```'
  echo
  echo "$(grep -c 'duration: .* plan:' "$log") statements over the threshold in all."
}

scale_boot() {
  echo "==> booting WildFly against the loaded database"
  local t0=$(date +%s)
  scale_start_wildfly
  echo "tlim deployed after $(( $(date +%s) - t0 )) s"
}

# scale_load <step> [name=value ...]: the servers, the schema made by the service (first boot),
# then the harness's bulk load step (COPY, then VACUUM ANALYZE); its line of facts goes to
# $work/load.txt
scale_load() {
  scale_start_services
  scale_boot_for_schema
  echo "==> bulk load (COPY), then VACUUM ANALYZE"
  java -Xmx1g -cp "$jar" im.tlim.bench.scale.Scale "$1" pg="$pg_port" "${@:2}" out="$work/load.txt" 9>&-
}

# scale_write_facts <text>: the results' opening (the label, then the text) in $work/facts.txt
scale_write_facts() {
  {
    [ -z "$label" ] || printf '**%s.**\n\n' "$label"
    echo "$1"
  } >"$work/facts.txt"
}

# scale_measure <step> [name=value ...]: the harness's measurement step against the running
# WildFly, writing $out_dir/<step>-$stamp.md / .csv / .png; sets status (0: every answer right)
scale_measure() {
  status=0
  java -Xmx512m -cp "$jar" im.tlim.bench.scale.Scale "$1" pg="$pg_port" http="$http_port" \
    secret="$jwt_secret" log="$work/wildfly/log/access.log" \
    md="$out_dir/$1-$stamp.md" csv="$out_dir/$1-$stamp.csv" png="$out_dir/$1-$stamp.png" \
    facts="$work/facts.txt" load="$work/load.txt" "${@:2}" 9>&- || status=$?
}

scale_facts() {
  echo "PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}'), WildFly $(ls "$home"/modules/system/layers/base/org/jboss/as/product/main/ | sed -n 's/.*product-conf-\(.*\)\.jar/\1/p') with -Xms512m -Xmx1g, tlim.ear of $(date -r "$ear" '+%Y-%m-%d %H:%M'), $(nproc) CPUs, load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
}

# scale_log_summary <what>: the WildFly server.log's WARN and ERROR lines (over <what>) and the
# command's wall time, as Markdown for the end of the results
scale_log_summary() {
  local log=$work/wildfly/log/server.log
  echo
  echo "WildFly \`server.log\`: $(grep -c ' WARN ' "$log" || true) WARN and $(grep -c ' ERROR ' "$log" || true) ERROR lines ($1)."
  echo
  echo "Wall time of the whole command: $(( $(date +%s) - started )) s."
}
