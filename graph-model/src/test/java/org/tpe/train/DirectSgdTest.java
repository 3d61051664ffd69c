package org.tpe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationOptions;

/**
 * The unrolled program at width n is SGD on the width-n network: it is run by the simulator and
 * compared with SGD written here directly on explicit parameter tensors — the input layer U
 * (n×d) acting on actual inputs ξ ∈ R^d with ξ_a·ξ_b/d the declared Gram matrix, the hidden
 * matrix W (n×n), the readout weights V — each trainable tensor w with its multiplier n^{-a}
 * (U = n^{-a} u, …), learning rate η n^{-c} on w, gradients by hand-written backpropagation and
 * outer products, f = Vᵀ tanh(W tanh(U ξ/√d)). The tensors start from the simulator's very draws
 * of the same program and seed ({@link FiniteWidthSimulator#draws}): the embedding vectors e(ξ_a)
 * give U = E L^{-T} for ξ_a = √d L_a (G = L Lᵀ). Only rounding separates the two (the program
 * multiplies coordinate averages where this test forms the updated matrices): 1e-10 relative, for
 * μP, NTK and standard parametrization, explicit abc exponents, one example per step and the
 * full batch.
 */
class DirectSgdTest {
  static final int N = 96;
  static final long SEED = 5;
  static final double[][] GRAM = {{1, 0.4, -0.3}, {0.4, 1.2, 0.2}, {-0.3, 0.2, 0.9}};
  static final double[] LABELS = {0.5, -0.4};

  /** The MLP of seeds/004 on three inputs (two trained), as a network text. */
  static String network(String parametrization, String params, String batch, double lr,
      int steps) {
    return """
        input e : G(n) ~ N(0, 1.3)
        input W : A(n, n) ~ N(0, 1.1/n)
        input v : G(n) ~ N(0, 0.8)
        x := tanh(e)
        hb := W x
        xb := tanh(hb)
        parametrization %s
        inputs ξ1, ξ2, ξ3
        gram ξ1 : 1, 0.4, -0.3
        gram ξ2 : 0.4, 1.2, 0.2
        gram ξ3 : -0.3, 0.2, 0.9
        embedding U : e
        %s
        readout v · xb
        train ξ1 : 0.5, ξ2 : -0.4
        test ξ3
        lr %s
        steps %d
        batch %s
        """.formatted(parametrization, params, lr, steps, batch);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = ';', value = {
      "mup; param U, W, v; cyclic; 0.7; -0.5,0.5,0; 0,0.5,0; 0.5,0.5,0",
      "ntk; param U, W, v; cyclic; 0.7; 0,0,0; 0.5,0,0; 0.5,0,0",
      "standard; param U, W, v; cyclic; 0.05; 0,0,0; 0,0.5,0; 0,0.5,0",
      "mup; param U, W, v; full; 1.3; -0.5,0.5,0; 0,0.5,0; 0.5,0.5,0",
      "ntk; param U, v | param W : abc(0.25, 0.25, 0.5); full; 0.9; 0,0,0; 0.25,0.25,0.5; 0.5,0,0",
  })
  void theProgramAtWidthNIsSgdOnTheWidthNNetwork(String param, String params, String batch,
      double lr, String abcU, String abcW, String abcV) {
    int steps = 3;
    Program net = TpParser.parse(network(param, params.replace(" | ", "\n"), batch, lr, steps));
    UnrolledSgd.Result r = UnrolledSgd.atWidth(net, N);
    SimulationOptions opt = new SimulationOptions(N, SEED, 2, 0);
    CoordinateStatistics st = FiniteWidthSimulator.simulate(r.program(), opt);
    FiniteWidthSimulator.Draws d = FiniteWidthSimulator.draws(r.program(), opt);
    double[][] direct = new Direct(d, r, abc(abcU), abc(abcW), abc(abcV), lr,
        batch.equals("full")).train(steps);
    List<String> bad = new ArrayList<>();
    for (int t = 0; t <= steps; t++) {
      for (int b = 0; b < 3; b++) {
        double program = st.scalars().get(r.output(t, b)).value();
        if (!(Math.abs(program - direct[t][b]) <= 1e-10 * Math.max(1, Math.abs(direct[t][b])))) {
          bad.add("f_" + t + "(ξ" + (b + 1) + "): program " + program + ", direct " + direct[t][b]);
        }
      }
    }
    assertTrue(bad.isEmpty(), bad.toString());
    // the runs really train: f moves by more than rounding
    assertTrue(Math.abs(direct[steps][0] - direct[0][0]) > 1e-3, "f did not move");
  }

  private static double[] abc(String s) {
    String[] p = s.split(",");
    return new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1]),
        Double.parseDouble(p[2])};
  }

  /** SGD on explicit tensors: u (n×d), w (n×n), wv (n) with multipliers n^{-a}. */
  private static final class Direct {
    final int n = N;
    final int d = 3;
    final double[][] u;
    final double[][] w;
    final double[] wv;
    final double[][] xi;
    final double[] aU;
    final double[] aW;
    final double[] aV;
    final double lr;
    final boolean full;

    Direct(FiniteWidthSimulator.Draws draws, UnrolledSgd.Result r, double[] aU, double[] aW,
        double[] aV, double lr, boolean full) {
      this.aU = aU;
      this.aW = aW;
      this.aV = aV;
      this.lr = lr;
      this.full = full;
      assertEquals(List.of("ξ1", "ξ2", "ξ3"), r.inputs());
      double[][] l = new CholeskyDecomposition(new Array2DRowRealMatrix(GRAM)).getL().getData();
      xi = new double[3][d];
      for (int a = 0; a < 3; a++) {
        for (int j = 0; j < d; j++) {
          xi[a][j] = Math.sqrt(d) * l[a][j];
        }
      }
      // E = U_eff Lᵀ with E's columns the drawn embeddings, so U_eff = E L^{-T}
      double[][] e = new double[n][3];
      for (int a = 0; a < 3; a++) {
        double[] col = draws.vectors().get("e" + "'".repeat(a));
        for (int i = 0; i < n; i++) {
          e[i][a] = col[i];
        }
      }
      double[][] ueff = new double[n][d];
      for (int i = 0; i < n; i++) {
        // solve ueff_i L^T = e_i, i.e. L ueff_iᵀ = e_iᵀ (forward substitution)
        for (int j = 0; j < d; j++) {
          double s = e[i][j];
          for (int m = 0; m < j; m++) {
            s -= l[j][m] * ueff[i][m];
          }
          ueff[i][j] = s / l[j][j];
        }
      }
      u = new double[n][d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          u[i][j] = Math.pow(n, aU[0]) * ueff[i][j];
        }
      }
      double[] wd = draws.matrices().get("W");
      w = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          w[i][j] = Math.pow(n, aW[0]) * wd[i * n + j];
        }
      }
      double s = aV[0] + aV[1];
      double[] vd = draws.vectors().get("v");
      wv = new double[n];
      for (int i = 0; i < n; i++) {
        wv[i] = Math.pow(n, aV[0] - s) * vd[i];
      }
    }

    /** Forward pass on input a: e, x, hb, xb and f. */
    private double[][] forward(int a) {
      double mu = Math.pow(n, -aU[0]);
      double mw = Math.pow(n, -aW[0]);
      double mv = Math.pow(n, -aV[0]);
      double[] e = new double[n];
      double[] x = new double[n];
      double[] hb = new double[n];
      double[] xb = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          e[i] += mu * u[i][j] * xi[a][j] / Math.sqrt(d);
        }
        x[i] = Math.tanh(e[i]);
      }
      double f = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          hb[i] += mw * w[i][j] * x[j];
        }
        xb[i] = Math.tanh(hb[i]);
        f += mv * wv[i] * xb[i];
      }
      return new double[][] {e, x, hb, xb, {f}};
    }

    double[][] train(int steps) {
      double[][] out = new double[steps + 1][3];
      for (int t = 0; t <= steps; t++) {
        for (int b = 0; b < 3; b++) {
          out[t][b] = forward(b)[4][0];
        }
        if (t == steps) {
          break;
        }
        int[] batch = full ? new int[] {0, 1} : new int[] {t % 2};
        double[][] gu = new double[n][d];
        double[][] gw = new double[n][n];
        double[] gv = new double[n];
        for (int a : batch) {
          double[][] fw = forward(a);
          double chi = fw[4][0] - LABELS[a];
          double mu = Math.pow(n, -aU[0]);
          double mw = Math.pow(n, -aW[0]);
          double mv = Math.pow(n, -aV[0]);
          double[] dhb = new double[n];
          for (int i = 0; i < n; i++) {
            gv[i] += chi * mv * fw[3][i];
            dhb[i] = mv * wv[i] * (1 - fw[3][i] * fw[3][i]);
          }
          double[] dx = new double[n];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              gw[i][j] += chi * mw * dhb[i] * fw[1][j];
              dx[j] += mw * w[i][j] * dhb[i];
            }
          }
          for (int i = 0; i < n; i++) {
            double de = dx[i] * (1 - fw[1][i] * fw[1][i]);
            for (int j = 0; j < d; j++) {
              gu[i][j] += chi * mu * de * xi[a][j] / Math.sqrt(d);
            }
          }
        }
        double b = batch.length;
        double su = lr * Math.pow(n, -aU[2]) / b;
        double sw = lr * Math.pow(n, -aW[2]) / b;
        double sv = lr * Math.pow(n, -aV[2]) / b;
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            u[i][j] -= su * gu[i][j];
          }
          for (int j = 0; j < n; j++) {
            w[i][j] -= sw * gw[i][j];
          }
          wv[i] -= sv * gv[i];
        }
      }
      return out;
    }
  }
}
