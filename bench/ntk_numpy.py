#!/usr/bin/env python3
"""NumPy twin of the `ntk-deep-mlp` benchmark (org.tpe.ntk.bench.NtkDeepMlpBenchmark).

The NTK limit of a depth-20 ReLU MLP on 8 inputs in NTK parametrization, all 36 entries for each
of the 21 parameters (U, W2 ... W20, v), by the closed-form recursion (arc-cosine kernels):

    Sigma^1 = 2 G,  K^l = relu-kernel(Sigma^l),  Kdot^l = step-kernel(Sigma^l),  Sigma^{l+1} = 2 K^l
    D^L = Kdot^L,   D^l = 2 Kdot^l D^{l+1}
    Theta_U = D^1 G,  Theta_{W_l} = D^l K^{l-1},  Theta_v = K^L

with G_ab = 0.5^|a-b| + 0.5 delta_ab, as in the Java benchmark. All 8x8 matrices at once (NumPy's
natural form). Prints the median CPU time (time.process_time) of 21 runs after 5 warm-ups as
`numpy-median-ms T`, and two entries to compare with the Java output.
Usage: python3 bench/ntk_numpy.py [depth] [inputs]
"""
import sys
import time

import numpy as np


def kernels(sigma):
    d = np.sqrt(np.diag(sigma))
    norm = np.outer(d, d)
    cos = np.clip(sigma / norm, -1.0, 1.0)
    theta = np.arccos(cos)
    k = norm * (np.sin(theta) + (np.pi - theta) * cos) / (2 * np.pi)
    kdot = (np.pi - theta) / (2 * np.pi)
    return k, kdot


def ntk(gram, depth):
    sigma = 2.0 * gram
    ks, kds = [], []
    for _ in range(depth):
        k, kd = kernels(sigma)
        ks.append(k)
        kds.append(kd)
        sigma = 2.0 * k
    parts = {}
    d = kds[-1].copy()
    for l in range(depth, 0, -1):
        if l < depth:
            d = 2.0 * kds[l - 1] * d
        if l == 1:
            parts["U"] = d * gram
        else:
            parts["W%d" % l] = d * ks[l - 2]
    parts["v"] = ks[-1]
    total = sum(parts.values())
    return total, parts


def main():
    depth = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    a = np.arange(k)
    gram = 0.5 ** np.abs(a[:, None] - a[None, :]) + 0.5 * np.eye(k)
    times = []
    total = parts = None
    for rep in range(26):
        t0 = time.process_time()
        total, parts = ntk(gram, depth)
        dt = (time.process_time() - t0) * 1000
        if rep >= 5:
            times.append(dt)
    times.sort()
    print("numpy %s, depth=%d, %d inputs, %d parameters: median %.3f ms CPU (min %.3f, %d runs)"
          % (np.__version__, depth, k, len(parts), times[len(times) // 2], times[0], len(times)))
    print("Theta(xi1, xi8) = %.12f, Theta_W10(xi1, xi8) = %.12f"
          % (total[0, k - 1], parts["W10"][0, k - 1]))
    print("numpy-median-ms %.3f" % times[len(times) // 2])


if __name__ == "__main__":
    main()
