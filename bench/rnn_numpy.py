#!/usr/bin/env python3
"""NumPy twin of `tpe limits` on the erf RNN of `bench/rnn_program.py`: the GP kernel of the
state vectors by the published recursion (Yang, "Tensor Programs I" / GP4A, the simple-RNN
kernel), written from its formula:

    H = VARW * shift(S) + VARU * GRAM + VARB,   S = V_erf(H),   repeated T times,

over the (2T x 2T) matrix of all token pairs of both sequences, where shift(S)[i, j] = S[i-1, j-1]
and is 0 when token i or j starts its sequence (s_0 = 0), and V_erf is Williams' erf kernel

    V_erf(H)[i, j] = E[erf(z_i) erf(z_j)] = (2/pi) asin(2 H_ij / sqrt((1 + 2 H_ii)(1 + 2 H_jj))).

After T rounds every entry has seen its whole history, so S[i, j] = E[Z^{s_i} Z^{s_j}] for the
state vectors (s1..sT, s1'..sT') of the program. The whole matrix is updated at every round, as
the published recursion does (NumPy's natural form).

Usage: python3 bench/rnn_numpy.py T [--out FILE]
Prints the kernel's size, three entries and its sum; --out writes every entry (17 digits, one
row a line) for comparison with `tpe limits`; neither is inside what the benchmark times, which
is this whole process.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rnn_program import VARB, VARU, VARW, gram  # noqa: E402


def v_erf(h):
    d = 1.0 + 2.0 * np.diag(h)
    return (2.0 / np.pi) * np.arcsin(2.0 * h / np.sqrt(np.outer(d, d)))


def kernel(g, t):
    starts = [0, t]
    s = np.zeros_like(g)
    prev = np.zeros_like(g)
    for _ in range(t):
        prev[:] = 0.0
        prev[1:, 1:] = s[:-1, :-1]
        prev[starts, :] = 0.0
        prev[:, starts] = 0.0
        s = v_erf(VARW * prev + VARU * g + VARB)
    return s


def main():
    t = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    s = kernel(np.array(gram(t)), t)
    print("kernel %dx%d  E[s1 s1'] %.17g  E[s%d s%d'] %.17g  E[s%d s%d] %.17g  sum %.17g"
          % (2 * t, 2 * t, s[0, t], t, t, s[t - 1, 2 * t - 1], t, t, s[t - 1, t - 1], s.sum()))
    if "--out" in sys.argv:
        np.savetxt(sys.argv[sys.argv.index("--out") + 1], s, fmt="%.17g")


if __name__ == "__main__":
    main()
