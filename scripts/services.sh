# Shell functions that start and stop the services tlim runs beside: a private PostgreSQL
# cluster and a Prosody or ejabberd XMPP server, each in a folder of its own. Sourced by run.sh
# and the integration tests; run as a script, it calls one of its functions
# (`services.sh restart_xmpp_server ejabberd <state-dir>`). All need only Debian's packages
# (postgresql-15, prosody, ejabberd).

# ensure_packages <debian-package>...: installs what is missing when we are root on Debian,
# otherwise says what to install. The tests and the run script need prosody and postgresql (the
# tests also ejabberd). Debian's ejabberd package starts a system-wide ejabberd on the standard
# ports when it is installed; that one is stopped and disabled again (ours run privately).
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing ${missing[*]} (Debian packages)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    case " ${missing[*]} " in
      *" ejabberd "*) disable_system_ejabberd ;;
    esac
  else
    echo "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    return 1
  fi
}

# await_ports <pid-file> <seconds> <port>...: waits until every port on loopback accepts
# connections; fails early when the pid file names a process that has exited.
await_ports() {
  local pidfile=$1 seconds=$2 i port up
  shift 2
  for i in $(seq 1 $((seconds * 10))); do
    up=1
    for port in "$@"; do
      (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null || { up=0; break; }
    done
    [ "$up" = 1 ] && return 0
    if [ -s "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      return 1
    fi
    sleep 0.1
  done
  return 1
}

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
  echo "$dir"
}

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root).
as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_postgres <state-dir> <port> <db-user> <db-password>: a cluster whose data lives in a
# temporary folder the postgres user can reach, recorded in <state-dir>/datadir.
start_postgres() {
  local state=$1 port=$2 user=$3 password=$4 bin data
  bin=$(pg_bin)
  mkdir -p "$state"
  data=$(mktemp -d /tmp/tlim-pg.XXXXXX)
  echo "$data" > "$state/datadir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  as_pg_user "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 \
    || { cat "$state/initdb.log" >&2; return 1; }
  echo "$port" > "$state/port"
  postgres_start_again "$state"
  as_pg_user "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "create user $user password '$password'" -c "create database $user owner $user" >/dev/null
  echo "PostgreSQL on 127.0.0.1:$port (data $data)"
}

# postgres_start_again <state-dir>: starts a cluster made by start_postgres (after postgres_stop_now)
postgres_start_again() {
  local state=$1 data port bin
  data=$(cat "$state/datadir"); port=$(cat "$state/port"); bin=$(pg_bin)
  as_pg_user "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
}

# postgres_stop_now <state-dir>: stops the cluster the way a crash would (immediate: no
# checkpoint, every connection cut); the fault tests use it
postgres_stop_now() {
  local state=$1 data bin
  data=$(cat "$state/datadir"); bin=$(pg_bin)
  as_pg_user "$bin/pg_ctl" -D "$data/db" -m immediate -w stop >/dev/null
}

stop_postgres() {
  local state=$1 data bin
  [ -f "$state/datadir" ] || return 0
  data=$(cat "$state/datadir")
  bin=$(pg_bin)
  if [ -d "$data/db" ]; then
    as_pg_user "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$data" "$state/datadir"
}

# start_prosody <state-dir> <domain> <c2s-port> <component-port> <component-secret> <component-name> [more component names]
start_prosody() {
  local dir=$1 domain=$2 c2s=$3 component=$4 secret=$5 name=$6
  local more_components="" extra
  for extra in "${@:7}"; do
    more_components="$more_components
Component \"$extra.$domain\"
  component_secret = \"$secret\""
  done
  command -v prosodyctl >/dev/null || { echo "prosody is not installed (apt-get install prosody)" >&2; return 1; }
  mkdir -p "$dir/data" "$dir/certs"
  cat > "$dir/prosody.cfg.lua" <<LUA
-- written by scripts/services.sh; a private Prosody on loopback for tlim
run_as_root = true
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
certificates = "$dir/certs"
log = { info = "$dir/prosody.log"; error = "$dir/prosody.err" }
interfaces = { "127.0.0.1" }
c2s_ports = { $c2s }
component_ports = { $component }
component_interfaces = { "127.0.0.1" }
s2s_ports = { }
http_ports = { }
https_ports = { }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "posix"; "admin_shell" }
modules_disabled = { "s2s"; "tls"; "offline" }
VirtualHost "$domain"
Component "$name.$domain"
  component_secret = "$secret"$more_components
LUA
  echo "$c2s $component" > "$dir/ports"
  prosodyctl --config "$dir/prosody.cfg.lua" start >"$dir/start.log" 2>&1 || { cat "$dir/start.log" >&2; return 1; }
  if ! await_ports "$dir/prosody.pid" 10 $c2s; then
    echo "Prosody did not open port $c2s; see $dir/prosody.log" >&2
    cat "$dir/prosody.err" "$dir/start.log" >&2 2>/dev/null || true
    return 1
  fi
  echo "Prosody for $domain on 127.0.0.1:$c2s (component $name.$domain on :$component)"
}

register_xmpp_user() {
  local dir=$1 user=$2 domain=$3 password=$4
  prosodyctl --config "$dir/prosody.cfg.lua" register "$user" "$domain" "$password" >/dev/null
}

stop_prosody() {
  local dir=$1
  [ -f "$dir/prosody.cfg.lua" ] || return 0
  prosodyctl --config "$dir/prosody.cfg.lua" stop >/dev/null 2>&1 || true
  if [ -f "$dir/prosody.pid" ]; then
    kill "$(cat "$dir/prosody.pid")" 2>/dev/null || true
  fi
}

# create_postgres_database <port> <database> <owner>: one more database in a cluster
# start_postgres made (e.g. one per XMPP server the tests run against).
create_postgres_database() {
  local port=$1 database=$2 owner=$3 bin
  bin=$(pg_bin)
  as_pg_user "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "create database \"$database\" owner \"$owner\"" >/dev/null
}

# ---- ejabberd ----------------------------------------------------------------------------------
# A private ejabberd (Debian's ejabberd 23.01) with its own configuration, Mnesia spool and logs
# under <state-dir>, listening on loopback only. It runs as the calling user, root included: Debian's
# ejabberdctl switches root to the ejabberd user and refuses anyone else, so a copy of it with
# that switched off drives the instance. It is controlled through Erlang distribution on a port of
# its own (no epmd) with a cookie of its own, so several instances, and the system's ejabberd,
# never see each other.

# The system-wide ejabberd the Debian package starts on 5222/5269/5280 when installed.
disable_system_ejabberd() {
  if [ -d /run/systemd/system ]; then
    systemctl disable --now ejabberd >/dev/null 2>&1 || true
  else
    invoke-rc.d ejabberd stop >/dev/null 2>&1 || true
    update-rc.d ejabberd disable >/dev/null 2>&1 || true
    systemctl disable ejabberd >/dev/null 2>&1 || true
  fi
  # if it runs anyway, its node (the package's configuration) is asked to stop
  if pgrep -u ejabberd beam >/dev/null 2>&1; then
    timeout 30 ejabberdctl stop >/dev/null 2>&1 || true
  fi
}

# free_port: a TCP port nobody listens on (for the Erlang distribution of an instance).
free_port() {
  local port used
  used=$(ss -Htan 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
  while :; do
    port=$((20000 + RANDOM % 30000))
    grep -qx "$port" <<<"$used" || { echo "$port"; return; }
  done
}

# ejabberdctl_at <state-dir> <command> [args]: ejabberdctl against the instance in <state-dir>.
ejabberdctl_at() {
  local dir=$1; shift
  HOME="$dir" bash "$dir/ejabberdctl" --config-dir "$dir/config" --spool "$dir/spool" --logs "$dir/log" "$@"
}

# start_ejabberd <state-dir> <domain> <c2s-port> <component-port> <component-secret> <component-name> [more component names]
start_ejabberd() {
  local dir=$1 domain=$2 c2s=$3 component=$4 secret=$5 name=$6
  local hosts="" extra dist node
  for extra in "$name" "${@:7}"; do
    hosts="$hosts
      \"$extra.$domain\":
        password: \"$secret\""
  done
  local ctl
  ctl=$(command -v ejabberdctl) || { echo "ejabberd is not installed (apt-get install ejabberd)" >&2; return 1; }
  mkdir -p "$dir/config" "$dir/spool" "$dir/log"
  # Debian's ejabberdctl, running as whoever calls it
  sed -e 's/^INSTALLUSER=.*/INSTALLUSER=/' -e '/It is not recommended to run ejabberd as root/d' "$ctl" > "$dir/ejabberdctl"
  dist=${EJABBERD_DIST_PORT:-$(free_port)}
  node="tlim-$c2s@localhost"
  # the Erlang cookie, read from $HOME (ejabberdctl_at sets HOME to the state dir)
  [ -f "$dir/.erlang.cookie" ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$dir/.erlang.cookie")
  cat > "$dir/config/ejabberdctl.cfg" <<CFG
# written by scripts/services.sh; sourced by ejabberdctl
ERLANG_NODE=$node
ERL_DIST_PORT=$dist
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0 -kernel inet_dist_use_interface {127,0,0,1}"
EJABBERD_PID_PATH=$dir/ejabberd.pid
CONTRIB_MODULES_PATH=$dir/contrib
CONTRIB_MODULES_CONF_DIR=$dir/contrib/conf
EJABBERD_BYPASS_WARNINGS=true
CFG
  cat > "$dir/config/ejabberd.yml" <<YML
# written by scripts/services.sh; a private ejabberd on loopback for tlim
loglevel: info
log_rotate_count: 0
hosts:
  - "$domain"
# no TLS at all, no certificates to fetch
acme:
  auto: false
listen:
  -
    port: $c2s
    ip: "127.0.0.1"
    module: ejabberd_c2s
    max_stanza_size: 262144
    shaper: none
    access: c2s
    starttls: false
    starttls_required: false
  -
    port: $component
    ip: "127.0.0.1"
    module: ejabberd_service
    shaper: none
    hosts:$hosts
auth_method: internal
auth_password_format: plain
s2s_access: none
acl:
  local:
    user_regexp: ""
access_rules:
  local:
    allow: local
  c2s:
    allow: all
api_permissions:
  "console commands":
    from:
      - ejabberd_ctl
    who: all
    what: "*"
shaper_rules:
  max_user_sessions: 100
# the equivalent of Prosody's: no offline store (mod_offline), no stream management
# (mod_stream_mgmt), no carbons; roster (subscriptions to the service), disco and ping only
modules:
  mod_roster: {}
  mod_disco: {}
  mod_ping: {}
YML
  printf '%s\n' '{lookup,["file","native"]}.' '{host,{127,0,0,1}, ["localhost"]}.' > "$dir/config/inetrc"
  echo "$c2s $component" > "$dir/ports"
  rm -f "$dir/ejabberd.pid"
  run_ejabberd "$dir" || return 1
  echo "ejabberd for $domain on 127.0.0.1:$c2s (component $name.$domain on :$component)"
}

# run_ejabberd <state-dir>: starts the instance start_ejabberd configured and waits for its ports.
run_ejabberd() {
  local dir=$1
  ejabberdctl_at "$dir" start >"$dir/start.log" 2>&1 || { cat "$dir/start.log" >&2; return 1; }
  # it writes its pid file once it runs, and exits if it refuses the configuration
  if ! await_ports "$dir/ejabberd.pid" 30 $(cat "$dir/ports"); then
    echo "ejabberd did not open ports $(cat "$dir/ports"); see $dir/log/ejabberd.log" >&2
    tail -n 30 "$dir/log/error.log" "$dir/start.log" >&2 2>/dev/null || true
    return 1
  fi
}

register_ejabberd_user() {
  local dir=$1 user=$2 domain=$3 password=$4
  ejabberdctl_at "$dir" register "$user" "$domain" "$password" >/dev/null
}

# stop_ejabberd <state-dir>: stops the instance and waits until its VM has exited.
stop_ejabberd() {
  local dir=$1 pid i
  [ -f "$dir/config/ejabberd.yml" ] || return 0
  pid=$(cat "$dir/ejabberd.pid" 2>/dev/null || true)
  # asked to stop; else (no control copy, say) SIGTERM, on which the Erlang VM stops in order
  ejabberdctl_at "$dir" stop >/dev/null 2>&1 || { [ -n "$pid" ] && kill "$pid" 2>/dev/null; } || true
  if [ -n "$pid" ]; then
    for i in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/ejabberd.pid"
}

# ---- either server -------------------------------------------------------------------------------
# The same operations on whichever server <kind> (prosody | ejabberd) start_<kind> set up in
# <state-dir>; the integration tests call them as `services.sh xmpp_server_restart <kind> <dir>`.

xmpp_server_stop() {
  local kind=$1 dir=$2
  case $kind in
    prosody) prosodyctl --config "$dir/prosody.cfg.lua" stop >/dev/null ;;
    ejabberd) stop_ejabberd "$dir" ;;
    *) echo "unknown XMPP server $kind" >&2; return 2 ;;
  esac
}

# xmpp_server_start <kind> <dir>: starts it again as it was configured, and waits for its ports.
xmpp_server_start() {
  local kind=$1 dir=$2
  case $kind in
    prosody)
      prosodyctl --config "$dir/prosody.cfg.lua" start >"$dir/start.log" 2>&1 || { cat "$dir/start.log" >&2; return 1; }
      await_ports "$dir/prosody.pid" 10 $(cat "$dir/ports") || { echo "Prosody did not come back" >&2; return 1; }
      ;;
    ejabberd) run_ejabberd "$dir" ;;
    *) echo "unknown XMPP server $kind" >&2; return 2 ;;
  esac
}

xmpp_server_restart() {
  xmpp_server_stop "$@" && xmpp_server_start "$@"
}

# xmpp_server_register <kind> <dir> <user> <domain> <password>
xmpp_server_register() {
  local kind=$1
  shift
  case $kind in
    prosody) register_xmpp_user "$@" ;;
    ejabberd) register_ejabberd_user "$@" ;;
    *) echo "unknown XMPP server $kind" >&2; return 2 ;;
  esac
}

# run as a script: call one of the functions above
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  "$@"
fi
