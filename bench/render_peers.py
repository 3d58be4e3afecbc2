"""The peers section of bench/RESULTS.md: vectornn against OpenBLAS and PyTorch, per ISA class.

Reads RESULTS_DIR/peers/ as `bench/report --set peers` writes it: peers.jsonl (one JSON object
per peer measurement, from bench/peers/peers.py) and, per class C (a -XX:UseAVX level),
avxC-gemm.json, avxC-train-t1.json, avxC-train-t2.json, avxC-iris.json (JMH JSON),
avxC-digits-program.txt (one fresh-JVM DigitsProgram run) and avxC-machine.txt. Every ratio is
vectornn's speed over the peer's, both measured in that same report run.
"""
import json
import re
from pathlib import Path

TIME_UNITS = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}
CLASS_NAMES = {"3": "AVX-512 (UseAVX=3)", "2": "AVX2 (UseAVX=2)", "1": "AVX (UseAVX=1)", "0": "SSE (UseAVX=0)"}


def _seconds(entry):
    pm = entry["primaryMetric"]
    return pm["score"] * TIME_UNITS[pm["scoreUnit"]]


def _load(path):
    if not path.exists() or path.stat().st_size == 0:
        return []
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError:
        return []


def _find(entries, bench_suffix, **params):
    for e in entries:
        if e["benchmark"].endswith(bench_suffix) and all(str(e["params"].get(k)) == str(v) for k, v in params.items()):
            return e
    return None


def _peer(peers, name, **fields):
    for p in peers:
        if p.get("peer") == name and all(p.get(k) == v for k, v in fields.items()):
            return p
    return None


def _ratio(x, target=None):
    if x is None:
        return "–", ""
    met = "" if target is None else (" ✓" if x >= target else " ✗")
    return f"{x:.2f}×", met


def peers_section(results):
    d = results / "peers"
    if not (d / "peers.jsonl").exists():
        return []
    peers = [json.loads(line) for line in (d / "peers.jsonl").read_text().splitlines() if line.strip()]
    digits_train = sum(1 for line in (d / "digits.csv").read_text().splitlines() if line.startswith("train,")) \
        if (d / "digits.csv").exists() else 0
    out = ["## Peers: OpenBLAS and PyTorch, per ISA class\n"]
    blas = _peer(peers, "openblas-sgemm", threads=1) or {}
    torch = _peer(peers, "torch-mlp", threads=1) or {}
    out.append(f"Measured side by side in one `bench/report --set peers` run. Peers: numpy {blas.get('numpy', '?')} "
               f"with OpenBLAS {blas.get('openblas', '?')} (core type `{blas.get('coretype', '?')}`, "
               + ("chosen by OpenBLAS itself: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset" if not blas.get('coretype_set')
                  else f"set by VECTORNN_OPENBLAS_CORETYPE={blas['coretype_set']} as this OpenBLAS does not know the CPU")
               + "; threads as listed), PyTorch "
               f"{torch.get('torch', '?')} (CPU capability {torch.get('cpu_capability', '?')}, `torch.set_num_threads` "
               "as listed). The peers pick their own kernels for the CPU, so they run once; vectornn runs once per ISA "
               "class, emulated with `-XX:UseAVX`. Ratios are vectornn's speed over the peer's; ✓/✗ against issue #17's "
               "targets (sgemm ≥ 0.95×, MLP step ≥ 1.3×, digits ≥ 2×).\n")
    classes = sorted({m.group(1) for f in d.iterdir() for m in [re.match(r"avx(\w+)-gemm\.json$", f.name)] if m},
                     reverse=True)
    for c in classes:
        name = CLASS_NAMES.get(c, c)
        machine = {}
        mf = d / f"avx{c}-machine.txt"
        if mf.exists():
            for line in mf.read_text().splitlines():
                if "=" in line:
                    k, v = line.split("=", 1)
                    machine[k] = v
        out.append(f"### {name}\n")
        if machine.get("backend.simd"):
            out.append(f"`{machine['backend.simd']}`\n")
        rows = ["| work | vectornn | peer | vectornn / peer |", "|---|---|---|---|"]
        gemm = _load(d / f"avx{c}-gemm.json")
        for n, t in ((256, 1), (512, 1), (1024, 1), (1024, 2)):
            e = _find(gemm, "GemmBenchmark.gemm", n=n, threads=t)
            p = _peer(peers, "openblas-sgemm", n=n, threads=t)
            v = 2 * n ** 3 / _seconds(e) / 1e9 if e else None
            r, met = _ratio(v / p["gflops"] if v and p else None, 0.95)
            rows.append(f"| sgemm n={n}, {t} thread{'s' if t > 1 else ''} | {v:.1f} GFLOP/s | OpenBLAS "
                        f"{p['gflops']:.1f} GFLOP/s | {r}{met} |" if v and p else f"| sgemm n={n}, {t} threads | – | – | – |")
        for t in (1, 2):
            train = _load(d / f"avx{c}-train-t{t}.json")
            e = _find(train, "MlpTrainingBenchmark.step")
            p = _peer(peers, "torch-mlp", threads=t)
            if e and p:
                ms = _seconds(e) * 1e3
                r, met = _ratio(p["ms_per_step"] / ms, 1.3)
                rows.append(f"| 784-512-512-10 step, batch 128, Adam, {t} thread{'s' if t > 1 else ''} | {ms:.2f} ms | "
                            f"PyTorch {p['ms_per_step']:.2f} ms | {r}{met} |")
            e = _find(train, "DigitsTrainingBenchmark.epoch")
            p = _peer(peers, "torch-digits", threads=t)
            best = max((q for q in peers if q.get("peer") == "torch-digits"), key=lambda q: q["samples_per_s"],
                       default=None)
            if e and p and digits_train:
                sps = digits_train / _seconds(e)
                r, met = _ratio(sps / p["samples_per_s"], 2.0)
                # PyTorch is often slower on 2 threads than on 1 at this size; the ratio to its best
                # thread count is the one a user choosing settings would see.
                rb, metb = _ratio(sps / best["samples_per_s"], 2.0)
                rows.append(f"| digits 64-256-256-10, Adam, batch 64, warm epoch, {t} thread{'s' if t > 1 else ''} | "
                            f"{sps:,.0f} samples/s | PyTorch {p['samples_per_s']:,.0f} samples/s (20 epochs, median of "
                            f"{p.get('seeds', 3)}); its best, {best['threads']} thread{'s' if best['threads'] > 1 else ''}: "
                            f"{best['samples_per_s']:,.0f} | {r}{met}; to its best {rb}{metb} |")
        prog = d / f"avx{c}-digits-program.txt"
        p = _peer(peers, "torch-digits", threads=2)
        if prog.exists() and p:
            kv = dict(x.split("=", 1) for x in prog.read_text().split() if "=" in x)
            if "samples_per_s" in kv:
                sps = float(kv["samples_per_s"])
                r, _ = _ratio(sps / p["samples_per_s_first"])
                ours = float(kv["test_accuracy"])
                seeds = kv.get("seeds", "1")
                spread = (f" ({float(kv['test_accuracy_min']):.4f}–{float(kv['test_accuracy_max']):.4f})"
                          if "test_accuracy_min" in kv else "")
                theirs = p["test_accuracy"]
                theirs_spread = (f" ({p['test_accuracy_min']:.4f}–{p['test_accuracy_max']:.4f})"
                                 if "test_accuracy_min" in p else "")
                same = " ✓" if abs(ours - theirs) <= 0.01 else " ✗"
                rows.append(f"| digits, 20 epochs in a fresh JVM / first PyTorch run (2 threads); test accuracy, mean "
                            f"over {seeds} seeds | {sps:,.0f} samples/s, accuracy {ours:.4f}{spread} | PyTorch "
                            f"{p['samples_per_s_first']:,.0f} samples/s, accuracy {theirs:.4f}{theirs_spread} | {r}; "
                            f"accuracy within ±0.01{same} |")
        e = _find(_load(d / f"avx{c}-iris.json"), "IrisTrainingBenchmark.epoch")
        p = _peer(peers, "torch-iris", threads=1)
        if e and p:
            us = _seconds(e) / 150 * 1e6
            r, _ = _ratio(p["us_per_step"] / us)
            rows.append(f"| iris program step (4-16-3, SGD, batch 1; warm epoch / 150) | {us:.2f} µs | PyTorch "
                        f"{p['us_per_step']:.1f} µs (50 epochs, cold) | {r} |")
        out.append("\n".join(rows) + "\n")
    return out
