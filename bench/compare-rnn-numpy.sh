#!/usr/bin/env bash
# The erf RNN of TP I on two token sequences, whole process against its NumPy twin, side by side:
#   tpe limits --json --pairs 's*'   (the kernel of the state vectors: the twin's numbers)
#   tpe limits --json                 (the default: every pair of the program)
#   python3 bench/rnn_numpy.py T      (the published GP4A recursion, bench/rnn_numpy.py)
#   java RnnFloor                     (bench/RnnFloor.java: the least a JVM program does for the
#                                      numbers of --pairs 's*', the JVM's floor on this machine)
# for T = 20 and T = 100 tokens a sequence (40 and 200 tokens; the programs are written by
# bench/rnn_program.py). Each command runs RUNS times (default 5), interleaved; the medians of the
# wall time are printed with the ratios tpe / NumPy (targets: 200 tokens ≤ 1 with --pairs and
# ≤ 2 by default; 40 tokens ≤ 2), and the CPU time (user + system, all threads) beside them.
# Before timing, tpe's and the floor's kernels are compared with the twin's entry by entry
# (largest |difference| printed).
#   TPE      the command to run (default: ./tpe of this checkout)
#   RUNS     runs per command (default 5)
#   TOKENS   sequence lengths (default "20 100")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tpe="${TPE:-$here/tpe}"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$tpe" --version > /dev/null # builds on first use, makes the class-data archive
javac -d "$work" "$here/bench/RnnFloor.java"
# the floor's JVM: what ./tpe gives the short commands, with the JDK's own class-data archive
floor=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp "$work" RnnFloor)
for t in ${TOKENS:-20 100}; do
  python3 "$here/bench/rnn_program.py" "$t" > "$work/rnn-$t.tp"
  "$tpe" limits --json --pairs 's*' "$work/rnn-$t.tp" > "$work/java-$t.json"
  "${floor[@]}" "$work/rnn-$t.tp" > "$work/floor-$t.json"
  python3 "$here/bench/rnn_numpy.py" "$t" --out "$work/numpy-$t.txt" > /dev/null
  python3 - "$work/java-$t.json" "$work/numpy-$t.txt" "$t" "$work/floor-$t.json" <<'PY'
import json, sys
t = int(sys.argv[3])
names = ["s%d" % (k + 1) for k in range(t)] + ["s%d'" % (k + 1) for k in range(t)]
rows = [[float(x) for x in line.split()] for line in open(sys.argv[2])]
for who, f in (("tpe", sys.argv[1]), ("floor", sys.argv[4])):
    sm = json.load(open(f))["second_moments"]
    worst = max(abs(sm[a][b] - rows[i][j]) for i, a in enumerate(names) for j, b in enumerate(names))
    print("T = %d: %d x %d state kernel, largest |%s - numpy| = %.1e" % (t, len(names), len(names), who, worst))
PY
done
python3 - "$tpe" "$runs" "$work" "$here" "${TOKENS:-20 100}" "${floor[@]}" <<'PY'
import os, resource, statistics, subprocess, sys, time
tpe, runs, work, here = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
tokens = [int(x) for x in sys.argv[5].split()]
floor = sys.argv[6:]
cmds = []
for t in tokens:
    f = "%s/rnn-%d.tp" % (work, t)
    cmds += [("%d numpy" % t, ["python3", here + "/bench/rnn_numpy.py", str(t)]),
             ("%d tpe --pairs 's*'" % t, [tpe, "limits", "--json", "--pairs", "s*", f]),
             ("%d tpe (every pair)" % t, [tpe, "limits", "--json", f]),
             ("%d java floor" % t, floor + [f])]
wall = {c[0]: [] for c in cmds}
cpu = {c[0]: [] for c in cmds}
for _ in range(runs):
    for label, cmd in cmds:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall[label].append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[label].append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
med = {k: statistics.median(v) for k, v in wall.items()}
print("median of %d runs, whole process (load average %.1f at the end):" % (runs, os.getloadavg()[0]))
for label, _ in cmds:
    t = label.split()[0]
    ratio = "" if "numpy" in label else "   ratio %.2f" % (med[label] / med[t + " numpy"])
    print("  %-24s wall %6.3f s  cpu %6.3f s%s" % (label, med[label], statistics.median(cpu[label]), ratio))
PY
