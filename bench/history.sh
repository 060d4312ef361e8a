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

messages=10000000 calls=300 sync_calls=100 mode=full
scale_option() {
  case "$1" in
    --quick) messages=1000000 mode=quick ;;
    --messages) messages=$2 mode=custom took=2 ;;
    --calls) calls=$2 took=2 ;;
    --sync-calls) sync_calls=$2 took=2 ;;
    *) return 1 ;;
  esac
}
scale_parse "$@"
scale_begin

echo "==> P3: $messages messages ($mode), WildFly port offset $offset"
scale_load load-history messages="$messages"
echo "database size: $(scale_psql -At -c "select pg_size_pretty(pg_database_size('tlim'))")"

scale_boot
scale_write_facts "Command: \`bench/history.sh$command_line\` ($mode form; $calls calls per position, $sync_calls per syncMessage position). $(scale_facts); database $(scale_psql -At -c "select pg_size_pretty(pg_database_size('tlim'))")."

echo "==> measuring"
scale_measure history calls="$calls" sync-calls="$sync_calls"
{
  scale_log_summary "both boots"
} >>"$out_dir/history-$stamp.md"
echo "==> results: $out_dir/history-$stamp.md (status $status)"
exit $status
