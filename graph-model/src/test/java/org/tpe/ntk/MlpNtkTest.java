package org.tpe.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The NTK of MLPs against the closed-form recursion of Jacot et al. (2018), written here
 * independently of the tool: with pre-activation covariance Σ^l, K^l = E[φ(h_l)φ(h̄_l)] and
 * K̇^l = E[φ'(h_l)φ'(h̄_l)] (arc-cosine kernels for relu, Williams' kernels for erf), in NTK
 * parametrization with trainable w ~ N(0, σ²) (so σ² multiplies the forward and backward
 * covariances but not the gradient inner products):
 *
 * <pre>
 *   Σ¹ = σ_U² G + σ_b²,   Σ^{l+1} = σ²_{l+1} K^l + σ_b²
 *   Θ̃¹ = G + 1,           Θ̃^{l+1} = K^l + 1 + σ²_{l+1} K̇^l Θ̃^l       (1 from the bias)
 *   Θ  = K^L + σ_v² K̇^L Θ̃^L                                           (readout, then the rest)
 * </pre>
 *
 * the form Θ^l = Σ^l + Θ^{l−1}·Σ̇^l of the NTK paper with σ's written out. Per parameter:
 * Θ_{W_l} = D^l K^{l−1}, Θ_{b_l} = D^l, Θ_U = D¹ G, Θ_v = K^L with D^L = σ_v² K̇^L and D^l =
 * σ²_{l+1} K̇^l D^{l+1}. Both routes of {@link NtkLimit} are checked: the k×k blocks on the
 * single-input program (the default here) and the instantiated program through the exact engine.
 * Both use closed forms for these kernels (the instantiated route integrates erf′·erf′ by
 * quadrature, relative target 1e-11), so the agreement is to rounding: 1e-12 relative (1e-10 for
 * the instantiated erf MLP).
 */
class MlpNtkTest {

  static String mlp(String phi, int depth, double su, double sw, double sb, double sv,
      double[][] gram) {
    StringBuilder b = new StringBuilder("title \"MLP\"\n");
    b.append("input e : G(n) ~ N(0, ").append(su).append(")\n");
    for (int l = 1; l <= depth; l++) {
      if (l > 1) {
        b.append("input W").append(l).append(" : A(n, n) ~ N(0, ").append(sw).append("/n)\n");
      }
      b.append("input b").append(l).append(" : G(n) ~ N(0, ").append(sb).append(")\n");
    }
    b.append("input v : G(n) ~ N(0, ").append(sv).append(")\n");
    b.append("h1 := e + b1\nx1 := ").append(phi).append("(h1)\n");
    for (int l = 2; l <= depth; l++) {
      b.append("g").append(l).append(" := W").append(l).append(" x").append(l - 1).append('\n');
      b.append("h").append(l).append(" := g").append(l).append(" + b").append(l).append('\n');
      b.append("x").append(l).append(" := ").append(phi).append("(h").append(l).append(")\n");
    }
    b.append("inputs ");
    for (int a = 0; a < gram.length; a++) {
      b.append(a == 0 ? "" : ", ").append("ξ").append(a + 1);
    }
    b.append('\n');
    for (int a = 0; a < gram.length; a++) {
      b.append("gram ξ").append(a + 1).append(" : ");
      for (int c = 0; c < gram.length; c++) {
        b.append(c == 0 ? "" : ", ").append(gram[a][c]);
      }
      b.append('\n');
    }
    b.append("embedding U : e\nparam U, v");
    for (int l = 1; l <= depth; l++) {
      b.append(", b").append(l).append(l > 1 ? ", W" + l : "");
    }
    b.append("\nreadout v · x").append(depth).append('\n');
    return b.toString();
  }

  /** E[relu(u) relu(w)], (u, w) ~ N(0, [[p, c], [c, q]]): the arc-cosine kernel of degree 1. */
  static double relu(double p, double q, double c) {
    double r = Math.sqrt(p * q);
    double t = Math.acos(Math.max(-1, Math.min(1, c / r)));
    return r * (Math.sin(t) + (Math.PI - t) * Math.cos(t)) / (2 * Math.PI);
  }

  /** E[step(u) step(w)]: the arc-cosine kernel of degree 0. */
  static double step(double p, double q, double c) {
    double t = Math.acos(Math.max(-1, Math.min(1, c / Math.sqrt(p * q))));
    return (Math.PI - t) / (2 * Math.PI);
  }

  /** E[erf(u) erf(w)] (Williams 1997). */
  static double erf(double p, double q, double c) {
    return 2 / Math.PI * Math.asin(2 * c / Math.sqrt((1 + 2 * p) * (1 + 2 * q)));
  }

  /** E[erf'(u) erf'(w)] = (4/π) E[e^{−u²−w²}] = (4/π)/√det(I + 2Σ). */
  static double erfPrime(double p, double q, double c) {
    return 4 / Math.PI / Math.sqrt((1 + 2 * p) * (1 + 2 * q) - 4 * c * c);
  }

  /** The recursion above: [0] Θ, [1] NNGP, [2 + l] the term of W_l / b_l etc. by name order. */
  static final class Recursion {
    final int k;
    final double[][] theta;
    final double[][] nngp;
    final java.util.Map<String, double[][]> parts = new java.util.LinkedHashMap<>();

    Recursion(boolean isRelu, int depth, double su, double sw, double sb, double sv,
        double[][] g) {
      k = g.length;
      double[][][] sigma = new double[depth + 1][k][k];
      double[][][] kk = new double[depth + 1][k][k];
      double[][][] kd = new double[depth + 1][k][k];
      for (int l = 1; l <= depth; l++) {
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            sigma[l][a][b] = (l == 1 ? su * g[a][b] : sw * kk[l - 1][a][b]) + sb;
          }
        }
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            double p = sigma[l][a][a];
            double q = sigma[l][b][b];
            double c = sigma[l][a][b];
            kk[l][a][b] = isRelu ? relu(p, q, c) : erf(p, q, c);
            kd[l][a][b] = isRelu ? step(p, q, c) : erfPrime(p, q, c);
          }
        }
      }
      double[][][] d = new double[depth + 1][k][k];
      for (int l = depth; l >= 1; l--) {
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            d[l][a][b] = (l == depth ? sv : sw * d[l + 1][a][b]) * kd[l][a][b];
          }
        }
      }
      theta = new double[k][k];
      nngp = new double[k][k];
      double[][] tt = new double[k][k];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          tt[a][b] = g[a][b] + 1;
        }
      }
      for (int l = 1; l < depth; l++) {
        double[][] next = new double[k][k];
        for (int a = 0; a < k; a++) {
          for (int b = 0; b < k; b++) {
            next[a][b] = kk[l][a][b] + 1 + sw * kd[l][a][b] * tt[a][b];
          }
        }
        tt = next;
      }
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          theta[a][b] = kk[depth][a][b] + sv * kd[depth][a][b] * tt[a][b];
          nngp[a][b] = sv * kk[depth][a][b];
        }
      }
      parts.put("U", map(d[1], g));
      parts.put("v", kk[depth]);
      for (int l = 1; l <= depth; l++) {
        parts.put("b" + l, d[l]);
        if (l > 1) {
          parts.put("W" + l, map(d[l], kk[l - 1]));
        }
      }
    }

    private double[][] map(double[][] x, double[][] y) {
      double[][] o = new double[k][k];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          o[a][b] = x[a][b] * y[a][b];
        }
      }
      return o;
    }
  }

  static final double[][] GRAM = {{1, 0.6, -0.2}, {0.6, 1.2, 0.3}, {-0.2, 0.3, 0.8}};

  static void assertKernel(double[][] want, Kernel got, double rel, String what) {
    for (int a = 0; a < want.length; a++) {
      for (int b = 0; b < want.length; b++) {
        double w = want[a][b];
        assertEquals(w, got.value(a, b), rel * Math.max(1, Math.abs(w)), what + "[" + a + "]["
            + b + "]");
      }
    }
  }

  private static void check(String phi, int depth, double su, double sw, double sb, double sv) {
    Program p = TpParser.parse(mlp(phi, depth, su, sw, sb, sv, GRAM));
    NtkResult r = NtkLimit.compute(p);
    assertEquals("limit (k×k kernel blocks, closed forms)", r.method());
    Recursion want = new Recursion(phi.equals("relu"), depth, su, sw, sb, sv, GRAM);
    check(want, r, 1e-12);
    NtkResult inst = NtkLimit.compute(p, org.tpe.limit.LimitOptions.defaults(), false,
        NtkLimit.Route.INSTANTIATED, org.tpe.limit.ProgressListener.NONE,
        org.tpe.limit.CancellationToken.NONE);
    assertEquals("limit (exact)", inst.method());
    check(want, inst, phi.equals("relu") ? 1e-12 : 1e-10);
  }

  private static void check(Recursion want, NtkResult r, double rel) {
    assertKernel(want.theta, r.ntk(), rel, "Θ");
    assertKernel(want.nngp, r.nngp(), rel, "NNGP");
    for (var e : want.parts.entrySet()) {
      assertKernel(e.getValue(), r.byParameter().get(e.getKey()), rel, e.getKey());
    }
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        assertTrue(r.ntk().error(a, b) <= 1e-9, "closed forms: error ≈ 0");
      }
    }
  }

  @Test
  void reluMlpNtkIsTheArcCosineRecursion() {
    check("relu", 3, 2, 2, 0.1, 1);
  }

  @Test
  void erfMlpNtkIsWilliamsKernelRecursion() {
    check("erf", 3, 1.5, 1.3, 0.2, 0.7);
  }

  @Test
  void pathSumEqualsTheGradientNtk() {
    Program p = TpParser.parse(mlp("relu", 4, 2, 2, 0.1, 1, GRAM));
    NtkResult r = NtkLimit.compute(p);
    assertTrue(r.pathForm().applies(), r.pathForm().note());
    assertTrue(r.pathForm().agreement() <= 1e-9, "agreement " + r.pathForm().agreement());
  }
}
