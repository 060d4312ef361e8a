# Shell functions that start and stop the services tlim runs beside: a private PostgreSQL
# cluster and a Prosody XMPP server, each in a folder of its own. Sourced by run.sh and the
# integration tests. Both need only Debian's packages (postgresql-15, prosody).

# ensure_packages <debian-package>...: installs what is missing when we are root on Debian,
# otherwise says what to install. The tests and the run script need prosody and postgresql.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> installing ${missing[*]} (Debian packages)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    return 1
  fi
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
  prosodyctl --config "$dir/prosody.cfg.lua" start >"$dir/start.log" 2>&1 || { cat "$dir/start.log" >&2; return 1; }
  local i
  for i in $(seq 1 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$c2s") 2>/dev/null; then
      echo "Prosody for $domain on 127.0.0.1:$c2s (component $name.$domain on :$component)"
      return 0
    fi
    sleep 0.1
  done
  echo "Prosody did not open port $c2s; see $dir/prosody.log" >&2
  cat "$dir/prosody.err" "$dir/start.log" >&2 2>/dev/null || true
  return 1
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
