package org.tpe.ntk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tpe.derive.BackwardPass;
import org.tpe.derive.Instantiation;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationOptions;

/**
 * The empirical NTK at finite width against a network written here directly: forward pass,
 * hand-coded backward pass and the full gradient matrices ∂f/∂w (w = √n W the trainable
 * parameter of NTK parametrization), whose Frobenius inner products are the kernel — on the very
 * matrices and initial vectors of the simulator's run ({@link FiniteWidthSimulator#draws}, same
 * seed). Only rounding separates the two (the tool multiplies coordinate averages, this test
 * sums n² products): 1e-10 relative.
 */
class EmpiricalNtkTest {
  static final int N = 96;
  static final long SEED = 11;

  private static double[] matVec(double[] w, double[] x, boolean transposed) {
    int n = x.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        y[transposed ? j : i] += w[i * n + j] * x[transposed ? i : j];
      }
    }
    return y;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** ⟨dh_a x_aᵀ/n, dh_b x_bᵀ/n⟩_F summed entry by entry (the gradient of w for one use each). */
  private static double frobenius(double[][] left, double[][] right, double[][] left2,
      double[][] right2) {
    int n = left[0].length;
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double ga = 0;
        double gb = 0;
        for (int u = 0; u < left.length; u++) {
          ga += left[u][i] * right[u][j] / n;
        }
        for (int u = 0; u < left2.length; u++) {
          gb += left2[u][i] * right2[u][j] / n;
        }
        s += ga * gb;
      }
    }
    return s;
  }

  private static FiniteWidthSimulator.Draws draws(Program network) {
    Program inst = Instantiation.on(BackwardPass.derive(network).program()).program();
    return FiniteWidthSimulator.draws(inst, new SimulationOptions(N, SEED, 2, 0));
  }

  @Test
  void empiricalNtkOfReluMlpIsTheDirectNetworksGradientInnerProduct() {
    int depth = 3;
    Program p = TpParser.parse(MlpNtkTest.mlp("relu", depth, 2, 2, 0.1, 1, MlpNtkTest.GRAM));
    FiniteWidthSimulator.Draws d = draws(p);
    int k = 3;
    double[][][] h = new double[k][depth + 1][];
    double[][][] x = new double[k][depth + 1][];
    double[][][] dh = new double[k][depth + 1][];
    for (int a = 0; a < k; a++) {
      double[] e = d.vectors().get("e" + "'".repeat(a));
      for (int l = 1; l <= depth; l++) {
        double[] pre = l == 1 ? e : matVec(d.matrices().get("W" + l), x[a][l - 1], false);
        double[] b = d.vectors().get("b" + l);
        h[a][l] = new double[N];
        x[a][l] = new double[N];
        for (int i = 0; i < N; i++) {
          h[a][l][i] = pre[i] + b[i];
          x[a][l][i] = Math.max(0, h[a][l][i]);
        }
      }
      double[] dx = d.vectors().get("v").clone();
      for (int l = depth; l >= 1; l--) {
        dh[a][l] = new double[N];
        for (int i = 0; i < N; i++) {
          dh[a][l][i] = h[a][l][i] > 0 ? dx[i] : 0;
        }
        if (l > 1) {
          dx = matVec(d.matrices().get("W" + l), dh[a][l], true);
        }
      }
    }
    NtkResult r = EmpiricalNtk.compute(p, N, SEED);
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        double total = 0;
        Map<String, Double> want = new java.util.LinkedHashMap<>();
        for (int l = 2; l <= depth; l++) {
          want.put("W" + l, frobenius(new double[][] {dh[a][l]}, new double[][] {x[a][l - 1]},
              new double[][] {dh[b][l]}, new double[][] {x[b][l - 1]}));
        }
        for (int l = 1; l <= depth; l++) {
          want.put("b" + l, dot(dh[a][l], dh[b][l]) / N);
        }
        want.put("U", dot(dh[a][1], dh[b][1]) / N * MlpNtkTest.GRAM[a][b]);
        want.put("v", dot(x[a][depth], x[b][depth]) / N);
        for (var e : want.entrySet()) {
          assertEquals(e.getValue(), r.byParameter().get(e.getKey()).value(a, b),
              1e-10 * Math.max(1, Math.abs(e.getValue())), e.getKey() + "[" + a + "][" + b + "]");
          total += e.getValue();
        }
        assertEquals(total, r.ntk().value(a, b), 1e-10 * Math.max(1, total), "Θ");
      }
    }
  }

  @Test
  void empiricalNtkOfErfRnnSumsTheSharedWeightsGradientOverTime() {
    Program p = TpParser.parse(RnnNtkTest.rnn(1.2, 0.8, 0.05, 1.5));
    FiniteWidthSimulator.Draws d = draws(p);
    double[] w = d.matrices().get("W");
    double[] bias = d.vectors().get("b");
    double[] v = d.vectors().get("v");
    int tt = 3;
    double[][][] s = new double[2][tt + 1][];
    double[][][] hh = new double[2][tt + 1][];
    double[][][] dh = new double[2][tt + 1][];
    for (int a = 0; a < 2; a++) {
      s[a][0] = new double[N];
      for (int t = 1; t <= tt; t++) {
        double[] rec = matVec(w, s[a][t - 1], false);
        double[] e = d.vectors().get("e" + t + "'".repeat(a));
        hh[a][t] = new double[N];
        s[a][t] = new double[N];
        for (int i = 0; i < N; i++) {
          hh[a][t][i] = rec[i] + e[i] + bias[i];
          s[a][t][i] = org.tpe.expr.Fn.erf(hh[a][t][i]);
        }
      }
      double[] ds = v.clone();
      for (int t = tt; t >= 1; t--) {
        dh[a][t] = new double[N];
        for (int i = 0; i < N; i++) {
          dh[a][t][i] = ds[i] * 2 / Math.sqrt(Math.PI) * Math.exp(-hh[a][t][i] * hh[a][t][i]);
        }
        ds = matVec(w, dh[a][t], true);
      }
    }
    NtkResult r = EmpiricalNtk.compute(p, N, SEED);
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        // ∇_w f = Σ_{t≥2} dh_t s_{t−1}ᵀ / n: one matrix per input, summed over time
        double thW = frobenius(new double[][] {dh[a][2], dh[a][3]},
            new double[][] {s[a][1], s[a][2]}, new double[][] {dh[b][2], dh[b][3]},
            new double[][] {s[b][1], s[b][2]});
        double thB = 0;
        double thU = 0;
        double[] ga = new double[N];
        double[] gb = new double[N];
        for (int t = 1; t <= tt; t++) {
          for (int i = 0; i < N; i++) {
            ga[i] += dh[a][t][i];
            gb[i] += dh[b][t][i];
          }
          for (int q = 1; q <= tt; q++) {
            thU += dot(dh[a][t], dh[b][q]) / N * RnnNtkTest.GRAM[a * tt + t - 1][b * tt + q - 1];
          }
        }
        thB = dot(ga, gb) / N;
        double thV = dot(s[a][tt], s[b][tt]) / N;
        assertEquals(thW, r.byParameter().get("W").value(a, b), 1e-10 * Math.max(1, thW), "W");
        assertEquals(thB, r.byParameter().get("b").value(a, b), 1e-10 * Math.max(1, thB), "b");
        assertEquals(thU, r.byParameter().get("U").value(a, b), 1e-10 * Math.max(1, thU), "U");
        assertEquals(thV, r.byParameter().get("v").value(a, b), 1e-10 * Math.max(1, thV), "v");
      }
    }
  }
}
