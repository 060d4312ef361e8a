#!/usr/bin/env bash
# Checks that remove-tlim.cli undoes configure-tlim.cli, on the server the build configured:
# from its configured standalone-full.xml, remove, which must give back the file as WildFly ships
# it (the server's own copy of it, standalone_xml_history/standalone-full.initial.xml); then
# configure again, which must give the configured file. It works on a copy of the configuration in
# a base directory of its own, so the server the integration tests start is not touched; the CLI
# runs offline (embed-server), so nothing is started.
#   configure-remove-configure.sh <wildfly-home> <work-dir>
set -euo pipefail
scripts=$(cd "$(dirname "$0")/../../../scripts" && pwd)
home=${1:?usage: configure-remove-configure.sh <wildfly-home> <work-dir>}
work=${2:?usage: configure-remove-configure.sh <wildfly-home> <work-dir>}
config=$home/standalone/configuration
shipped=$config/standalone_xml_history/standalone-full.initial.xml
[ -f "$shipped" ] || { echo "no $shipped: configure the server first" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/base"
cp -r "$config" "$work/base/configuration"
rm -rf "$work/base/configuration/standalone_xml_history"
cp "$config/standalone-full.xml" "$work/configured.xml"

# One CLI run for both scripts (most of the time is the CLI's and the embedded server's start):
# the second embed-server records the file it boots from, the removed configuration, as
# standalone_xml_history/standalone-full.boot.xml.
cat "$scripts/remove-tlim.cli" "$scripts/configure-tlim.cli" >"$work/remove-configure.cli"
if ! JAVA_OPTS="-Djboss.server.base.dir=$work/base ${CLI_JAVA_OPTS:-}" \
  bash "$home/bin/jboss-cli.sh" --file="$work/remove-configure.cli" >"$work/cli.log" 2>&1; then
  echo "remove-tlim.cli or configure-tlim.cli failed (the whole output: $work/cli.log):" >&2
  grep -B3 -A3 failure-description "$work/cli.log" >&2 || tail -20 "$work/cli.log" >&2
  exit 1
fi

# The same elements, whatever the indentation, and whatever order the server writes the children
# of one element in (it does not keep a resource adapter's config properties in order).
same() {
  if ! diff <(sed 's/^[[:space:]]*//' "$1" | sort) <(sed 's/^[[:space:]]*//' "$2" | sort) \
    >"$work/diff" 2>&1; then
    echo "$3 (< $1, > $2):" >&2
    cat "$work/diff" >&2
    exit 1
  fi
}
same "$shipped" "$work/base/configuration/standalone_xml_history/standalone-full.boot.xml" \
  "remove-tlim.cli left the configuration different from WildFly's: make it undo what configure-tlim.cli does"
same "$work/configured.xml" "$work/base/configuration/standalone-full.xml" \
  "configure-tlim.cli after remove-tlim.cli configured differently (or the server was configured by an older script: mvn clean)"
echo "remove-tlim.cli restores standalone-full.xml as WildFly ships it; configure-tlim.cli after it configures the same"
