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

backlog=100000 page=100 mode=full
scale_option() {
  case "$1" in
    --quick) backlog=20000 mode=quick ;;
    --backlog) backlog=$2 mode=custom took=2 ;;
    --page) page=$2 took=2 ;;
    *) return 1 ;;
  esac
}
scale_parse "$@"
scale_begin

echo "==> P4: a backlog of $backlog messages ($mode), WildFly port offset $offset"
scale_load load-backlog backlog="$backlog"

# the plans of slow statements, as the service's prepared statements get them
scale_auto_explain "${BENCH_PG_SLOW:-500ms}"
scale_boot
scale_write_facts "Command: \`bench/backlog.sh$command_line\` ($mode form). $(scale_facts)."

echo "==> draining"
scale_measure backlog management="$management_port" page="$page"
{
  scale_log_summary "both boots"
  echo
  scale_slow_plans
} >>"$out_dir/backlog-$stamp.md"
echo "==> results: $out_dir/backlog-$stamp.md (status $status)"
exit $status
