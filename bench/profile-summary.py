#!/usr/bin/env python3
"""Where WildFly's CPU went in each benchmark phase, from a JFR recording (bench/run.sh --profile).

usage: profile-summary.py RECORDING.jfr BENCH_OUTPUT|- [TOP]

Splits the recording's execution samples by the phases in the harness's output (each phase
ends at its line's clock time and starts at the line before; with "-" the whole recording is one
phase, as bench/fanout.sh --profile records one per size), then prints per phase the
methods most often on top of the stack (self) and the application and library frames most
often anywhere on it (total).
"""
import collections
import datetime
import json
import re
import subprocess
import sys

LIBRARIES = ("im/tlim", "org/eclipse/persistence", "org/apache/activemq", "com/arjuna",
             "org/postgresql", "org/jivesoftware", "org/xmlpull", "com/fasterxml",
             "org/jboss/jca", "org/jboss/as/ejb3", "io/undertow")


def phases(bench_output):
    line = re.compile(r"^\[bench (\d\d:\d\d:\d\d\.\d{3})\] (.*)$")
    found, previous = [], None
    for text in open(bench_output, encoding="utf-8"):
        m = line.match(text.strip())
        if not m:
            continue
        at = datetime.datetime.strptime(m.group(1), "%H:%M:%S.%f").time()
        name = m.group(2).split("  ")[0].strip()
        if previous is not None and " received in " in m.group(2):
            found.append((name, previous, at))
        previous = at
    return found


def main():
    recording, bench_output = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events",
                          "jdk.ExecutionSample", recording],
                         check=True, capture_output=True, text=True).stdout
    samples = []
    for event in json.loads(raw)["recording"]["events"]:
        values = event["values"]
        # local wall-clock time of the sample, comparable with the harness's clock
        stamp = values["startTime"]  # UTC, e.g. 2026-11-28T13:11:15.003206793Z
        utc = datetime.datetime.fromisoformat(stamp[:26]).replace(tzinfo=datetime.timezone.utc)
        at = utc.astimezone().time()
        frames = [f["method"]["type"]["name"] + "." + f["method"]["name"]
                  for f in values["stackTrace"]["frames"]]
        samples.append((at, frames))
    if bench_output == "-":
        whole = [("whole recording", datetime.time.min, datetime.time.max)]
    else:
        whole = phases(bench_output)
    for name, start, end in whole:
        chosen = [frames for at, frames in samples if start <= at <= end]
        print(f"\n=== {name}: {len(chosen)} samples ({start} .. {end})")
        if not chosen:
            continue
        self_time = collections.Counter(frames[0] for frames in chosen if frames)
        total = collections.Counter()
        for frames in chosen:
            total.update({f for f in frames if f.startswith(LIBRARIES)})
        print("-- self")
        for frame, n in self_time.most_common(top):
            print(f"{100 * n / len(chosen):5.1f}%  {frame}")
        print("-- total (application and library frames)")
        for frame, n in total.most_common(top * 2):
            print(f"{100 * n / len(chosen):5.1f}%  {frame}")


if __name__ == "__main__":
    main()
