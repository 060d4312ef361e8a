#!/usr/bin/env bash
# P5, Galleon (issue 11, docs/bench/README.md): a WildFly trimmed with Galleon layers to what tlim
# uses, against the full unpacked distribution (wildfly-config/target/wildfly, read only here):
# size on disk, and the time from launching standalone.sh to the tlim.ear.deployed marker and to
# /health/ready on the management port answering UP, both with tlim's CLI configuration applied.
#  1. installs the two jars Central lacks (org.glassfish.web:jakarta.servlet.jsp.jstl:3.0.1-jbossorg-1,
#     org.jboss.activemq.artemis.integration:artemis-wildfly-integration:2.0.4.Final) into the local
#     Maven repository from the wildfly-dist zip there, when missing
#  2. provisions the trimmed server with bench/galleon/pom.xml (its layers are listed there) into
#     bench/target/galleon/wildfly
#  3. installs the PostgreSQL JDBC module and applies wildfly-config/scripts/configure-tlim.cli as
#     configure.sh does (a copy naming the trimmed server's configuration when Galleon did not
#     make a standalone-full.xml)
#  4. boots each server N times, alternately, each boot on a fresh copy of its configuration as
#     base directory, tlim.ear on the embedded H2 default, a private Prosody for the component
#     stream (tlim's readiness check wants it); then probes a few endpoints on the last boot
#  5. writes docs/bench/galleon-<yyyy-MM-dd-HHmm>.md / .csv: layers, sizes, every boot with the
#     load average beside it, medians, endpoint probes, subsystems the trimmed server lacks, and
#     the WARN/ERROR lines of both servers' server.log, grouped
#
#   bench/galleon.sh                 provision, configure, 3 boots of each server
#   options: --boots N  --no-provision (keep bench/target/galleon/wildfly as it is)  --label TEXT
#   BENCH_PORT_OFFSET                WildFly's port offset (default 1500)
#
# Builds nothing of tlim (needs ear/target/tlim.ear and wildfly-config/target/wildfly). Everything
# it starts is stopped on exit. State lives in bench/target/galleon.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$here/target/galleon
export BENCH_PORT_OFFSET=${BENCH_PORT_OFFSET:-1500}
source "$here/scale-env.sh"

full_home=$home
trim_home=$work/wildfly
pom=$here/galleon/pom.xml
m2=${MAVEN_REPO:-$HOME/.m2/repository}
dist_zip=$m2/org/wildfly/wildfly-dist/39.0.1.Final/wildfly-dist-39.0.1.Final.zip
boots=3 provision=yes
scale_option() {
  case "$1" in
    --boots) boots=$2 took=2 ;;
    --no-provision) provision=no ;;
    *) return 1 ;;
  esac
}
scale_parse "$@"
started=$(date +%s)
start_load=$(cut -d' ' -f1-3 /proc/loadavg)
stamp=$(date +%Y-%m-%d-%H%M)
out_dir=$root/docs/bench
md=$out_dir/galleon-$stamp.md
csv=$out_dir/galleon-$stamp.csv
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

[ -f "$ear" ] || { echo "no $ear (build tlim first)" >&2; exit 1; }
[ -x "$full_home/bin/standalone.sh" ] || { echo "no provisioned $full_home (build tlim first)" >&2; exit 1; }
[ -f "$dist_zip" ] || { echo "no $dist_zip (the wildfly-config build downloads it)" >&2; exit 1; }
ensure_packages prosody

mkdir -p "$work" "$out_dir"
exec 9>"$work/run.lock"
flock -n 9 || { echo "another run uses $work (lock $work/run.lock)" >&2; exit 1; }
scale_check_wildfly_ports
cleanup() {
  trap - INT TERM EXIT
  echo "==> stopping WildFly and Prosody"
  scale_stop_wildfly
  stop_prosody "$work/prosody" 2>/dev/null || true
}
trap cleanup INT TERM EXIT
rm -rf "$work/base" "$work/logs" "$work/prosody" "$work"/*.out
mkdir -p "$work/base" "$work/logs"

# ---- 1. the two jars Central lacks ---------------------------------------------------------
# install_from_dist <groupId> <artifactId> <version> <jar name inside the zip's modules/>
install_from_dist() {
  local group=$1 artifact=$2 version=$3 name=$4
  local installed=$m2/${group//.//}/$artifact/$version/$artifact-$version.jar
  if [ -f "$installed" ]; then
    echo "$group:$artifact:$version is in the local repository"
    return
  fi
  echo "==> installing $group:$artifact:$version from $(basename "$dist_zip")"
  mkdir -p "$work/jars"
  unzip -j -o -q "$dist_zip" "*/modules/*/$name" -d "$work/jars"
  (cd "$work" && mvn -B -q org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
    -Dfile="$work/jars/$name" -DgroupId="$group" -DartifactId="$artifact" -Dversion="$version" -Dpackaging=jar)
}
install_from_dist org.glassfish.web jakarta.servlet.jsp.jstl 3.0.1-jbossorg-1 jakarta.servlet.jsp.jstl-3.0.1-jbossorg-1.jar
install_from_dist org.jboss.activemq.artemis.integration artemis-wildfly-integration 2.0.4.Final artemis-wildfly-integration-2.0.4.Final.jar

# ---- 2. provisioning -------------------------------------------------------------------------
provision_seconds="(not provisioned by this run)"
if [ "$provision" = yes ] || [ ! -f "$work/config-name" ]; then
  echo "==> provisioning the trimmed server (bench/galleon/pom.xml) into $trim_home"
  rm -rf "$trim_home" "$work/drivers" "$work/config-name"
  t0=$(date +%s.%N)
  if ! mvn -B -f "$pom" package >"$work/provision.log" 2>&1; then
    grep -E 'ERROR|FAIL' "$work/provision.log" | head -30 >&2
    echo "provisioning failed; see $work/provision.log" >&2
    exit 1
  fi
  provision_seconds=$(printf '%.0f s' "$(echo "$(date +%s.%N) - $t0" | bc)")
  echo "provisioned in $provision_seconds"

  # ---- 3. tlim's configuration, as wildfly-config/scripts/configure.sh applies it ------------
  trim_config=standalone-full.xml
  cli_file=$root/wildfly-config/scripts/configure-tlim.cli
  if [ ! -f "$trim_home/standalone/configuration/standalone-full.xml" ]; then
    trim_config=standalone.xml
    cli_file=$work/configure-tlim.cli
    sed 's/--server-config=standalone-full\.xml/--server-config=standalone.xml/' \
      "$root/wildfly-config/scripts/configure-tlim.cli" >"$cli_file"
  fi
  echo "==> configuring the trimmed server's $trim_config with $(basename "$cli_file")"
  cli() { JAVA_OPTS="${CLI_JAVA_OPTS:-}" bash "$trim_home/bin/jboss-cli.sh" "$@"; }
  if ! { cli --command="module add --name=org.postgresql --resources=$work/drivers/postgresql.jar --dependencies=java.se,jakarta.transaction.api" \
      && cli --file="$cli_file"; } >"$work/configure.log" 2>&1; then
    cat "$work/configure.log" >&2
    echo "the CLI configuration failed on the trimmed server; see $work/configure.log" >&2
    exit 1
  fi
  echo "$trim_config" >"$work/config-name"
fi
trim_config=$(cat "$work/config-name")

# ---- sizes, before any boot ------------------------------------------------------------------
size_row() { # size_row <name> <home>
  printf '%s,%s,%s,%s\n' "$1" "$(du -sm "$2" | cut -f1)" "$(du -sm "$2/modules" | cut -f1)" \
    "$(find "$2/modules" -name '*.jar' | wc -l)"
}
sizes=$(size_row trimmed "$trim_home"; size_row full "$full_home")

# ---- 4. boots --------------------------------------------------------------------------------
c2s_port=$(scale_free_port); scale_taken="$scale_taken$c2s_port "
component_port=$(scale_free_port)
secret=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
start_prosody "$work/prosody" "$domain" "$c2s_port" "$component_port" "$secret" tlim 9>&-

# both servers' jars read once, so neither boot pays for a cold page cache the other does not;
# then up to 90 s for the 1-minute load average to fall below 1 (after the provisioning's work)
find "$trim_home/modules" "$full_home/modules" -name '*.jar' -exec cat {} + >/dev/null
settle_start=$(date +%s)
while [ "$(awk '{ print ($1 < 1.0) }' /proc/loadavg)" = 0 ] && [ $(( $(date +%s) - settle_start )) -lt 90 ]; do sleep 5; done
settled="waited $(( $(date +%s) - settle_start )) s for the load to settle, to $(loadavg)"
echo "$settled"

# other_java: Java processes running when the boot began (none of them this script's)
echo "what,server,run,seconds_to_deployed,seconds_to_ready,load_1m,load_5m,load_15m,outcome,other_java" >"$csv"
failures=0

# probes <server>: a few of tlim's endpoints on the running server, a line each in $work/probes-<server>
probes() {
  local body out=$work/probes-$1
  code() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-5}" "${@:3}" "$1" || true; }
  : >"$out"
  echo "health/ready|$(curl -s --max-time 5 "http://127.0.0.1:$management_port/health/ready" | tr -d '\n' | cut -c1-400)" >>"$out"
  echo "health/live|$(code "http://127.0.0.1:$management_port/health/live")" >>"$out"
  echo "health/started|$(code "http://127.0.0.1:$management_port/health/started")" >>"$out"
  body=$(curl -s --max-time 5 "http://127.0.0.1:$management_port/prometheus" || true)
  echo "prometheus|$(code "http://127.0.0.1:$management_port/prometheus"), $(grep -c '^tlim_' <<<"$body" || true) tlim_ samples, tlim_queue_depth{queue=tlim.delivery} = $(awk '/^tlim_queue_depth\{.*queue="tlim.delivery"/ { print $2; exit }' <<<"$body")" >>"$out"
  echo "metrics|$(code "http://127.0.0.1:$management_port/metrics")" >>"$out"
  echo "openapi|$(code "http://127.0.0.1:$http_port/openapi")" >>"$out"
  echo "plugins/tlim/findReadMsg (no token)|$(code "http://127.0.0.1:$http_port/plugins/tlim/findReadMsg")" >>"$out"
  # a WebSocket upgrade without a token: the handshake's answer, 101 if it upgrades
  echo "live (WebSocket upgrade, no token)|$(code "http://127.0.0.1:$http_port/live" 3 -H 'Connection: Upgrade' \
    -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==')" >>"$out"
}

# boot <server> <run>: one start on a fresh copy of the server's configuration, timed from the
# launch to the .deployed marker and to /health/ready answering UP; then a graceful stop
boot() {
  local server=$1 run=$2 server_home config base t0 now deployed="" ready="" outcome=ready others
  if [ "$server" = trimmed ]; then server_home=$trim_home config=$trim_config
  else server_home=$full_home config=standalone-full.xml; fi
  base=$work/base/$server-$run
  rm -rf "$base"
  mkdir -p "$base/deployments"
  cp -r "$server_home/standalone/configuration" "$base/configuration"
  cp "$ear" "$base/deployments/tlim.ear"
  rm -f "$work/wildfly.pid"
  others=$(pgrep -x java | wc -l || true)
  t0=$(date +%s.%N)
  (
    # the embedded H2 default: no TLIM_DB_* at all; the component stream to this run's Prosody
    unset $(compgen -e | grep '^TLIM_' || true)
    export TLIM_XMPP_HOST=127.0.0.1 TLIM_XMPP_PORT="$component_port" TLIM_XMPP_DOMAIN=$domain \
      TLIM_XMPP_COMPONENT=tlim TLIM_XMPP_SECRET="$secret"
    export LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$work/wildfly.pid" JBOSS_JAVA_SIZING="-Xms512m -Xmx1g ${BENCH_WILDFLY_OPTS:-}"
    exec bash "$server_home/bin/standalone.sh" -c "$config" -Djboss.server.base.dir="$base" \
      -Djboss.socket.binding.port-offset=$offset >>"$work/wildfly-$server-$run.out" 2>&1 9>&-
  ) &
  wildfly_pid=$!
  while [ -z "$ready" ]; do
    now=$(date +%s.%N)
    if [ -z "$deployed" ] && [ -f "$base/deployments/tlim.ear.deployed" ]; then
      deployed=$(echo "$now - $t0" | bc)
    fi
    if curl -fsS --max-time 1 "http://127.0.0.1:$management_port/health/ready" 2>/dev/null | grep -q '"status" *: *"UP"'; then
      ready=$(echo "$now - $t0" | bc)
      [ -n "$deployed" ] || deployed=$ready
      break
    fi
    if [ -f "$base/deployments/tlim.ear.failed" ]; then outcome=failed; break; fi
    if ! kill -0 "$wildfly_pid" 2>/dev/null; then outcome=exited; break; fi
    if [ "$(echo "$now - $t0 > 180" | bc)" = 1 ]; then outcome=timeout; break; fi
    sleep 0.1
  done
  if [ "$outcome" = ready ]; then
    printf 'boot,%s,%s,%.2f,%.2f,%s,ready,%s\n' "$server" "$run" "$deployed" "$ready" "$(loadavg | tr ' ' ,)" "$others" >>"$csv"
    echo "$server $run: deployed after $deployed s, ready after $ready s (load $(loadavg))"
    [ "$run" != "$boots" ] || probes "$server"
  else
    failures=$((failures + 1))
    printf 'boot,%s,%s,%s,,%s,%s,%s\n' "$server" "$run" "$deployed" "$(loadavg | tr ' ' ,)" "$outcome" "$others" >>"$csv"
    echo "$server $run: tlim.ear not ready ($outcome); see $base/log/server.log" >&2
    [ ! -f "$base/deployments/tlim.ear.failed" ] || head -c 2000 "$base/deployments/tlim.ear.failed" >&2
    [ "$run" != "$boots" ] || probes "$server"
  fi
  scale_stop_wildfly
  cp "$base/log/server.log" "$work/logs/$server-$run.log" 2>/dev/null || true
  rm -rf "$base/data" "$base/tmp"
}

echo "==> $boots boots of each server, alternately, port offset $offset"
for i in $(seq 1 "$boots"); do
  boot trimmed "$i"
  boot full "$i"
done
cleanup

# ---- 5. results ------------------------------------------------------------------------------
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "–"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -F, -v s="$1" -v c="$2" '$1 == "boot" && $2 == s && $9 == "ready" { print $c }' "$csv"; }
while IFS=, read -r name mb modules_mb jars; do
  printf 'size,%s,server_mb,%s,,,,,,\nsize,%s,modules_mb,%s,,,,,,\nsize,%s,module_jars,%s,,,,,,\n' \
    "$name" "$mb" "$name" "$modules_mb" "$name" "$jars" >>"$csv"
done <<<"$sizes"
size_of() { awk -F, -v s="$1" -v c="$2" '$1 == s { print $c }' <<<"$sizes"; }

# subsystems <standalone xml>: the subsystems' names, from their namespaces
subsystems() {
  grep -o '<subsystem xmlns="urn:[^"]*"' "$1" | sed -E 's/.*"urn:(jboss:domain:|wildfly:)?([^:"]+).*/\2/' | sort -u
}
subsystems "$full_home/standalone/configuration/standalone-full.xml" >"$work/subsystems-full"
subsystems "$trim_home/standalone/configuration/$trim_config" >"$work/subsystems-trimmed"

# log_groups <log>...: WARN/ERROR lines grouped by level, logger and message id (or the
# message's start), as "key<TAB>count<TAB>first example"
log_groups() {
  cat "$@" 2>/dev/null | awk '
    match($0, /^[0-9-]+ [0-9:,]+ (WARN|ERROR) +\[[^]]*\] \([^)]*\) /) {
      head = substr($0, 1, RLENGTH); msg = substr($0, RLENGTH + 1)
      split(head, h, " "); level = h[3]; logger = h[4]
      id = msg; if (match(msg, /^[A-Z][A-Z0-9]*[0-9][0-9][0-9]+:/)) id = substr(msg, 1, RLENGTH - 1); else id = substr(msg, 1, 60)
      key = level " " logger " " id
      if (!(key in n)) { order[++k] = key; example[key] = substr(msg, 1, 220) }
      n[key]++
    }
    END { for (i = 1; i <= k; i++) printf "%s\t%d\t%s\n", order[i], n[order[i]], example[order[i]] }'
}
log_groups "$work"/logs/trimmed-*.log >"$work/groups-trimmed"
log_groups "$work"/logs/full-*.log >"$work/groups-full"
# phases <server>: per boot, seconds from WildFly starting to tlim.ear's deployment starting, and
# from there to it being deployed
phases() {
  local log
  for log in "$work"/logs/"$1"-*.log; do
    awk 'function t(s, a) { split(s, a, /[ :,]/); return a[2] * 3600 + a[3] * 60 + a[4] + a[5] / 1000 }
      /WFLYSRV0049/ && !s { s = t($0) }
      /WFLYSRV0027: Starting deployment of "tlim.ear"/ && !d { d = t($0) }
      /WFLYSRV0010: Deployed "tlim.ear"/ { e = t($0) }
      END { if (s && d && e) printf "%.1f %.1f\n", d - s, e - d }' "$log"
  done
}
md_cell() { sed -e 's/|/\\|/g' -e 's/`/'"'"'/g'; }
layers=$(grep -o '<layer>[^<]*</layer>' "$pom" | sed -E 's/<\/?layer>//g' | paste -sd, - | sed 's/,/, /g')

{
  [ -z "$label" ] || printf '**%s.**\n\n' "$label"
  echo "# Galleon-trimmed WildFly against the full distribution (P5), $stamp"
  echo
  echo "Command: \`bench/galleon.sh$command_line\`. WildFly 39.0.1.Final, $(java -version 2>&1 | head -1 | sed 's/"//g'), tlim.ear of $(date -r "$ear" '+%Y-%m-%d %H:%M'), $(nproc) CPUs, -Xms512m -Xmx1g, port offset $offset, load average at the start $start_load."
  echo
  echo "- **trimmed**: provisioned by \`wildfly-maven-plugin\` 5.1.5.Final (\`provision\`) from \`org.wildfly:wildfly-galleon-pack:39.0.1.Final\` with the layers **$layers** (\`bench/galleon/pom.xml\`; websockets come with \`servlet\`, Jakarta Concurrency with \`ee\`, transactions with \`ejb-lite\`/\`jpa\`), provisioning took $provision_seconds; then the PostgreSQL module and \`wildfly-config/scripts/configure-tlim.cli\` as \`configure.sh\` applies them, to its \`$trim_config\`$( [ "$trim_config" = standalone-full.xml ] || echo " (a copy of the CLI with \`--server-config=standalone.xml\`, the only change)")."
  echo "- **full**: \`wildfly-config/target/wildfly\`, the unpacked \`wildfly-dist\` with the same configuration applied to \`standalone-full.xml\`."
  echo
  echo "## Size on disk"
  echo
  echo "| server | \`du -sm\` | modules/ | module jars |"
  echo "|---|---:|---:|---:|"
  for s in trimmed full; do echo "| $s | $(size_of $s 2) MB | $(size_of $s 3) MB | $(size_of $s 4) |"; done
  echo
  echo "## Start to tlim.ear deployed and ready"
  echo
  echo "From launching \`standalone.sh\` to the \`tlim.ear.deployed\` marker and to \`/health/ready\` on the management port answering UP (tlim's checks: the database, the XMPP component stream to a private Prosody, the dead letters). Every boot on a fresh copy of the server's configuration as base directory (\`-Djboss.server.base.dir\`), so each one also creates the H2 schema and the Artemis and transaction journals; tlim.ear on the embedded H2 default (no \`TLIM_DB_*\`). The servers alternate (trimmed, full, trimmed, …) and both servers' module jars were read once before the first boot, so neither pays for a cold page cache alone; before the first boot the script $settled."
  echo
  echo "| server | boot | to deployed | to ready | load average 1 / 5 / 15 min (at ready) | outcome | other Java processes at its start |"
  echo "|---|---:|---:|---:|---|---|---:|"
  awk -F, '$1 == "boot" { printf "| %s | %s | %s | %s | %s / %s / %s | %s | %s |\n", $2, $3, ($4 == "" ? "–" : $4 " s"), ($5 == "" ? "–" : $5 " s"), $6, $7, $8, $9, $10 }' "$csv"
  echo
  echo "| server | median to deployed | median to ready | boots ready | load (1 min) over its boots |"
  echo "|---|---:|---:|---:|---|"
  for s in trimmed full; do
    echo "| $s | $(col $s 4 | median) s | $(col $s 5 | median) s | $(col $s 5 | wc -l) of $boots | $(awk -F, -v s=$s '$1 == "boot" && $2 == s { print $6 }' "$csv" | sort -n | sed -n '1p;$p' | paste -sd- -) |"
  done
  echo
  echo "Where the time goes, from each boot's \`server.log\` (medians over the boots): the server's own start (\`WFLYSRV0049\` starting → \`WFLYSRV0027\` starting the deployment of tlim.ear) and the deployment (→ \`WFLYSRV0010\` deployed; EclipseLink, the schema, the EJBs, the connector and the MDBs)."
  echo
  echo "| server | median server start | median tlim.ear deployment |"
  echo "|---|---:|---:|"
  for s in trimmed full; do
    phases $s >"$work/phases-$s"
    echo "| $s | $(cut -d' ' -f1 "$work/phases-$s" | median) s | $(cut -d' ' -f2 "$work/phases-$s" | median) s |"
  done
  echo
  echo "## Endpoints on the last boot"
  echo
  echo "HTTP status codes (the same code on both servers: the same behaviour; no token is sent, so the API and the WebSocket refuse)."
  echo
  echo "| endpoint | trimmed | full |"
  echo "|---|---|---|"
  if [ -f "$work/probes-trimmed" ] || [ -f "$work/probes-full" ]; then
    touch "$work/probes-trimmed" "$work/probes-full"
    awk '{ i = index($0, "|"); e = substr($0, 1, i - 1); v = substr($0, i + 1) }
      FNR == NR { t[e] = v; order[++k] = e; next } { f[e] = v; if (!(e in t)) order[++k] = e }
      END { for (i = 1; i <= k; i++) { e = order[i]; gsub(/\|/, "\\|", t[e]); gsub(/\|/, "\\|", f[e]); printf "| %s | %s | %s |\n", e, t[e], f[e] } }' \
      "$work/probes-trimmed" "$work/probes-full" | sed 's/`//g'
  fi
  echo
  echo "## Subsystems"
  echo
  echo "- in the full server's \`standalone-full.xml\`, not in the trimmed server's \`$trim_config\`: $(comm -23 "$work/subsystems-full" "$work/subsystems-trimmed" | sed 's/.*/`&`/' | paste -sd, - | sed 's/,/, /g')"
  echo "- in the trimmed server only: $(comm -13 "$work/subsystems-full" "$work/subsystems-trimmed" | sed 's/.*/`&`/' | paste -sd, - | sed 's/,/, /g' | grep . || echo none)"
  echo "- in both ($(comm -12 "$work/subsystems-full" "$work/subsystems-trimmed" | wc -l)): $(comm -12 "$work/subsystems-full" "$work/subsystems-trimmed" | paste -sd, - | sed 's/,/, /g')"
  echo
  echo "## WARN and ERROR lines of server.log, grouped"
  echo
  echo "Over all $boots boots of each server: level, logger and message id (or the message's start), how often, and the first such line. \`WFLYMPHEALTH0003\` (health DOWN) is logged for each of this script's own polls of \`/health/ready\` (every 0.1 s) before the server is ready, so its count follows the boot time; the keystore lines are WildFly's self-signed certificate made on first use in each fresh base directory."
  echo
  echo "| level, logger, id | trimmed | full | first line |"
  echo "|---|---:|---:|---|"
  awk -F'\t' 'FNR == NR { t[$1] = $2; ex[$1] = $3; order[++k] = $1; next }
    { f[$1] = $2; if (!($1 in t)) { order[++k] = $1; ex[$1] = $3 } }
    END { for (i = 1; i <= k; i++) { g = order[i]; printf "%s\t%d\t%d\t%s\n", g, t[g], f[g], ex[g] } }' \
    "$work/groups-trimmed" "$work/groups-full" | sort -t$'\t' -k2,2nr -k3,3nr \
    | while IFS=$'\t' read -r g nt nf ex; do
        printf '| %s | %s | %s | `%s` |\n' "$(md_cell <<<"$g")" "$nt" "$nf" "$(md_cell <<<"$ex")"
      done
  echo
  echo "Wall time of the whole command: $(( $(date +%s) - started )) s. Logs: \`bench/target/galleon/logs\`."
} >"$md"
echo "==> results: ${md#"$root"/}"
[ "$failures" = 0 ] || { echo "$failures boots did not get ready" >&2; exit 1; }
