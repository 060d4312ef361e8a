#!/usr/bin/env bash
# Runs tlim locally on its embedded defaults: builds the application, provisions and configures
# WildFly (wildfly-config), starts a local Prosody for development unless TLIM_XMPP_HOST names
# an XMPP server, deploys the EAR and runs the server in the foreground. Ctrl-C stops it all.
# State (H2 database, JMS journal, Prosody's data) lives under ./data (TLIM_DATA_DIR).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
source scripts/services.sh

data=${TLIM_DATA_DIR:-$root/data}
mkdir -p "$data"
data=$(cd "$data" && pwd)
home=$root/wildfly-config/target/wildfly

if [ "${TLIM_SKIP_BUILD:-0}" != 1 ]; then
  echo "==> building (mvn package, tests skipped; the first build downloads WildFly)"
  mvn -B -q -DskipTests package
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "==> stopping"
  # stop the JVM itself (standalone.sh can keep looping after its JVM is gone), then the script
  local jvm
  jvm=$(cat "$data/wildfly.pid" 2>/dev/null || true)
  if [ -n "$jvm" ]; then
    kill "$jvm" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$jvm" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$jvm" 2>/dev/null || true
  fi
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  [ -n "${local_xmpp:-}" ] && stop_prosody "$data/prosody"
  echo "stopped"
}
trap cleanup INT TERM EXIT

# ---- XMPP server ---------------------------------------------------------------------------
if [ -z "${TLIM_XMPP_HOST:-}" ]; then
  local_xmpp=1
  ensure_packages prosody || { echo "or set TLIM_XMPP_HOST to use another XMPP server" >&2; exit 1; }
  export TLIM_XMPP_HOST=127.0.0.1
  export TLIM_XMPP_PORT=${TLIM_XMPP_PORT:-5347}
  export TLIM_XMPP_DOMAIN=${TLIM_XMPP_DOMAIN:-localhost}
  export TLIM_XMPP_COMPONENT=${TLIM_XMPP_COMPONENT:-tlim}
  c2s_port=${TLIM_C2S_PORT:-5222}
  mkdir -p "$data/prosody"
  [ -f "$data/prosody/secret" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$data/prosody/secret"
  export TLIM_XMPP_SECRET=${TLIM_XMPP_SECRET:-$(cat "$data/prosody/secret")}
  stop_prosody "$data/prosody"
  echo "==> starting Prosody for $TLIM_XMPP_DOMAIN"
  start_prosody "$data/prosody" "$TLIM_XMPP_DOMAIN" "$c2s_port" "$TLIM_XMPP_PORT" "$TLIM_XMPP_SECRET" "$TLIM_XMPP_COMPONENT"
  for user in alice bob carol; do
    register_xmpp_user "$data/prosody" "$user" "$TLIM_XMPP_DOMAIN" "${user}pw"
  done
fi

# ---- database ------------------------------------------------------------------------------
if [ -n "${TLIM_DB_URL:-}" ] && [ -z "${TLIM_DB_DRIVER:-}" ]; then
  case "$TLIM_DB_URL" in
    jdbc:postgresql:*) export TLIM_DB_DRIVER=postgresql ;;
    jdbc:h2:*) export TLIM_DB_DRIVER=h2 ;;
  esac
fi

# ---- bearer tokens ---------------------------------------------------------------------------
# Every API call needs a JWT. Unless TLIM_JWT_PUBLIC_KEY or TLIM_JWT_SECRET names the real
# issuer's key, the local run signs its own: an HS256 secret generated once under the data
# directory, and ready tokens for the demo users printed below (scripts/dev-token.sh). Nothing of
# this is in the server's configuration: a server configured without these variables has no key.
dev_tokens=
if [ -z "${TLIM_JWT_PUBLIC_KEY:-}" ] && [ -z "${TLIM_JWT_SECRET:-}" ]; then
  dev_tokens=1
  [ -f "$data/jwt-secret" ] || (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$data/jwt-secret")
  export TLIM_JWT_SECRET=$(cat "$data/jwt-secret")
  export TLIM_JWT_ISSUER=${TLIM_JWT_ISSUER:-tlim-dev}
  export TLIM_JWT_AUDIENCE=${TLIM_JWT_AUDIENCE:-tlim}
fi

# Artemis journals with Linux AIO when libaio is there (faster durable writes), NIO otherwise
ensure_packages libaio1 || true

# ---- WildFly -------------------------------------------------------------------------------
# a base directory of our own: configuration copied fresh from the configured server each run,
# data (H2 database, JMS journal) kept between runs
base=$data/wildfly
mkdir -p "$base/deployments"
rm -rf "$base/configuration"
cp -r "$home/standalone/configuration" "$base/configuration"
cp ear/target/tlim.ear "$base/deployments/tlim.ear"
http_port=${TLIM_HTTP_PORT:-8080}
echo "==> starting WildFly (logs: $base/log/server.log)"
# standalone.sh forwards INT/TERM to the JVM only when it runs it in the background
JBOSS_PIDFILE="$data/wildfly.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx1g}" bash "$home/bin/standalone.sh" -c standalone-full.xml \
  -Djboss.server.base.dir="$base" >"$data/wildfly.out" 2>&1 &
pids+=($!)

for i in $(seq 1 180); do
  if [ -f "$base/deployments/tlim.ear.deployed" ]; then break; fi
  if [ -f "$base/deployments/tlim.ear.failed" ]; then
    echo "deployment failed:" >&2; cat "$base/deployments/tlim.ear.failed" >&2; exit 1
  fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    echo "WildFly exited; see $data/wildfly.out" >&2; exit 1
  fi
  sleep 1
done
[ -f "$base/deployments/tlim.ear.deployed" ] || { echo "deployment did not finish in 180 s" >&2; exit 1; }

# the demo users go into the directory, so they can message each other before they ever
# contacted the service (the directory is filled by the company's backend in production)
if [ -n "${local_xmpp:-}" ] && [ -n "$dev_tokens" ]; then
  curl -fsS -o /dev/null -H "Authorization: Bearer $(scripts/dev-token.sh tlim-backend service)" \
    -H 'Content-Type: application/json' \
    -d '{"users":[{"user_id":"alice","user_name":"Alice"},{"user_id":"bob","user_name":"Bob"},{"user_id":"carol","user_name":"Carol"}]}' \
    "http://127.0.0.1:$http_port/plugins/tlim/addUser" || echo "(could not add the demo users to the directory)" >&2
fi

cat <<INFO

tlim is running.
  HTTP API      http://localhost:$http_port/plugins/tlim/   (bearer token required; e.g. findChatHistory?session_id=bob&user_id=alice)
  Web client    http://localhost:$http_port/   (sign in with a link below, or paste a token)
  Health        http://127.0.0.1:9990/health/ready  (and /health/live; management interface)
  Metrics       http://127.0.0.1:9990/prometheus
  XMPP service  $TLIM_XMPP_COMPONENT.$TLIM_XMPP_DOMAIN (send envelopes here)
INFO
if [ -n "${local_xmpp:-}" ]; then
  cat <<INFO
  XMPP server   Prosody on 127.0.0.1:$c2s_port, domain $TLIM_XMPP_DOMAIN, plain auth without TLS (development only)
  Demo users    alice/alicepw  bob/bobpw  carol/carolpw
INFO
fi
if [ -n "$dev_tokens" ]; then
  echo "  Tokens        (development; 12 h; scripts/dev-token.sh <user> [user|service] makes more)"
  tokens=()
  for user in alice bob carol; do
    token=$(scripts/dev-token.sh "$user")
    tokens+=("$user" "$token")
    printf '    %-6s %s\n' "$user" "$token"
  done
  printf '    %-6s %s\n' "service" "$(scripts/dev-token.sh tlim-backend service)"
  echo "  e.g. curl -H \"Authorization: Bearer \$TOKEN\" 'http://localhost:$http_port/plugins/tlim/findSessions?user_id=alice'"
  # the web client takes a token handed over in the URL fragment (never sent to a server log)
  echo "  Web client    (one link per demo user; open each in its own browser or private window)"
  for ((i = 0; i < ${#tokens[@]}; i += 2)); do
    printf '    %-6s http://localhost:%s/#token=%s\n' "${tokens[i]}" "$http_port" "${tokens[i + 1]}"
  done
fi
cat <<INFO
  Data          $data
Press Ctrl-C to stop.
INFO
wait "${pids[0]}"
