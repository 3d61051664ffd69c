#!/usr/bin/env python3
"""Writes the erf RNN of TP I on two token sequences as a Tensor Program (.tp) on stdout.

    s_t = erf(W s_{t-1} + U x_t + b),   s_0 = 0,   t = 1 .. T,   for two sequences x and y

with W ~ N(0, VARW/n), b ~ N(0, VARB) and the input embeddings U x_t initial G-vars whose
covariance is VARU times the normalised token Gram matrix GRAM (all 2T tokens, both sequences:
(2T choose 2) `cov` lines). The program reads

    s1  := erf(Ux1 + b)                 g2  := W s1         s2  := erf(g2 + Ux2 + b)   ...
    s1' := erf(Uy1 + b)                 g2' := W s1'        s2' := erf(g2' + Uy2 + b)  ...

so it has 2T + 1 initial vectors and 2(2T - 1) instruction vectors (T = 100: 200 embeddings,
19 900 cov lines, 398 computed vectors). `bench/rnn_numpy.py` computes the same kernel by the
published recursion (Yang, GP4A, the RNN kernel) from the same `gram`.
Usage: python3 bench/rnn_program.py T > rnn-T.tp      (T tokens per sequence; 2T in all)
"""
import sys

VARW = 1.0
VARU = 1.0
VARB = 0.05
# the same sequence is read twice with a shift: token t of y sits between x_t and x_{t+1}
SHIFT = 0.3
LENGTH = 3.0


def gram(t):
    """The normalised Gram matrix of the 2T tokens (x_1..x_T, y_1..y_T) as a list of rows.

    G_ij = (delta_ij + exp(-|p_i - p_j| / LENGTH)) / 2 with positions p(x_t) = t, p(y_t) = t +
    SHIFT: a positive definite matrix (identity plus an Ornstein-Uhlenbeck kernel) with unit
    diagonal, tokens close in position correlated, both sequences correlated.
    """
    import math
    pos = [float(i) for i in range(t)] + [i + SHIFT for i in range(t)]
    return [[(1.0 if i == j else 0.0) / 2 + math.exp(-abs(pi - pj) / LENGTH) / 2
             for j, pj in enumerate(pos)] for i, pi in enumerate(pos)]


def names(t):
    return ["Ux%d" % (i + 1) for i in range(t)] + ["Uy%d" % (i + 1) for i in range(t)]


def program(t):
    g = gram(t)
    emb = names(t)
    out = ["# erf RNN s_t = erf(W s_{t-1} + U x_t + b) on two sequences of %d tokens "
           "(bench/rnn_program.py)" % t,
           'title "erf RNN on two sequences of %d tokens"' % t,
           "input W : A(n, n) ~ N(0, %r/n)" % VARW,
           "input b : G(n) ~ N(0, %r)" % VARB]
    for i, e in enumerate(emb):
        out.append("input %s : G(n) ~ N(0, %r)" % (e, VARU * g[i][i]))
    for i in range(len(emb)):
        for j in range(i + 1, len(emb)):
            out.append("cov(%s, %s) = %r" % (emb[i], emb[j], VARU * g[i][j]))
    for seq, p in (("x", ""), ("y", "'")):
        for k in range(1, t + 1):
            u = "U%s%d" % (seq, k)
            if k == 1:
                out.append("s1%s := erf(%s + b)" % (p, u))
            else:
                out.append("g%d%s := W s%d%s" % (k, p, k - 1, p))
                out.append("s%d%s := erf(g%d%s + %s + b)" % (k, p, k, p, u))
    out.append("output s%d, s%d'" % (t, t))
    return "\n".join(out) + "\n"


def state_names(t):
    """The state vectors in the order of `gram`'s tokens."""
    return ["s%d" % (k + 1) for k in range(t)] + ["s%d'" % (k + 1) for k in range(t)]


if __name__ == "__main__":
    sys.stdout.write(program(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
