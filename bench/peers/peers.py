#!/usr/bin/python3
"""The peers vectornn's benchmark report compares with, run by bench/report --set peers.

Usage (Debian's /usr/bin/python3 with python3-numpy, python3-torch, python3-sklearn):
  peers.py digits-data FILE       write scikit-learn's digits, split 80/20, for DigitsRows
  peers.py sgemm THREADS N...     OpenBLAS sgemm through numpy (float32 a @ b), GFLOP/s
  peers.py mlp THREADS            PyTorch step of 784-512-512-10 (ReLU, softmax + CE, Adam, batch 128)
  peers.py digits THREADS FILE    PyTorch digits 64-256-256-10, Adam, batch 64, 20 epochs
  peers.py iris THREADS FILE      PyTorch iris program: 4-16-3, MSE, SGD lr 0.01, batch 1, 50 epochs

Each command prints one JSON object per line. bench/report unsets OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE for these commands, so OpenBLAS picks its own kernel for the CPU, and records
what it picked. Timings are the median of repeated runs after warm-up (wall clock).
"""
import json
import os
import statistics
import sys
import time


def emit(**fields):
    print(json.dumps(fields), flush=True)


def blas_info():
    from threadpoolctl import threadpool_info
    import numpy
    for lib in threadpool_info():
        if lib.get("internal_api") == "openblas":
            return {"numpy": numpy.__version__, "openblas": lib.get("version"),
                    "coretype": lib.get("architecture"), "blas_threads": lib.get("num_threads"),
                    "coretype_set": os.environ.get("OPENBLAS_CORETYPE")}
    return {"numpy": numpy.__version__, "openblas": None}


def median_time(fn, min_seconds=1.0, repeats=5):
    """Median seconds per call over `repeats` timed batches of calls lasting about min_seconds/repeats."""
    fn()
    t0 = time.perf_counter()
    calls = 0
    while time.perf_counter() - t0 < 0.3:  # warm-up, and the size of a batch
        fn()
        calls += 1
    per_batch = max(1, int(calls * (min_seconds / repeats) / 0.3))
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(per_batch):
            fn()
        samples.append((time.perf_counter() - t) / per_batch)
    return statistics.median(samples)


def sgemm(threads, sizes):
    import numpy as np
    from threadpoolctl import threadpool_limits
    with threadpool_limits(limits=threads, user_api="blas"):
        info = blas_info()
        for n in sizes:
            rng = np.random.default_rng(1)
            a = rng.random((n, n), dtype=np.float32)
            b = rng.random((n, n), dtype=np.float32)
            c = np.empty((n, n), dtype=np.float32)
            s = median_time(lambda: np.matmul(a, b, out=c), min_seconds=1.5)
            emit(peer="openblas-sgemm", n=n, threads=threads, gflops=2 * n ** 3 / s / 1e9, **info)


def torch_setup(threads):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(7)
    capability = None
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage" in line:
            capability = line.split(":", 1)[1].strip()
    return torch, {"torch": torch.__version__, "torch_threads": torch.get_num_threads(), "cpu_capability": capability}


def mlp(threads):
    torch, info = torch_setup(threads)
    nn = torch.nn
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()  # softmax + cross-entropy, as vectornn's softmax layer + loss
    x = torch.rand(128, 784)
    y = torch.randint(0, 10, (128,))

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    s = median_time(step, min_seconds=3.0)
    emit(peer="torch-mlp", threads=threads, ms_per_step=s * 1e3, **info)


def read_digits(path):
    train_x, train_y, test_x, test_y = [], [], [], []
    with open(path) as f:
        for line in f:
            parts = line.strip().split(",")
            row = [float(v) for v in parts[2:]]
            if parts[0] == "train":
                train_x.append(row)
                train_y.append(int(parts[1]))
            else:
                test_x.append(row)
                test_y.append(int(parts[1]))
    return train_x, train_y, test_x, test_y


def digits(threads, path):
    torch, info = torch_setup(threads)
    nn = torch.nn
    tx, ty, vx, vy = read_digits(path)
    tx, ty, vx, vy = torch.tensor(tx), torch.tensor(ty), torch.tensor(vx), torch.tensor(vy)
    runs = []
    # As many seeds as DigitsProgram.SEEDS: accuracy is compared as the mean over seeds, since one
    # seed's accuracy on 360 test rows varies by more than the ±0.01 the comparison allows.
    for run in range(5):  # the first run is the cold one
        torch.manual_seed(42 + run)
        model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
        opt = torch.optim.Adam(model.parameters(), lr=0.001)
        loss_fn = nn.CrossEntropyLoss()
        t = time.perf_counter()
        for epoch in range(20):
            perm = torch.randperm(len(tx))
            for i in range(0, len(tx), 64):
                idx = perm[i:i + 64]
                opt.zero_grad()
                loss_fn(model(tx[idx]), ty[idx]).backward()
                opt.step()
        seconds = time.perf_counter() - t
        with torch.no_grad():
            acc = (model(vx).argmax(1) == vy).float().mean().item()
        runs.append((len(tx) * 20 / seconds, acc))
    emit(peer="torch-digits", threads=threads, samples_per_s_first=runs[0][0],
         samples_per_s=statistics.median(r[0] for r in runs), test_accuracy=statistics.mean(r[1] for r in runs),
         test_accuracy_min=min(r[1] for r in runs), test_accuracy_max=max(r[1] for r in runs), seeds=len(runs),
         **info)


def iris(threads, path):
    torch, info = torch_setup(threads)
    nn = torch.nn
    xs, ys = [], []
    with open(path) as f:
        for line in f:
            parts = line.strip().split(",")
            if not parts[0] or not parts[0][0].isdigit() and parts[0][0] != "-":
                continue  # header
            xs.append([float(v) for v in parts[:4]])
            ys.append(parts[4])
    names = sorted(set(ys))
    x = torch.tensor(xs)
    y = torch.nn.functional.one_hot(torch.tensor([names.index(v) for v in ys]), len(names)).float()
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3), nn.Softmax(dim=1))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.MSELoss()
    t = time.perf_counter()
    for epoch in range(50):
        for i in torch.randperm(len(x)).tolist():
            opt.zero_grad()
            loss_fn(model(x[i:i + 1]), y[i:i + 1]).backward()
            opt.step()
    seconds = time.perf_counter() - t
    with torch.no_grad():
        acc = (model(x).argmax(1) == y.argmax(1)).float().mean().item()
    emit(peer="torch-iris", threads=threads, seconds=seconds, us_per_step=seconds / (50 * len(x)) * 1e6,
         train_accuracy=acc, **info)


def digits_data(path):
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    d = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(d.data / 16.0, d.target, test_size=0.2, random_state=0)
    with open(path, "w") as f:
        for split, xs, ys in (("train", x_train, y_train), ("test", x_test, y_test)):
            for x, y in zip(xs, ys):
                f.write(split + "," + str(int(y)) + "," + ",".join(repr(float(v)) for v in x) + "\n")


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "digits-data":
        digits_data(argv[2])
    elif cmd == "sgemm":
        sgemm(int(argv[2]), [int(n) for n in argv[3:]])
    elif cmd == "mlp":
        mlp(int(argv[2]))
    elif cmd == "digits":
        digits(int(argv[2]), argv[3])
    elif cmd == "iris":
        iris(int(argv[2]), argv[3])
    else:
        sys.exit("peers.py: unknown command " + cmd + "\n" + __doc__)


if __name__ == "__main__":
    main(sys.argv)
