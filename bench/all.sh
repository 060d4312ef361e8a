#!/usr/bin/env bash
# Every scenario of issue 11 (docs/bench/README.md) in a short form, one after the other: a check
# that each harness runs end to end with its correctness checks, and a first look at the figures.
# The targets are judged on each scenario's own quick or full form, not on these sizes.
#
#   bench/all.sh              P1 one run of 15 s phases (30 s warm-up at most), P2 N = 50 and 500
#                             (5 sends), P3 200k messages (100 calls per position), P4 a 10k
#                             backlog, P5 one start on each database without the P1 heap
#   options: --label TEXT     (goes on top of every scenario's results)
#   BENCH_PORT_OFFSET         WildFly's port offset (default 200), for all of them
#
# Each scenario writes its own results under docs/bench; this prints a line per scenario (exit
# status, wall time, results file) and the total. Exit status 0 when every scenario passed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
label="short forms (bench/all.sh)"
while [ $# -gt 0 ]; do
  case "$1" in
    --label) label=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

logs=$here/target/all
mkdir -p "$logs"
summary=()
failed=0
began=$(date +%s)

# name, then the command line; its output goes to target/all/<name>.log
scenario() {
  local name=$1
  shift
  local started status
  started=$(date +%s)
  echo "==> $name: $*"
  "$@" >"$logs/$name.log" 2>&1
  status=$?
  [ $status -eq 0 ] || failed=1
  local results
  results=$(grep -oE 'docs/bench/[a-z]+-[0-9-]+\.md' "$logs/$name.log" | tail -1)
  summary+=("$(printf '%-10s status %d  %4d s  %s' "$name" $status $(($(date +%s) - started)) "${results:-(no results; see bench/target/all/$name.log)}")")
  echo "${summary[-1]}"
}

scenario P1 "$here/run.sh" --phase-seconds 15 --latency-seconds 15 --warmup-seconds 30
scenario P2 "$here/fanout.sh" --sizes 50,500 --sends 5 --warmup 5 --label "$label"
scenario P3 "$here/history.sh" --messages 200000 --calls 100 --sync-calls 50 --label "$label"
scenario P4 "$here/backlog.sh" --backlog 10000 --label "$label"
scenario P5 "$here/footprint.sh" --starts 1 --no-load --label "$label"

echo
echo "==> all scenarios, $(($(date +%s) - began)) s in all:"
printf '%s\n' "${summary[@]}"
exit $failed
