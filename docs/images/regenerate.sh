#!/usr/bin/env bash
# Regenerates the README's charts with the examples that draw them (fixed seeds), from the repo root:
#   docs/images/regenerate.sh
# RUN_EXAMPLE may name another launcher with ./run-example's arguments (default: ./run-example).
set -euo pipefail
cd "$(dirname "$0")/../.."
run=${RUN_EXAMPLE:-./run-example}
$run iris --seed 1 --quiet --chart docs/images/iris.png
$run iris-improved --seed 42 --quiet --chart docs/images/iris-improved.png
$run vanishing-gradients --chart docs/images/vanishing-gradients.png
