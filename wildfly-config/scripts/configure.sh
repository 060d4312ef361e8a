#!/usr/bin/env bash
# Configures a WildFly installation for tlim. Safe to run again: every step is skipped when done.
#   configure.sh <wildfly-home> [postgresql-jdbc.jar]
# 1. installs the PostgreSQL JDBC driver as a module (when a jar is given)
# 2. applies configure-tlim.cli to standalone-full.xml (datasource, JMS queues, resource adapter,
#    system properties), on an embedded server so nothing has to be running.
# remove.sh undoes it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=${1:?usage: configure.sh <wildfly-home> [postgresql-jdbc.jar]}
driver=${2:-}
cli() { JAVA_OPTS="${CLI_JAVA_OPTS:-}" bash "$home/bin/jboss-cli.sh" "$@"; }

if [ -n "$driver" ] && [ ! -f "$home/modules/org/postgresql/main/module.xml" ]; then
  cli --command="module add --name=org.postgresql --resources=$driver --dependencies=java.se,jakarta.transaction.api"
fi
cli --file="$here/configure-tlim.cli"
