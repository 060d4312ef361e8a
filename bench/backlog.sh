#!/usr/bin/env bash
# P4, offline backlog (docs/bench/README.md): one user with N undelivered messages, bulk-loaded
# (COPY) exactly as the service stores offline copies, into the schema the service created; then
# drained through getOffline pages by an HTTP client that acknowledges each page with the next
# call. Checks 0 lost, 0 duplicated, commit order and an empty store afterwards; reports the
# drain rate and plots WildFly's heap, read every second from the management interface.
# Writes docs/bench/backlog-<yyyy-MM-dd-HHmm>.md / .csv / .png (+ -pages.png).
#
#   bench/backlog.sh                100,000 messages (the target's size)
#   bench/backlog.sh --quick        20,000 messages
#   options: --backlog N  --page N (getOffline's length, default 100, at most 1000)
#            --label TEXT (goes on top of the results)
#   BENCH_PORT_OFFSET               WildFly's port offset (default 200, as run.sh)
#   BENCH_PG_SLOW                   PostgreSQL logs the plans of statements slower than this
#                                   (auto_explain, default 500ms); they go into the results
#
# Everything it starts is stopped on exit. State lives in bench/target/backlog.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$here/target/backlog
source "$here/scale-env.sh"

backlog=100000 page=100 label="" mode=full
command_line=${*:+ $*}
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) backlog=20000 mode=quick ;;
    --backlog) backlog=$2; mode=custom; shift ;;
    --page) page=$2; shift ;;
    --label) label=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
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

echo "==> P4: a backlog of $backlog messages ($mode), WildFly port offset $offset"
scale_start_services
scale_boot_for_schema

echo "==> bulk load (COPY), then VACUUM ANALYZE"
java -Xmx1g -cp "$jar" im.tlim.bench.scale.Scale load-backlog pg="$pg_port" backlog="$backlog" \
  out="$work/load.txt" 9>&-

# the plans of slow statements, as the service's prepared statements get them
scale_auto_explain "${BENCH_PG_SLOW:-500ms}"
scale_boot
{
  [ -n "$label" ] && echo "**$label.**" && echo
  echo "Command: \`bench/backlog.sh$command_line\` ($mode form). $(scale_facts)."
} >"$work/facts.txt"

echo "==> draining"
status=0
java -Xmx512m -cp "$jar" im.tlim.bench.scale.Scale backlog pg="$pg_port" http="$http_port" \
  management="$management_port" secret="$jwt_secret" log="$work/wildfly/log/access.log" \
  md="$out_dir/backlog-$stamp.md" csv="$out_dir/backlog-$stamp.csv" png="$out_dir/backlog-$stamp.png" \
  facts="$work/facts.txt" load="$work/load.txt" page="$page" 9>&- || status=$?
{
  echo
  log=$work/wildfly/log/server.log
  echo "WildFly \`server.log\`: $(grep -c ' WARN ' "$log" || true) WARN and $(grep -c ' ERROR ' "$log" || true) ERROR lines (both boots)."
  echo
  echo "Wall time of the whole command: $(( $(date +%s) - started )) s."
  echo
  scale_slow_plans
} >>"$out_dir/backlog-$stamp.md"
echo "==> results: $out_dir/backlog-$stamp.md (status $status)"
exit $status
