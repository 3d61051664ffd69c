package org.tpe.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The NTK of the erf RNN h_t = W s_{t−1} + U ξ_t/√d + b, s_t = erf(h_t), f = vᵀs_T/√n on two
 * sequences of three tokens, with W, U, b, v all trained, against TP II's RNN recursion
 * (Yang 2020a §"RNN"; its reference implementation NTK4A), implemented here on its own:
 *
 * <pre>
 *   H[(a,t),(b,s)] = σ_U² G[(a,t),(b,s)] + σ_b² + σ_W² S[(a,t−1),(b,s−1)]   (the last for t, s ≥ 2)
 *   S = V_erf(H),  Ṡ = V_erf'(H)                                   (Williams' kernels)
 *   D[(a,T),(b,T)] = σ_v² Ṡ,  D[(a,T),(b,s<T)] = 0,  D[(a,t),(b,s)] = σ_W² D[(a,t+1),(b,s+1)] Ṡ
 *   Θ_W = Σ_{t,s≥2} D[t,s] S[t−1,s−1],  Θ_U = Σ_{t,s} D[t,s] G[t,s],  Θ_b = Σ_{t,s} D[t,s],
 *   Θ_v = S[T,T]
 * </pre>
 *
 * where D is E[Z^{dh_t(ξ_a)} Z^{dh_s(ξ_b)}] by gradient independence (the backward pass is
 * BP-like). The tool's default route (k×k blocks on the single-input program) has E[erf'(h)
 * erf'(h̄)] in closed form, (4/π) det(I + 2Σ)^{−1/2}: agreement to 1e-12 relative; the
 * instantiated route integrates it by 2-D quadrature (relative target 1e-11): 1e-9.
 */
class RnnNtkTest {
  static final double[][] GRAM = {
      {2.3, 0.36, 0.16, -0.59, -0.86, -0.37},
      {0.36, 0.5, -0.23, 0.15, -0.32, 0.04},
      {0.16, -0.23, 0.64, 0.14, 0.04, -0.47},
      {-0.59, 0.15, 0.14, 1.43, 0.44, 0.13},
      {-0.86, -0.32, 0.04, 0.44, 0.88, -0.24},
      {-0.37, 0.04, -0.47, 0.13, -0.24, 1.37}};

  static String rnn(double sw, double su, double sb, double sv) {
    StringBuilder b = new StringBuilder("title \"erf RNN\"\n");
    b.append("input W : A(n, n) ~ N(0, ").append(sw).append("/n)\n");
    b.append("input b : G(n) ~ N(0, ").append(sb).append(")\n");
    for (int t = 1; t <= 3; t++) {
      b.append("input e").append(t).append(" : G(n) ~ N(0, ").append(su).append(")\n");
    }
    b.append("input v : G(n) ~ N(0, ").append(sv).append(")\n");
    b.append("h1 := e1 + b\ns1 := erf(h1)\n");
    b.append("g2 := W s1\nh2 := g2 + e2 + b\ns2 := erf(h2)\n");
    b.append("g3 := W s2\nh3 := g3 + e3 + b\ns3 := erf(h3)\n");
    b.append("inputs x, y\n");
    for (int r = 0; r < 6; r++) {
      b.append("gram ").append(r < 3 ? "x" : "y").append('(').append(r % 3 + 1).append(") : ");
      for (int c = 0; c < 6; c++) {
        b.append(c == 0 ? "" : ", ").append(GRAM[r][c]);
      }
      b.append('\n');
    }
    b.append("embedding U : e1, e2, e3\nparam W, U, b, v\nreadout v · s3\n");
    return b.toString();
  }

  @Test
  void erfRnnNtkIsTheRecursionOfTensorProgramsII() {
    double sw = 1.2;
    double su = 0.8;
    double sb = 0.05;
    double sv = 1.5;
    Program p = TpParser.parse(rnn(sw, su, sb, sv));
    NtkResult blocks = NtkLimit.compute(p);
    assertEquals("limit (k×k kernel blocks, closed forms)", blocks.method());
    check(blocks, sw, su, sb, sv, 1e-12);
    NtkResult inst = NtkLimit.compute(p, org.tpe.limit.LimitOptions.defaults(), true,
        NtkLimit.Route.INSTANTIATED, org.tpe.limit.ProgressListener.NONE,
        org.tpe.limit.CancellationToken.NONE);
    assertEquals("limit (exact)", inst.method());
    check(inst, sw, su, sb, sv, 1e-9);
  }

  private static void check(NtkResult r, double sw, double su, double sb, double sv,
      double rel) {
    int tt = 3;
    int n = 2 * tt;
    double[][] h = new double[n][n];
    double[][] s = new double[n][n];
    double[][] sd = new double[n][n];
    // level m: the entries whose later time is m need S of level m − 1 only
    for (int m = 0; m < tt; m++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (Math.max(i % tt, j % tt) == m) {
            boolean recur = i % tt > 0 && j % tt > 0;
            h[i][j] = su * GRAM[i][j] + sb + (recur ? sw * s[i - 1][j - 1] : 0);
          }
        }
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (Math.max(i % tt, j % tt) == m) {
            s[i][j] = MlpNtkTest.erf(h[i][i], h[j][j], h[i][j]);
            sd[i][j] = MlpNtkTest.erfPrime(h[i][i], h[j][j], h[i][j]);
          }
        }
      }
    }
    double[][] d = new double[n][n];
    for (int t = tt - 1; t >= 0; t--) {
      for (int q = tt - 1; q >= 0; q--) {
        for (int a = 0; a < 2; a++) {
          for (int c = 0; c < 2; c++) {
            int i = a * tt + t;
            int j = c * tt + q;
            if (t == tt - 1 && q == tt - 1) {
              d[i][j] = sv * sd[i][j];
            } else if (t == tt - 1 || q == tt - 1) {
              d[i][j] = 0;
            } else {
              d[i][j] = sw * d[i + 1][j + 1] * sd[i][j];
            }
          }
        }
      }
    }
    double[][] thW = new double[2][2];
    double[][] thU = new double[2][2];
    double[][] thB = new double[2][2];
    double[][] thV = new double[2][2];
    double[][] total = new double[2][2];
    for (int a = 0; a < 2; a++) {
      for (int c = 0; c < 2; c++) {
        for (int t = 0; t < tt; t++) {
          for (int q = 0; q < tt; q++) {
            int i = a * tt + t;
            int j = c * tt + q;
            if (t > 0 && q > 0) {
              thW[a][c] += d[i][j] * s[i - 1][j - 1];
            }
            thU[a][c] += d[i][j] * GRAM[i][j];
            thB[a][c] += d[i][j];
          }
        }
        thV[a][c] = s[a * tt + tt - 1][c * tt + tt - 1];
        total[a][c] = thW[a][c] + thU[a][c] + thB[a][c] + thV[a][c];
      }
    }
    MlpNtkTest.assertKernel(thW, r.byParameter().get("W"), rel, "Θ_W");
    MlpNtkTest.assertKernel(thU, r.byParameter().get("U"), rel, "Θ_U");
    MlpNtkTest.assertKernel(thB, r.byParameter().get("b"), rel, "Θ_b");
    MlpNtkTest.assertKernel(thV, r.byParameter().get("v"), rel, "Θ_v");
    MlpNtkTest.assertKernel(total, r.ntk(), rel, "Θ");
    for (int a = 0; a < 2; a++) {
      for (int c = 0; c < 2; c++) {
        assertEquals(sv * thV[a][c], r.nngp().value(a, c), rel * Math.max(1,
            Math.abs(sv * thV[a][c])), "NNGP = σ_v² E[s_T s̄_T]");
      }
    }
    assertTrue(r.pathForm().applies(), r.pathForm().note());
    assertTrue(r.pathForm().agreement() <= 1e-9, "path form vs gradients: "
        + r.pathForm().agreement());
  }
}
