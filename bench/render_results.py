#!/usr/bin/env python3
"""Renders bench/RESULTS.md from the JMH JSON files that bench/report writes.

Usage: render_results.py RESULTS_DIR OUTPUT_MD

RESULTS_DIR holds, per set that was run, SET.json (JMH's -rf json output), SET.cmd (the exact
command) and SET.settings (key=value: quick=yes|no, started, finished), plus machine.txt
(key=value lines about the machine and JVM). Sets that were not run are listed as missing, so the
report can be produced in parts. Python 3 standard library only.

What each benchmark's work is (flops or bytes per operation) is defined here, next to the
benchmark names, from the formulas in the benchmarks' Javadoc.
"""
import json
import math
import re
import sys
from pathlib import Path

from render_peers import peers_section

SETS = ["peak", "kernels", "e2e", "cold"]
PEAK_FILES = {"peak-1t": "1 thread", "peak-all": "all threads"}
BACKENDS = ["scalar", "simd"]
PKG = "dev.vectornn.bench."
PEAK_STEPS = 1024  # PeakFmaBenchmark.STEPS
OPTIMIZER_BYTES = {"sgd": 12, "sgd_momentum": 20, "adam": 28, "rmsprop": 20, "adagrad": 20,
                   # issue 14 item 5: AdamW's decay pass adds 8 (read and write w); global clipping reads g, then scales it
                   "adamw": 36, "nadam": 28, "adamax": 28, "lion": 20, "global_clipnorm": 12}
MLP_FLOPS = 2 * 128 * (2 * (784 * 512 + 512 * 512 + 512 * 10) + 512 * 512 + 512 * 10)
IRIS_ROWS = 150
TIME_UNITS = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}


def read_kv(path):
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                out[k.strip()] = v.strip()
    return out


def load(results, name):
    path = results / (name + ".json")
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as e:
        print(f"warning: {path} is not valid JSON ({e}); skipped", file=sys.stderr)
        return None


def seconds(entry):
    pm = entry["primaryMetric"]
    unit = pm["scoreUnit"]
    if unit not in TIME_UNITS:
        raise ValueError(f"{entry['benchmark']}: unexpected unit {unit}")
    return pm["score"] * TIME_UNITS[unit]


def alloc(entry):
    for name, metric in entry.get("secondaryMetrics", {}).items():
        if name.lstrip("\u00b7") == "gc.alloc.rate.norm":
            return metric["score"]
    return None


def short(entry):
    return entry["benchmark"].removeprefix(PKG)


def fmt_time(s):
    if s is None:
        return "–"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"


def fmt_err(entry):
    pm = entry["primaryMetric"]
    err = pm.get("scoreError")
    if err is None or (isinstance(err, float) and math.isnan(err)) or err == "NaN":
        return ""
    return f" ± {100 * err / pm['score']:.0f}%" if pm["score"] else ""


def fmt_num(x, digits=3):
    return "–" if x is None else f"{x:.{digits}g}"


def fmt_bytes(b):
    if b is None:
        return "–"
    if b < 1:
        return "0"
    return f"{b:,.0f}"


FUSED_FLOPS = 3 * 2 * 128 * 784 * 512


def work(entry):
    """(kind, amount) per operation: kind 'flop' or 'byte', or (None, None)."""
    name, p = short(entry), entry.get("params", {})
    if name == "kernels.GemmBenchmark.gemm":
        n = int(p["n"])
        return "flop", 2 * n ** 3
    if name.startswith("kernels.DenseBenchmark."):
        b, i, o = (int(v) for v in p["layer"].split(":")[0].split("x"))
        return "flop", (2 if name.endswith("forward") else 4) * b * i * o
    if name.startswith("kernels.ActivationBenchmark."):
        r, c = (int(v) for v in p["shape"].split("x"))
        return "byte", (8 if name.endswith("forward") else 12) * r * c
    if name == "kernels.OptimizerBenchmark.update":
        return "byte", OPTIMIZER_BYTES[p["optimizer"]] * int(p["parameters"])
    if name.startswith("kernels.FusedDenseBenchmark."):
        return "flop", FUSED_FLOPS
    if name == "e2e.MlpTrainingBenchmark.step":
        return "flop", MLP_FLOPS
    m = re.fullmatch(r"peak\.PeakFmaBenchmark\.fma(\d+)x(\d+)", name)
    if m:
        bits, chains = int(m.group(1)), int(m.group(2))
        return "flop", 2 * chains * (bits // 32) * PEAK_STEPS
    return None, None


def rate(entry):
    kind, amount = work(entry)
    if kind is None:
        return None, None
    return kind, amount * entry.get("threads", 1) / seconds(entry) / 1e9


class Table:
    def __init__(self, header):
        self.rows = [header]

    def add(self, row):
        self.rows.append(row)

    def render(self):
        out = ["| " + " | ".join(self.rows[0]) + " |", "|" + "---|" * len(self.rows[0])]
        out += ["| " + " | ".join(str(c) for c in r) + " |" for r in self.rows[1:]]
        return "\n".join(out)


def group_by_backend(entries):
    """{(benchmark, params without backend): {backend: entry}}, in first-seen order."""
    groups = {}
    for e in entries:
        p = dict(e.get("params", {}))
        backend = p.pop("backend", None)
        key = (short(e), tuple(sorted(p.items())))
        groups.setdefault(key, {})[backend] = e
    return groups


def peak_section(results, lines):
    peaks = {}
    table = Table(["probe", "threads", "time per op", "GFLOP/s"])
    for name, label in PEAK_FILES.items():
        data = load(results, name)
        if not data:
            continue
        for e in data:
            _, g = rate(e)
            table.add([short(e).removeprefix("peak.PeakFmaBenchmark."), e.get("threads", 1),
                       fmt_time(seconds(e)) + fmt_err(e), f"{g:.1f}"])
            peaks[label] = max(peaks.get(label, 0), g)
    lines.append("## Peak: independent FMA chains with the Vector API\n")
    if not peaks:
        lines.append("Not measured: run `bench/report --set peak`. Without it no percentage of peak is shown.\n")
        return peaks
    lines.append("`fmaBITSxCHAINS`: CHAINS independent accumulators of BITS-bit `FloatVector`s, nothing loaded "
                 "or stored. The best per thread count is this machine's peak below.\n")
    lines.append(table.render() + "\n")
    lines.append("**Peak: " + ", ".join(f"{v:.1f} GFLOP/s with {k}" for k, v in peaks.items()) + ".**\n")
    return peaks


def pct_of_peak(g, peaks):
    if g is None or not peaks:
        return "–"
    parts = [f"{100 * g / peaks[k]:.0f}%" for k in PEAK_FILES.values() if k in peaks]
    return " / ".join(parts)


def backend_table(groups, label_of, peaks, extra=None):
    """One row per benchmark configuration, the two backends side by side."""
    kinds = {work(e)[0] for g in groups.values() for e in g.values()}
    unit = "GFLOP/s" if kinds == {"flop"} else "GB/s" if kinds == {"byte"} else None
    header = [label_of(None), "scalar", "simd", "simd / scalar"]
    if unit:
        header[3:3] = [f"scalar {unit}", f"simd {unit}"]
        if unit == "GFLOP/s":
            header.insert(5, "simd % of peak (1 thread / all)")
    if extra:
        header.append(extra[0])
    header.append("allocated B/op (scalar / simd)")
    table = Table(header)
    for key, by in groups.items():
        s, v = by.get("scalar"), by.get("simd")
        ts = seconds(s) if s else None
        tv = seconds(v) if v else None
        row = [label_of(key),
               (fmt_time(ts) + fmt_err(s)) if s else "not run",
               (fmt_time(tv) + fmt_err(v)) if v else "not run",
               f"{ts / tv:.2f}×" if ts and tv else "–"]
        if unit:
            gs = rate(s)[1] if s else None
            gv = rate(v)[1] if v else None
            row[3:3] = [fmt_num(gs), fmt_num(gv)]
            if unit == "GFLOP/s":
                row.insert(5, pct_of_peak(gv, peaks))
        if extra:
            row.append(extra[1](by))
        row.append(f"{fmt_bytes(alloc(s) if s else None)} / {fmt_bytes(alloc(v) if v else None)}")
        table.add(row)
    return table.render()


def params_label(key, names):
    if key is None:
        return " · ".join(names)
    p = dict(key[1])
    return " · ".join(p.get(n, "") for n in names)


def kernels_section(results, peaks, lines):
    data = load(results, "kernels")
    lines.append("## Kernels\n")
    if not data:
        lines.append("Not measured: run `bench/report --set kernels`.\n")
        return
    groups = group_by_backend(data)

    def pick(prefix):
        return {k: v for k, v in groups.items() if k[0].startswith(prefix)}

    lines.append("### Matrix multiply (`gemm`, n × n × n, 2n³ flops)\n")
    lines.append("Layout NN is the dense forward pass, TN the weight gradient, NT the input gradient.\n")
    gemm = pick("kernels.GemmBenchmark")
    gemm = dict(sorted(gemm.items(), key=lambda kv: (dict(kv[0][1])["layout"], int(dict(kv[0][1])["n"]))))
    lines.append(backend_table(gemm, lambda k: params_label(k, ["layout", "n"]), peaks) + "\n")

    lines.append("### Fused dense layer (`denseForward` 2·b·i·o flops, `denseBackward` 4·b·i·o)\n")
    for direction in ("forward", "backward"):
        dense = pick("kernels.DenseBenchmark." + direction)
        if dense:
            lines.append(f"**{direction}** (batch x in x out : activation)\n")
            lines.append(backend_table(dense, lambda k: params_label(k, ["layer"]) if k else "layer", peaks) + "\n")

    fused = pick("kernels.FusedDenseBenchmark")
    if fused:
        lines.append("### Fusion: a 784→512 ReLU layer at batch 128, forward + backward, against its three products\n")
        lines.append("`fused` is `denseForward` + `denseBackward` (bias, activation, its derivative and the bias "
                     "gradient included); `products` is the three `gemm` calls it contains "
                     f"({FUSED_FLOPS / 1e9:.3f} GFLOP). Target: fused within 15 % of products.\n")
        lines.append(backend_table(fused, lambda k: k[0].rsplit(".", 1)[1] if k else "benchmark", peaks) + "\n")
        ratio = []
        for b in BACKENDS:
            f = next((v[b] for k, v in fused.items() if k[0].endswith("fused") and b in v), None)
            g = next((v[b] for k, v in fused.items() if k[0].endswith("products") and b in v), None)
            if f and g:
                ratio.append(f"{b}: fused / products = {seconds(f) / seconds(g):.2f}")
        if ratio:
            lines.append("; ".join(ratio) + "\n")

    lines.append("### Activations (128 × 512; GB/s from 8 bytes per element forward, 12 backward)\n")
    act = pick("kernels.ActivationBenchmark")
    act = dict(sorted(act.items(), key=lambda kv: (kv[0][0], dict(kv[0][1])["activation"])))
    lines.append(backend_table(act, lambda k: (k[0].rsplit(".", 1)[1] + " · " + params_label(k, ["activation", "shape"]))
                               if k else "pass · activation · shape", peaks) + "\n")

    lines.append("### Optimizer updates (GB/s from the bytes each rule moves per parameter: "
                 + ", ".join(f"{k} {v}" for k, v in OPTIMIZER_BYTES.items()) + ")\n")
    opt = pick("kernels.OptimizerBenchmark")
    lines.append(backend_table(opt, lambda k: params_label(k, ["optimizer", "parameters"]) if k
                               else "optimizer · parameters", peaks) + "\n")


def parallel_section(results, peaks, lines):
    data = load(results, "parallel")
    lines.append("## Two threads (SIMD backend, `vectornn.threads=2`)\n")
    if not data:
        lines.append("Not measured: run `bench/report --set parallel`.\n")
        return
    groups = group_by_backend(data)
    lines.append(backend_table(groups, lambda k: (k[0].rsplit(".", 2)[-2] + "." + k[0].rsplit(".", 1)[1] + " · "
                                                 + params_label(k, ["n"])) if k else "benchmark", peaks) + "\n")


def e2e_section(results, peaks, lines):
    data = load(results, "e2e")
    lines.append("## End to end, through the public model API (after JIT warm-up)\n")
    if not data:
        lines.append("Not measured: run `bench/report --set e2e`.\n")
        return
    groups = group_by_backend(data)
    iris = {k: v for k, v in groups.items() if k[0].startswith("e2e.IrisTrainingBenchmark")}

    def per_step(by):
        parts = []
        for b in BACKENDS:
            e = by.get(b)
            if e and short(e).endswith("epoch"):
                parts.append(f"{fmt_time(seconds(e) / IRIS_ROWS)}")
            else:
                parts.append("–")
        return " / ".join(parts)

    lines.append("### The lecture's iris program (4→16 relu→3 softmax, MSE, SGD, batch 1)\n")
    lines.append("`epoch` is `fit` for one epoch over the 150 rows (150 steps); `step` is one "
                 "`trainOnBatch` of one row; `fitOneRow` is `fit` on a one-row data set, i.e. one step plus "
                 "the fixed cost of a `fit` call.\n")
    lines.append(backend_table(iris, lambda k: k[0].rsplit(".", 1)[1] if k else "benchmark", peaks,
                               ("per step = epoch / 150 (scalar / simd)", per_step)) + "\n")
    mlp = {k: v for k, v in groups.items() if k[0].startswith("e2e.MlpTrainingBenchmark")}

    def samples(by):
        return " / ".join(f"{128 / seconds(by[b]):,.0f}" if by.get(b) else "–" for b in BACKENDS)

    lines.append("### 784→512→512→10 relu, softmax + categorical cross-entropy, Adam, one step at batch 128\n")
    lines.append(f"GFLOP/s counts the matrix products only ({MLP_FLOPS / 1e9:.3f} GFLOP per step).\n")
    lines.append(backend_table(mlp, lambda k: "step" if k else "benchmark", peaks,
                               ("samples/s (scalar / simd)", samples)) + "\n")


def cold_section(results, lines):
    data = load(results, "cold")
    lines.append("## Cold start: the whole 50-epoch iris program in a fresh JVM\n")
    if not data:
        lines.append("Not measured: run `bench/report --set cold`.\n")
        return
    lines.append("One measurement per fork (`Mode.SingleShotTime`), JIT warm-up included; the JVM's own start is "
                 "not. `wholeProgram`: backend lookup, model build, 7,500 steps at batch 1 and evaluate; "
                 "`trainingOnly`: the 50 epochs of `fit` alone on a model compiled before the clock starts "
                 "(the training time the iris example prints).\n")
    table = Table(["benchmark", "backend", "forks", "mean", "min", "median", "max"])
    for e in sorted(data, key=lambda e: (short(e), e["params"].get("backend"))):
        pm = e["primaryMetric"]
        raw = sorted(x * TIME_UNITS[pm["scoreUnit"]] for fork in pm.get("rawData", []) for x in fork)
        med = raw[len(raw) // 2] if raw else None
        table.add([short(e).rsplit(".", 1)[1], e["params"].get("backend"), len(raw), fmt_time(seconds(e)) + fmt_err(e),
                   fmt_time(raw[0]) if raw else "–", fmt_time(med), fmt_time(raw[-1]) if raw else "–"])
    lines.append(table.render() + "\n")


def headline(results, peaks):
    """The few figures a reader wants first, as bullet lines; only those that were measured."""
    out = []
    if peaks:
        out.append("- FMA peak (Vector API): " + ", ".join(f"{v:.0f} GFLOP/s with {k}" for k, v in peaks.items()))

    def find(data, name, **params):
        for e in data or []:
            if short(e) == name and all(e["params"].get(k) == v for k, v in params.items()):
                yield e["params"].get("backend"), e

    def pair(data, name, **params):
        return dict(find(data, name, **params))

    kernels, e2e, cold = load(results, "kernels"), load(results, "e2e"), load(results, "cold")
    gemm_sizes = sorted({int(e["params"]["n"]) for e in kernels or [] if short(e) == "kernels.GemmBenchmark.gemm"})
    if gemm_sizes:
        n = str(gemm_sizes[-1])
        by = pair(kernels, "kernels.GemmBenchmark.gemm", n=n, layout="NN")
        parts = [f"{b} {rate(e)[1]:.1f} GFLOP/s" for b, e in by.items()]
        if "simd" in by:
            parts.append(f"simd at {pct_of_peak(rate(by['simd'])[1], peaks)} of peak")
        if "simd" in by and "scalar" in by:
            parts.append(f"{seconds(by['scalar']) / seconds(by['simd']):.1f}× faster")
        out.append(f"- matrix multiply n={n}: " + ", ".join(parts))
    by = pair(e2e, "e2e.MlpTrainingBenchmark.step")
    if by:
        parts = [f"{b} {128 / seconds(e):,.0f} samples/s" for b, e in by.items()]
        if len(by) == 2:
            parts.append(f"{seconds(by['scalar']) / seconds(by['simd']):.1f}× faster")
        out.append("- 784→512→512→10 training at batch 128: " + ", ".join(parts))
    by = pair(e2e, "e2e.IrisTrainingBenchmark.epoch")
    if by:
        out.append("- iris program, one step at batch 1 (epoch / 150, warmed up): "
                   + ", ".join(f"{b} {fmt_time(seconds(e) / IRIS_ROWS)}" for b, e in by.items()))
    by = pair(cold, "e2e.ColdStartBenchmark.trainingOnly")
    if by:
        out.append("- iris program, training time of all 50 epochs in a fresh JVM (mean of 10 forks): "
                   + ", ".join(f"{b} {fmt_time(seconds(e))}" for b, e in by.items()))
    by = pair(cold, "e2e.ColdStartBenchmark.wholeProgram")
    if by:
        out.append("- iris program, whole (backend lookup, build, train, evaluate) in a fresh JVM: "
                   + ", ".join(f"{b} {fmt_time(seconds(e))}" for b, e in by.items()))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: render_results.py RESULTS_DIR OUTPUT_MD")
    results, output = Path(sys.argv[1]), Path(sys.argv[2])
    machine = read_kv(results / "machine.txt")
    lines = ["# vectornn benchmark results\n"]
    ran = [s for s in SETS + list(PEAK_FILES) if (results / f"{s}.json").exists()]
    quick = [s for s in ran if read_kv(results / f"{s}.settings").get("quick") == "yes"]
    if quick:
        lines.append("> **DRY RUN.** The sets " + ", ".join(quick) + " ran with `--quick` settings (very short "
                     "warm-up and measurement) to check the tooling: their numbers are NOT representative. "
                     "Run `bench/report` without `--quick` on a quiet machine for real figures.\n")
    lines.append("Generated by `bench/report` (see `bench/README.md`) from the JMH JSON files in `bench/results/`. "
                 "Times are JMH scores (mean ± the 99.9% confidence half-width as a percentage, where JMH gives one). "
                 "`simd / scalar` is the speed-up (scalar time divided by SIMD time). Allocation is JMH's "
                 "`gc.alloc.rate.norm` (`-prof gc`); `0` means under one byte per operation, and a few dozen bytes on a "
                 "slow operation are the harness's own per-iteration allocations spread over few operations.\n")
    headline_at = len(lines)
    lines.append("## Machine\n")
    mt = Table(["", ""])
    for key, label in (("cpu", "CPU (lscpu)"), ("cores", "CPUs (nproc)"), ("java.vm", "JVM"),
                       ("java.version", "Java"), ("vector.preferred.bits", "Vector API preferred width (bits)"),
                       ("backends", "backends"), ("commit", "git commit"), ("date", "date"), ("note", "note")):
        if key != "note" or key in machine:
            mt.add([label, machine.get(key, "unknown")])
    lines.append(mt.render() + "\n")
    lines.append("## How it was produced\n")
    lines.append(f"`{machine.get('invocation', 'bench/report')}`, which ran these JMH commands (`bench/results/SET.cmd`):\n")
    for s in SETS + list(PEAK_FILES):
        cmd = results / f"{s}.cmd"
        if cmd.exists():
            st = read_kv(results / f"{s}.settings")
            lines.append(f"- **{s}** ({st.get('started', '?')} to {st.get('finished', '?')}):\n"
                         f"  `{cmd.read_text().strip()}`")
    missing = [s for s in SETS if not (results / f"{s}.json").exists()
               and not (s == "peak" and any((results / f"{p}.json").exists() for p in PEAK_FILES))]
    if missing:
        lines.append("\nNot run yet: " + ", ".join(missing) + ".")
    lines.append("")
    body = []
    peaks = peak_section(results, body)
    top = headline(results, peaks)
    if top:
        lines[headline_at:headline_at] = ["## Headline\n", "\n".join(top) + "\n"]
    lines.extend(body)
    kernels_section(results, peaks, lines)
    parallel_section(results, peaks, lines)
    e2e_section(results, peaks, lines)
    cold_section(results, lines)
    lines.extend(peers_section(results))
    tuning = results.parent / "TUNING.md"
    lines.append("## Tuning\n")
    lines.append("The SIMD kernel's block sizes and vector width are chosen with `bench/tune`; its latest sweep is in "
                 f"[TUNING.md](TUNING.md){'' if tuning.exists() else ' (not run yet)'}.\n")
    lines.extend(hand_measured_tail(output))
    output.write_text("\n".join(lines))
    print(f"wrote {output}")


# Sections measured by hand (one-off side-by-side runs such as hyperfine timings or a single JMH
# class) follow this line in RESULTS.md. They have no JSON in bench/results/ to be rendered from,
# so a re-render keeps them as they are instead of dropping them.
HAND_MEASURED_MARKER = "<!-- Hand-measured sections: bench/render_results.py keeps everything below this line. -->"


def hand_measured_tail(output, marker=HAND_MEASURED_MARKER):
    """The marker and everything after it in the existing OUTPUT_MD, or nothing (render_tuning.py too)."""
    if not output.exists():
        return []
    text = output.read_text()
    at = text.find(marker)
    return [] if at < 0 else ["", text[at:].rstrip("\n") + "\n"]


if __name__ == "__main__":
    main()
