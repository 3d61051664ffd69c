#!/usr/bin/env bash
# Runs the NTK benchmark (tpe bench ntk-deep-mlp) and its NumPy twin (bench/ntk_numpy.py) one
# after the other and prints both medians and the ratio Java / NumPy (target: ≤ 1). Both compute
# the NTK limit of a depth-20 ReLU MLP on 8 inputs, all 36 entries of each of the 21 parameters'
# terms; both medians are CPU times of the computing thread (the machine may be shared). The Java
# side works from the network's text (backward pass derived, instantiated on the inputs, the
# limit engine on the resulting program, kernel assembled); the NumPy side runs the closed-form
# recursion written for this one architecture. Both print Θ(ξ1, ξ8) and Θ_W10(ξ1, ξ8).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_out="$("$here/tpe" bench ntk-deep-mlp)"
echo "$java_out"
numpy_out="$(python3 "$here/bench/ntk_numpy.py")"
echo "$numpy_out"
j=$(echo "$java_out" | awk '/java-median-ms/ {print $2}')
p=$(echo "$numpy_out" | awk '/numpy-median-ms/ {print $2}')
awk -v j="$j" -v p="$p" 'BEGIN { printf "ratio java/numpy = %.2f (java %.3f ms, numpy %.3f ms CPU; target <= 1)\n", j / p, j, p }'
