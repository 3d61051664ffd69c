#!/usr/bin/env bash
# Runs the simulator benchmark (tpe bench simulate-mlp) and its NumPy twin (bench/mlp_numpy.py)
# one after the other on this machine and prints both medians and the ratio Java / NumPy
# (target: ≤ 2). Both time the same work: a depth-10 ReLU MLP on 2 inputs at n = 4096 (nine
# 4096×4096 Gaussian matrices drawn, the forward pass, means, variances, all 820 second moments and
# 40-bin histograms of the 40 vectors), median of 7 runs after 2 warm-ups. The environment (e.g.
# OPENBLAS_CORETYPE, thread settings) is passed through unchanged.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_out="$("$here/tpe" bench simulate-mlp)"
echo "$java_out"
numpy_out="$(python3 "$here/bench/mlp_numpy.py")"
echo "$numpy_out"
j=$(echo "$java_out" | awk '/java-median-ms/ {print $2}')
p=$(echo "$numpy_out" | awk '/numpy-median-ms/ {print $2}')
awk -v j="$j" -v p="$p" 'BEGIN { printf "ratio java/numpy = %.2f (java %.1f ms, numpy %.1f ms; target <= 2)\n", j / p, j, p }'
