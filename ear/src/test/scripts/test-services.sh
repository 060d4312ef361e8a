#!/usr/bin/env bash
# Starts and stops the real services the integration tests run against: a private PostgreSQL
# cluster and a Prosody XMPP server on loopback ports, plus a fresh WildFly base directory.
#   test-services.sh start   (IT_DIR, IT_PG_PORT, IT_C2S_PORT, IT_COMPONENT_PORT, IT_DOMAIN,
#                             IT_SECRET, WILDFLY_HOME from the environment)
#   test-services.sh stop    (IT_DIR)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../../../scripts/services.sh"

: "${IT_DIR:?}"
case "${1:-}" in
  start)
    ensure_packages prosody postgresql libaio1 chromium chromium-driver
    stop_postgres "$IT_DIR/postgres" || true
    stop_prosody "$IT_DIR/prosody" || true
    rm -rf "$IT_DIR"
    mkdir -p "$IT_DIR"
    start_postgres "$IT_DIR/postgres" "$IT_PG_PORT" tlim tlim
    start_prosody "$IT_DIR/prosody" "$IT_DOMAIN" "$IT_C2S_PORT" "$IT_COMPONENT_PORT" "$IT_SECRET" tlim
    for user in alice bob carol dave erin; do
      register_xmpp_user "$IT_DIR/prosody" "$user" "$IT_DOMAIN" "${user}pw"
    done
    # a WildFly base directory of the tests' own, so runs never share data or deployments
    mkdir -p "$IT_DIR/wildfly/deployments"
    cp -r "$WILDFLY_HOME/standalone/configuration" "$IT_DIR/wildfly/"
    ;;
  stop)
    stop_prosody "$IT_DIR/prosody" || true
    stop_postgres "$IT_DIR/postgres" || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
