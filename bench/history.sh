#!/usr/bin/env bash
# P3, history at scale (docs/bench/README.md): a private PostgreSQL whose schema the service
# creates, bulk-loaded with COPY (realistic conversations, power-law, one huge group and pair),
# then 20-message pages of findSessionHistory / findChatHistory at growing depths on the
# before_msg_id cursor and the start offset, and syncMessage from old cursors, timed server-side
# (Undertow's access log) and client-side, every answer checked against the database.
# Writes docs/bench/history-<yyyy-MM-dd-HHmm>.md / .csv / .png.
#
#   bench/history.sh --quick        1M messages, 300 calls per position
#   bench/history.sh                the full form: 10M messages
#   options: --messages N  --calls N (per position)  --sync-calls N  --label TEXT (goes on top
#            of the results, e.g. "loaded machine, verification size")
#   BENCH_PORT_OFFSET               WildFly's port offset (default 200, as run.sh)
#
# Everything it starts is stopped on exit. State lives in bench/target/history.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$here/target/history
source "$here/scale-env.sh"

messages=10000000 calls=300 sync_calls=100 label="" mode=full
command_line=${*:+ $*}
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) messages=1000000 mode=quick ;;
    --messages) messages=$2; mode=custom; shift ;;
    --calls) calls=$2; shift ;;
    --sync-calls) sync_calls=$2; shift ;;
    --label) label=$2; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

started=$(date +%s)
stamp=$(date +%Y-%m-%d-%H%M)
out_dir=$root/docs/bench
mkdir -p "$out_dir"
scale_build
scale_lock_and_reset
trap scale_cleanup INT TERM EXIT

echo "==> P3: $messages messages ($mode), WildFly port offset $offset"
scale_start_services
scale_boot_for_schema

echo "==> bulk load (COPY), then VACUUM ANALYZE"
java -Xmx1g -cp "$jar" im.tlim.bench.scale.Scale load-history pg="$pg_port" messages="$messages" \
  out="$work/load.txt" 9>&-
echo "database size: $(scale_psql -At -c "select pg_size_pretty(pg_database_size('tlim'))")"

scale_boot
{
  [ -n "$label" ] && echo "**$label.**" && echo
  echo "Command: \`bench/history.sh$command_line\` ($mode form; $calls calls per position, $sync_calls per syncMessage position). $(scale_facts); database $(scale_psql -At -c "select pg_size_pretty(pg_database_size('tlim'))")."
} >"$work/facts.txt"

echo "==> measuring"
status=0
java -Xmx512m -cp "$jar" im.tlim.bench.scale.Scale history pg="$pg_port" http="$http_port" \
  secret="$jwt_secret" log="$work/wildfly/log/access.log" \
  md="$out_dir/history-$stamp.md" csv="$out_dir/history-$stamp.csv" png="$out_dir/history-$stamp.png" \
  facts="$work/facts.txt" load="$work/load.txt" calls="$calls" sync-calls="$sync_calls" 9>&- || status=$?
{
  echo
  log=$work/wildfly/log/server.log
  echo "WildFly \`server.log\`: $(grep -c ' WARN ' "$log" || true) WARN and $(grep -c ' ERROR ' "$log" || true) ERROR lines (both boots)."
  echo
  echo "Wall time of the whole command: $(( $(date +%s) - started )) s."
} >>"$out_dir/history-$stamp.md"
echo "==> results: $out_dir/history-$stamp.md (status $status)"
exit $status
