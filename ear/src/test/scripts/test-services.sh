#!/usr/bin/env bash
# Starts and stops the real services the integration tests run against: a private PostgreSQL
# cluster, a Prosody and an ejabberd XMPP server on loopback ports, and a fresh WildFly base
# directory per XMPP server. The tests run twice, once per server (ear/pom.xml); the two runs
# share only the PostgreSQL cluster, each with a database of its own.
#   test-services.sh start   (IT_DIR, IT_PG_PORT, IT_C2S_PORT, IT_COMPONENT_PORT,
#                             IT_EJABBERD_C2S_PORT, IT_EJABBERD_COMPONENT_PORT, IT_DOMAIN,
#                             IT_SECRET, WILDFLY_HOME from the environment; IT_EJABBERD_SKIP=true
#                             leaves ejabberd out)
#   test-services.sh stop    (IT_DIR)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../../../scripts/services.sh"

: "${IT_DIR:?}"
users="alice bob carol dave erin"

# a WildFly base directory of a run's own, so runs never share data or deployments
wildfly_base() {
  mkdir -p "$1/deployments"
  cp -r "$WILDFLY_HOME/standalone/configuration" "$1/"
}

case "${1:-}" in
  start)
    ejabberd=true
    [ "${IT_EJABBERD_SKIP:-false}" = true ] && ejabberd=false
    packages=(prosody postgresql libaio1 chromium chromium-driver)
    [ "$ejabberd" = true ] && packages+=(ejabberd)
    ensure_packages "${packages[@]}"
    stop_ejabberd "$IT_DIR/ejabberd" || true
    stop_prosody "$IT_DIR/prosody" || true
    stop_postgres "$IT_DIR/postgres" || true
    rm -rf "$IT_DIR"
    mkdir -p "$IT_DIR"
    start_postgres "$IT_DIR/postgres" "$IT_PG_PORT" tlim tlim
    start_prosody "$IT_DIR/prosody" "$IT_DOMAIN" "$IT_C2S_PORT" "$IT_COMPONENT_PORT" "$IT_SECRET" tlim
    for user in $users; do
      register_xmpp_user "$IT_DIR/prosody" "$user" "$IT_DOMAIN" "${user}pw"
    done
    wildfly_base "$IT_DIR/wildfly"
    if [ "$ejabberd" = true ]; then
      create_postgres_database "$IT_PG_PORT" tlim_ejabberd tlim
      start_ejabberd "$IT_DIR/ejabberd" "$IT_DOMAIN" "$IT_EJABBERD_C2S_PORT" "$IT_EJABBERD_COMPONENT_PORT" "$IT_SECRET" tlim
      for user in $users; do
        register_ejabberd_user "$IT_DIR/ejabberd" "$user" "$IT_DOMAIN" "${user}pw"
      done
      wildfly_base "$IT_DIR/wildfly-ejabberd"
    fi
    ;;
  stop)
    stop_ejabberd "$IT_DIR/ejabberd" || true
    stop_prosody "$IT_DIR/prosody" || true
    stop_postgres "$IT_DIR/postgres" || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
