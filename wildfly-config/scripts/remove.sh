#!/usr/bin/env bash
# Takes tlim's configuration out of a WildFly installation again, the pair of configure.sh.
#   remove.sh <wildfly-home> [--driver]
# 1. applies remove-tlim.cli to standalone-full.xml on an embedded server (stop the server and
#    undeploy tlim.ear first): standalone-full.xml is left as WildFly ships it
# 2. with --driver, also removes the PostgreSQL JDBC driver module configure.sh installed (leave it
#    when anything else on the server uses PostgreSQL)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=${1:?usage: remove.sh <wildfly-home> [--driver]}
driver=${2:-}
cli() { JAVA_OPTS="${CLI_JAVA_OPTS:-}" bash "$home/bin/jboss-cli.sh" "$@"; }

cli --file="$here/remove-tlim.cli"
if [ "$driver" = "--driver" ] && [ -f "$home/modules/org/postgresql/main/module.xml" ]; then
  cli --command="module remove --name=org.postgresql"
fi
