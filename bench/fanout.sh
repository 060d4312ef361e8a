#!/usr/bin/env bash
# P2, group fan-out (docs/bench/README.md): one message to a tlim group of N members and to a
# Prosody MUC room of N occupants in the same Prosody, the same Smack clients (each member on its
# own c2s connection, all online), sends alternating; then every member sends a read receipt:
# readNum must be exactly N, and the rows and WildFly CPU per receipt are measured.
# Writes docs/bench/fanout-<yyyy-MM-dd-HHmm>.md / .csv / .png.
#
#   bench/fanout.sh --quick         N = 50 and 500, 10 sends each per path (about 3 minutes)
#   bench/fanout.sh                 the full form: N = 50, 500 and 2000, 30 sends each
#   options: --sizes 50,500,2000  --sends N (per size and path)  --warmup N  --label TEXT
#            --muc-max N (sizes above N through tlim only: a room's joins cost Prosody N^2)
#            --profile (records WildFly with JFR over each size's measured sends; where its CPU
#            went is written to bench/target/fanout/profile-N<size>.txt)
#   BENCH_PORT_OFFSET               WildFly's port offset (default 200, as run.sh)
#
# Everything it starts is stopped on exit. State lives in bench/target/fanout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$here/target/fanout
source "$here/scale-env.sh"

sizes=50,500,2000 sends=30 warmup=20 label="" mode=full profile="" muc_max=500
command_line=${*:+ $*}
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) sizes=50,500 sends=10 warmup=10 mode=quick ;;
    --sizes) sizes=$2; mode=custom; shift ;;
    --sends) sends=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --label) label=$2; shift ;;
    --profile) profile=$work ;;
    --muc-max) muc_max=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# thousands of sockets in Prosody and in the harness (Prosody 0.12 crashed once near 500 c2s
# connections on the default limit); Prosody inherits it from prosodyctl. As high as allowed, up
# to 65536 (about one per member is needed in each of the two processes)
files=$(ulimit -Hn)
if [ "$files" = unlimited ] || [ "$files" -gt 65536 ]; then files=65536; fi
ulimit -n "$files"

scale_begin

echo "==> P2: group fan-out, N = $sizes ($mode), WildFly port offset $offset"
scale_start_services
# the peer: Prosody's own MUC, as a component of the same Prosody (restarted with it)
prosody_dir=$work/prosody
stop_prosody "$prosody_dir"
for i in $(seq 1 50); do [ -f "$prosody_dir/prosody.pid" ] && kill -0 "$(cat "$prosody_dir/prosody.pid")" 2>/dev/null || break; sleep 0.2; done
cat >>"$prosody_dir/prosody.cfg.lua" <<LUA
-- added by bench/fanout.sh: the MUC rooms the tlim groups are measured against
Component "conference.$domain" "muc"
  restrict_room_creation = false
LUA
xmpp_server_start prosody "$prosody_dir"
prosody_pid=$(cat "$prosody_dir/prosody.pid")
echo "Prosody: open files limit $(awk '/Max open files/ {print $4}' "/proc/$prosody_pid/limits"), modules: $(grep -o 'modules_enabled = {[^}]*}' "$prosody_dir/prosody.cfg.lua")"

scale_start_wildfly
# the sender's rate stays limited, raised above what it sends (as bench/run.sh does); the service
# reads the setting on each envelope, so changing the system property takes effect at once
"$home/bin/jboss-cli.sh" --connect --controller=127.0.0.1:$management_port >"$work/cli.out" 2>&1 <<'CLI'
/system-property=tlim.rate.per-second:write-attribute(name=value,value=1000)
/system-property=tlim.rate.burst:write-attribute(name=value,value=1000)
CLI
grep -q '"outcome" => "failed"' "$work/cli.out" && { cat "$work/cli.out" >&2; exit 1; }
echo "tlim deployed after $(( $(date +%s) - started )) s"

{
  [ -n "$label" ] && echo "**$label.**" && echo
  echo "Command: \`bench/fanout.sh$command_line\` ($mode form). Prosody $(dpkg-query -W -f='${Version}' prosody 2>/dev/null) (open files limit $(awk '/Max open files/ {print $4}' "/proc/$prosody_pid/limits"), no \`limits\` module: c2s is not throttled), $(scale_facts). tlim's rate limit raised to 1000 envelopes/s, burst 1000, for the run."
} >"$work/facts.txt"

echo "==> measuring"
[ -z "$profile" ] || rm -f "$work"/wildfly-N*.jfr "$work"/profile-N*.txt
status=0
java -Xms512m -Xmx2g -Xss512k -cp "$jar" im.tlim.bench.fanout.Fanout \
  c2s="$c2s_port" pg="$pg_port" http="$http_port" secret="$jwt_secret" domain="$domain" \
  muc="conference.$domain" accounts="$prosody_dir/data/${domain//./%2e}/accounts" \
  wildfly="$(cat "$work/wildfly.pid")" sizes="$sizes" muc-max="$muc_max" sends="$sends" warmup="$warmup" \
  md="$out_dir/fanout-$stamp.md" csv="$out_dir/fanout-$stamp.csv" png="$out_dir/fanout-$stamp.png" \
  facts="$work/facts.txt" ${profile:+profile="$profile"} 9>&- | tee "$work/fanout.out" || status=$?

if [ -n "$profile" ]; then
  for recording in "$work"/wildfly-N*.jfr; do
    [ -f "$recording" ] || continue
    summary=$work/profile-$(basename "$recording" .jfr | sed 's/^wildfly-//').txt
    python3 "$here/profile-summary.py" "$recording" - >"$summary" \
      && echo "==> where WildFly's CPU went: $summary"
  done
fi

if [ -f "$out_dir/fanout-$stamp.md" ]; then
  {
    echo
    echo "## Server logs"
    echo
    log=$work/wildfly/log/server.log
    echo "WildFly \`server.log\`: $(grep -c ' WARN ' "$log" || true) WARN and $(grep -c ' ERROR ' "$log" || true) ERROR lines (start-up included)."
    echo
    echo "Prosody: $(kill -0 "$prosody_pid" 2>/dev/null && echo "still running at the end" || echo "**not running at the end**"); $(grep -ciE '\b(warn|error)\b' "$prosody_dir/prosody.log" 2>/dev/null || true) warn/error lines in prosody.log, $(cat "$prosody_dir/prosody.err" 2>/dev/null | wc -l) lines in prosody.err."
    grep -hE '\b(warn|error)\b' "$prosody_dir/prosody.log" "$prosody_dir/prosody.err" 2>/dev/null \
      | sed -E 's/^[A-Za-z]{3} [0-9 ]+ [0-9:]+ //' | cut -c1-200 | sort | uniq -c | sort -rn | head -10 \
      | sed 's/^/    /' || true
    echo
    echo "Wall time of the whole command: $(( $(date +%s) - started )) s."
  } >>"$out_dir/fanout-$stamp.md"
fi
echo "==> results: $out_dir/fanout-$stamp.md (status $status)"
exit $status
