#!/usr/bin/env python3
"""NumPy twin of the `simulate-mlp` benchmark (org.tpe.sim.bench.SimulatorMlpBenchmark).

A depth-10 ReLU MLP on 2 inputs at width n = 4096: correlated initial preactivations h1, h1'
(variance 1, covariance 0.5), then nine layers h^l = W^l relu(h^{l-1}) with W^l iid N(0, 2/n),
and the same statistics as the simulator: mean and variance of all 40 vectors, (1/n) x.y for
every pair (one Gram matrix), and a 40-bin histogram of each vector. Both inputs go through a
layer together (W @ X with X of shape n x 2), NumPy's natural form.

Prints the median wall time of 7 runs after 2 warm-ups as `numpy-median-ms T`.
Usage: python3 bench/mlp_numpy.py [n] [depth]
"""
import sys
import time

import numpy as np


def run(n, depth, seed):
    rng = np.random.default_rng(seed)
    cov = np.array([[1.0, 0.5], [0.5, 1.0]])
    h = rng.standard_normal((n, 2)) @ np.linalg.cholesky(cov).T
    vectors = [h, np.maximum(h, 0.0)]
    x = vectors[-1]
    scale = np.sqrt(2.0 / n)
    for _ in range(2, depth + 1):
        w = rng.standard_normal((n, n))
        h = (w @ x) * scale  # same as drawing W with variance 2/n, without a second n^2 pass
        x = np.maximum(h, 0.0)
        vectors += [h, x]
    v = np.concatenate(vectors, axis=1)  # n x 40
    means = v.mean(axis=0)
    variances = v.var(axis=0)
    gram = v.T @ v / n
    hists = []
    for j in range(v.shape[1]):
        col = v[:, j]
        sd = np.sqrt(variances[j])
        lo = max(col.min(), means[j] - 4.5 * sd)
        hi = min(col.max(), means[j] + 4.5 * sd)
        if hi <= lo:
            lo, hi = lo - 1, lo + 1
        hists.append(np.histogram(col, bins=40, range=(lo, hi), density=True))
    return gram


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
    depth = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    times = []
    gram = None
    for rep in range(9):
        t0 = time.perf_counter()
        gram = run(n, depth, rep)
        dt = (time.perf_counter() - t0) * 1000
        if rep >= 2:
            times.append(dt)
    times.sort()
    print("numpy %s, n=%d, depth=%d: median %.2f ms (min %.2f, max %.2f, %d runs)"
          % (np.__version__, n, depth, times[len(times) // 2], times[0], times[-1], len(times)))
    print("(1/n) x%d.x%d' = %.4f" % (depth, depth, gram[-1, -2]))
    print("numpy-median-ms %.1f" % times[len(times) // 2])


if __name__ == "__main__":
    main()
