#!/usr/bin/env python3
"""Writes the ONNX fixtures of vectornn-onnx's import tests with PyTorch's own exporter.

Run from the repository root with Debian's python3-torch (1.13; the `onnx` package is not needed):

    /usr/bin/python3 onnx/src/test/python/make_fixtures.py

For every fixture NAME it writes, under onnx/src/test/resources/fixtures/:
  NAME.onnx          the model, exported by torch.onnx.export with a dynamic batch dimension
  NAME.input.csv     fixed inputs, one sample per row (flattened)
  NAME.output.csv    PyTorch's outputs on those inputs (float32, 9 significant digits)
Everything is seeded: a rerun writes the same numbers
(the .onnx bytes may differ between PyTorch versions).
"""
import csv
import os
import sys

import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(ROOT, "..", "resources", "fixtures")
IRIS = os.path.join(ROOT, "..", "..", "..", "..", "examples", "src", "main", "resources", "iris.csv")


def write_rows(path, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        for r in rows:
            w.writerow(["%.9g" % v for v in r])


def export(name, model, example, opset, inputs):
    model.eval()
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, example, path, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}}, opset_version=opset)
    with torch.no_grad():
        outputs = model(inputs)
    write_rows(os.path.join(OUT, name + ".input.csv"), inputs.reshape(inputs.shape[0], -1).tolist())
    write_rows(os.path.join(OUT, name + ".output.csv"), outputs.reshape(outputs.shape[0], -1).tolist())
    print("wrote", name, "opset", opset)


def iris():
    """The lecture's network (4 -> 16 relu -> 3 softmax), trained in PyTorch on the bundled iris.csv."""
    species = {}
    xs, ys = [], []
    with open(IRIS) as f:
        for row in csv.reader(f):
            if len(row) < 5:
                continue
            xs.append([float(v) for v in row[:4]])
            ys.append(species.setdefault(row[4], len(species)))
    x = torch.tensor(xs)
    y = torch.tensor(ys)
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3), nn.Softmax(dim=1))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(300):
        opt.zero_grad()
        loss = nn.functional.nll_loss(torch.log(model(x) + 1e-7), y)
        loss.backward()
        opt.step()
    with torch.no_grad():
        accuracy = (model(x).argmax(1) == y).float().mean().item()
    print("iris training accuracy in PyTorch: %.4f" % accuracy)
    export("iris_torch", model, x[:2], 14, x)


class ViewThenDense(nn.Module):
    """x.view(x.size(0), -1) on a [batch, 2, 3] input: the Shape/Gather/Unsqueeze/Concat/Reshape pattern."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(6, 4)
        self.b = nn.Linear(4, 2)

    def forward(self, x):
        x = x.view(x.size(0), -1)
        return torch.softmax(self.b(torch.relu(self.a(x))), dim=1)


def main():
    os.makedirs(OUT, exist_ok=True)
    iris()

    torch.manual_seed(2)
    mlp = nn.Sequential(nn.Linear(5, 7), nn.Sigmoid(), nn.Linear(7, 6), nn.Tanh(), nn.Linear(6, 3, bias=False))
    export("sigmoid_tanh_nobias", mlp, torch.randn(2, 5), 13, torch.randn(8, 5))

    torch.manual_seed(3)
    export("view_reshape_opset11", ViewThenDense(), torch.randn(2, 2, 3), 11, torch.randn(6, 2, 3))

    torch.manual_seed(4)
    flat = nn.Sequential(nn.Flatten(), nn.Linear(12, 5), nn.Dropout(0.3), nn.ReLU(), nn.Linear(5, 4))
    export("flatten_dropout_opset14", flat, torch.randn(2, 3, 4), 14, torch.randn(5, 3, 4))

    torch.manual_seed(5)
    leaky = nn.Sequential(nn.Linear(3, 4), nn.LeakyReLU(0.1), nn.Linear(4, 2))
    export("leaky_relu_opset14", leaky, torch.randn(2, 3), 14, torch.randn(3, 3))

    torch.manual_seed(6)
    gelu = nn.Sequential(nn.Linear(3, 4), nn.GELU(), nn.Linear(4, 2))
    export("gelu_opset14", gelu, torch.randn(2, 3), 14, torch.randn(3, 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
