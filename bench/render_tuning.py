#!/usr/bin/env python3
"""Renders the sweep of bench/tune into a table (stdout) and bench/TUNING.md.

Usage: render_tuning.py TUNE_DIR OUTPUT_MD

TUNE_DIR holds one sweep directory per ISA class (bench/tune --jvm-flag -XX:UseAVX=N writes
UseAVX=N/, a run without the flag native/), each rendered as a section. A sweep directory holds combos.txt (line i: the -D properties of combination i, empty for the backend's
defaults), combo-NNN.json (JMH JSON of GemmBenchmark for that combination), settings and
machine.txt. Combinations are ranked by the geometric mean of their GFLOP/s over the sizes
measured; a combination that failed for some size ranks last. Python 3 standard library only.
"""
import json
import math
import sys
from pathlib import Path

from render_results import hand_measured_tail

# Notes written by hand (A/B runs, same-class peers, notes across machines) follow this line in
# TUNING.md; a new sweep keeps them instead of dropping them.
HAND_WRITTEN_MARKER = "<!-- Hand-written notes: bench/render_tuning.py keeps everything below this line. -->"

TIME_UNITS = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}


def read_kv(path):
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                out[k] = v
    return out


def gflops(entry):
    n = int(entry["params"]["n"])
    pm = entry["primaryMetric"]
    return 2 * n ** 3 / (pm["score"] * TIME_UNITS[pm["scoreUnit"]]) / 1e9


def render_sweep(sweep):
    """The markdown section of one class's sweep, and whether the defaults are within 5 % of its best."""
    combos = (sweep / "combos.txt").read_text().split("\n")[:-1] if (sweep / "combos.txt").exists() else []
    machine = read_kv(sweep / "machine.txt")
    rows = []
    sizes = []
    for i, props in enumerate(combos):
        path = sweep / f"combo-{i:03d}.json"
        results = {}
        if path.exists():
            for e in json.loads(path.read_text()):
                key = (e["params"]["layout"], int(e["params"]["n"]))
                results[key] = gflops(e)
                if key not in sizes:
                    sizes.append(key)
        rows.append((props.strip() or "(backend defaults)", results))
    sizes.sort()
    if not sizes:
        return [f"## {sweep.name}\n", "No results yet.\n"], False

    def geomean(results):
        if any(k not in results for k in sizes):
            return 0.0
        return math.exp(sum(math.log(results[k]) for k in sizes) / len(sizes))

    ranked = sorted(rows, key=lambda r: geomean(r[1]), reverse=True)
    baseline = next((g for p, r in rows if p == "(backend defaults)" for g in [geomean(r)]), 0.0)
    head = ["rank", "properties"] + [f"{lay} n={n} GFLOP/s" for lay, n in sizes] + ["geo. mean", "vs defaults"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for rank, (props, results) in enumerate(ranked, 1):
        g = geomean(results)
        cells = [str(rank), f"`{props}`"] + [f"{results[k]:.1f}" if k in results else "failed" for k in sizes]
        cells += [f"{g:.1f}" if g else "–", f"{g / baseline:.2f}×" if g and baseline else "–"]
        lines.append("| " + " | ".join(cells) + " |")
    best_per_size = []
    for k in sizes:
        props, results = max(rows, key=lambda r: r[1].get(k, 0.0))
        if k in results:
            best_per_size.append(f"- {k[0]} n={k[1]}: {results[k]:.1f} GFLOP/s with `{props}`")
    table = "\n".join(lines)
    print(f"== {sweep.name}\n" + table)
    best = geomean(ranked[0][1])
    within = bool(baseline and best and baseline >= 0.95 * best)
    label = machine.get("jvm_flag") or "no flag (this CPU's own class)"
    md = [f"## {sweep.name}: {label}\n"]
    if machine.get("quick") == "yes":
        md.append("> **DRY RUN** (`bench/tune --quick`): settings too short to trust; this only shows the tooling works.\n")
    md.append(f"Produced by `{machine.get('command', 'bench/tune')}` on {machine.get('date', '?')}, commit "
              f"{machine.get('commit', '?')}, {machine.get('cpu', '?')}, {machine.get('java', '?')}. "
              "GemmBenchmark on the `simd` backend, each combination in its own JVM, GFLOP/s = 2n³ / time. "
              "Ranked by the geometric mean over the sizes.\n")
    if machine.get("describe"):
        md.append(f"Backend defaults in this class: `{machine['describe']}`\n")
    md.append(table + "\n")
    md.append("**Best overall:** `" + ranked[0][0] + "`; the defaults reach "
              + (f"{baseline / best:.1%} of it" if baseline and best else "–")
              + (" (within 5 %)." if within else " (NOT within 5 %).") + "\n")
    md.append("**Best per size:**\n")
    md.append("\n".join(best_per_size) + "\n")
    return md, within


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: render_tuning.py TUNE_DIR OUTPUT_MD")
    tune, output = Path(sys.argv[1]), Path(sys.argv[2])
    sweeps = sorted(d for d in tune.iterdir() if d.is_dir() and (d / "combos.txt").exists())
    if not sweeps:
        sys.exit("render_tuning.py: no sweep directories in " + str(tune))
    md = ["# SIMD matrix-multiply tuning sweep, per ISA class\n",
          "One section per class this machine can run, emulated with HotSpot's `-XX:UseAVX` (`bench/tune "
          "--jvm-flag -XX:UseAVX=N`): 3 is AVX-512 (32 registers), 2 AVX2 (256-bit, 16 registers), 0 SSE "
          "(128-bit, no FMA). The backend's defaults for each class come from `KernelShape` in backend-simd.\n"]
    for sweep in sweeps:
        section, within = render_sweep(sweep)
        md.extend(section)
    md.append("To use a setting, pass it to the JVM (`java -Dvectornn.simd.kc=256 ...`) or make it the backend's "
              "default in backend-simd; raw results are in `bench/results/tune/CLASS/`.\n")
    md.extend(hand_measured_tail(output, HAND_WRITTEN_MARKER))
    output.write_text("\n".join(md))
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
