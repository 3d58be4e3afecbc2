#!/usr/bin/env python3
"""Writes scikit-learn's diabetes and breast-cancer data as the CSV files the examples bundle.

    python3 examples/scripts/sklearn_datasets_to_csv.py [--data DIR] [--out DIR]

DIR defaults to the `datasets/data` folder of the scikit-learn found by this Python, else to
Debian's python3-sklearn (/usr/lib/python3/dist-packages/sklearn/datasets/data); the output
defaults to examples/src/main/resources. Needs nothing beyond the standard library: scikit-learn
itself is not imported, only its data files are read.

What changes (see the *.SOURCE.md files next to the output):
- diabetes: sklearn ships the raw (unscaled) table as two gzipped, space-separated files without
  header, diabetes_data_raw.csv.gz (10 columns) and diabetes_target.csv.gz (1 column, written as
  1.510000000000000000e+02). They become one comma-separated file with a header (sklearn's
  feature names, then "progression"); feature cells are copied as written, the target, always a
  whole number, as that integer. These are the values of load_diabetes(scaled=False).
- breast_cancer: sklearn's first line (569,30,malignant,benign: counts and class names) becomes a
  header of its 30 feature names (spaces as underscores) and "diagnosis"; the last column, 0 or 1,
  becomes the class name (0 = malignant, 1 = benign, as that first line says). Cells are copied as
  written.

Run twice, it writes the same bytes (KerasLayoutScriptTest-style: SklearnDataScriptTest checks
the bundled files against this script's output where scikit-learn's data is installed).
"""
import argparse
import gzip
import importlib.util
import os
import sys

DEBIAN_DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
BREAST_CANCER_FEATURES = [
    "mean radius", "mean texture", "mean perimeter", "mean area", "mean smoothness",
    "mean compactness", "mean concavity", "mean concave points", "mean symmetry",
    "mean fractal dimension",
    "radius error", "texture error", "perimeter error", "area error", "smoothness error",
    "compactness error", "concavity error", "concave points error", "symmetry error",
    "fractal dimension error",
    "worst radius", "worst texture", "worst perimeter", "worst area", "worst smoothness",
    "worst compactness", "worst concavity", "worst concave points", "worst symmetry",
    "worst fractal dimension",
]


def sklearn_data_dir():
    """scikit-learn's bundled data folder, without importing scikit-learn (find_spec only locates it)."""
    spec = importlib.util.find_spec("sklearn")
    if spec is not None and spec.submodule_search_locations:
        candidate = os.path.join(list(spec.submodule_search_locations)[0], "datasets", "data")
        if os.path.isdir(candidate):
            return candidate
    return DEBIAN_DATA


def diabetes_lines(data_dir):
    with gzip.open(os.path.join(data_dir, "diabetes_data_raw.csv.gz"), "rt", encoding="ascii") as f:
        rows = [line.split() for line in f if line.strip()]
    with gzip.open(os.path.join(data_dir, "diabetes_target.csv.gz"), "rt", encoding="ascii") as f:
        targets = [line.strip() for line in f if line.strip()]
    if len(rows) != len(targets):
        sys.exit("diabetes: %d feature rows but %d targets" % (len(rows), len(targets)))
    lines = [",".join(DIABETES_FEATURES + ["progression"])]
    for row, target in zip(rows, targets):
        if len(row) != len(DIABETES_FEATURES):
            sys.exit("diabetes: a row with %d columns, expected %d: %r" % (len(row), len(DIABETES_FEATURES), row))
        value = float(target)
        if value != int(value):
            sys.exit("diabetes: a target that is not a whole number: %r" % target)
        lines.append(",".join(row + [str(int(value))]))
    return lines


def breast_cancer_lines(data_dir):
    with open(os.path.join(data_dir, "breast_cancer.csv"), encoding="ascii") as f:
        first, *rows = [line.strip() for line in f if line.strip()]
    n, features, *class_names = first.split(",")
    if int(n) != len(rows) or int(features) != len(BREAST_CANCER_FEATURES):
        sys.exit("breast_cancer: the first line says %s rows of %s features, found %d rows" % (n, features, len(rows)))
    lines = [",".join([name.replace(" ", "_") for name in BREAST_CANCER_FEATURES] + ["diagnosis"])]
    for row in rows:
        cells = row.split(",")
        if len(cells) != len(BREAST_CANCER_FEATURES) + 1:
            sys.exit("breast_cancer: a row with %d columns: %r" % (len(cells), row))
        lines.append(",".join(cells[:-1] + [class_names[int(cells[-1])]]))
    return lines


def write(path, lines):
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s (%d rows)" % (path, len(lines) - 1))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=None, help="scikit-learn's datasets/data folder")
    parser.add_argument("--out", default=os.path.join(here, "..", "src", "main", "resources"))
    args = parser.parse_args()
    data_dir = args.data or sklearn_data_dir()
    if not os.path.isfile(os.path.join(data_dir, "breast_cancer.csv")):
        sys.exit("no scikit-learn data in %s (apt-get install python3-sklearn, or pass --data DIR)" % data_dir)
    write(os.path.join(args.out, "diabetes.csv"), diabetes_lines(data_dir))
    write(os.path.join(args.out, "breast_cancer.csv"), breast_cancer_lines(data_dir))


if __name__ == "__main__":
    main()
