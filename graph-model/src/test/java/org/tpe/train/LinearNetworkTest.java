package org.tpe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;

/**
 * The one-hidden-layer linear network f = vᵀ U ξ / n^s, whose training limit has a closed form:
 * every vector of the run stays in the span of v and the embeddings e(ξ_a) = U ξ_a/√d, with inner
 * products ⟨v, v⟩ = σ_v², ⟨e(ξ_a), e(ξ_b)⟩ = σ_U² G_ab, ⟨v, e⟩ = 0, so SGD is a recursion on
 * k + 1 coefficients written out here.
 *
 * <ul>
 *   <li>μP (f = avg(v e)): the gradient at the embedding is de = v_t, the readout's is e_t(ξ_a),
 *       so e_{t+1}(ξ_b) = e_t(ξ_b) − η χ_t G(ξ_{a_t}, ξ_b) v_t, v_{t+1} = v_t − η χ_t e_t(ξ_{a_t}),
 *       f_t(ξ_b) = ⟨v_t, e_t(ξ_b)⟩: a nonlinear recursion (feature learning: the embeddings move).
 *   <li>NTK parametrization: f is linear in the parameters' changes at first order, Θ(ξ_a, ξ_b) =
 *       (σ_v² + σ_U²) G_ab (input layer E[v v] G, readout E[e e]), and the limit is kernel
 *       gradient descent from f_0 = 0.
 * </ul>
 */
class LinearNetworkTest {
  static final double SU = 1.5;
  static final double SV = 0.8;
  static final double ETA = 0.3;
  static final double[][] G = {{1, 0.4, -0.3}, {0.4, 1.2, 0.2}, {-0.3, 0.2, 0.9}};
  static final double[] Y = {0.5, -0.4};
  static final int STEPS = 4;

  static String network(String parametrization) {
    return """
        input e : G(n) ~ N(0, 1.5)
        input v : G(n) ~ N(0, 0.8)
        x := id(e)
        parametrization %s
        inputs ξ1, ξ2, ξ3
        gram ξ1 : 1, 0.4, -0.3
        gram ξ2 : 0.4, 1.2, 0.2
        gram ξ3 : -0.3, 0.2, 0.9
        embedding U : e
        param U, v
        readout v · x
        train ξ1 : 0.5, ξ2 : -0.4
        test ξ3
        lr 0.3
        steps 4
        """.formatted(parametrization);
  }

  /** ⟨p, q⟩ over the basis v, e(ξ₁), e(ξ₂), e(ξ₃). */
  static double inner(double[] p, double[] q) {
    double s = SV * p[0] * q[0];
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        s += SU * G[a][b] * p[a + 1] * q[b + 1];
      }
    }
    return s;
  }

  /** f_t(ξ_b) of μP SGD by the coefficient recursion. */
  static double[][] mupClosedForm() {
    double[] v = {1, 0, 0, 0};
    double[][] e = new double[3][4];
    for (int b = 0; b < 3; b++) {
      e[b][b + 1] = 1;
    }
    double[][] f = new double[STEPS + 1][3];
    for (int t = 0; t <= STEPS; t++) {
      for (int b = 0; b < 3; b++) {
        f[t][b] = inner(v, e[b]);
      }
      if (t == STEPS) {
        break;
      }
      int a = t % 2;
      double k = ETA * (f[t][a] - Y[a]);
      double[] vOld = v.clone();
      double[] ea = e[a].clone();
      for (int b = 0; b < 3; b++) {
        for (int i = 0; i < 4; i++) {
          e[b][i] -= k * G[a][b] * vOld[i];
        }
      }
      for (int i = 0; i < 4; i++) {
        v[i] -= k * ea[i];
      }
    }
    return f;
  }

  @Test
  void mupLimitIsTheCoefficientRecursion() {
    UnrolledSgd.Result r = UnrolledSgd.limit(TpParser.parse(network("mup")));
    CoordinateStatistics st = Limits.compute(r.program(), LimitOptions.defaults()
        .withHistogramBins(0));
    double[][] want = mupClosedForm();
    for (int t = 0; t <= STEPS; t++) {
      for (int b = 0; b < 3; b++) {
        var got = st.scalars().get(r.output(t, b));
        assertEquals(want[t][b], got.value(), 4 * got.error() + 1e-9,
            "f_" + t + "(ξ" + (b + 1) + ")");
      }
    }
    // the embedding moved along v: E[Z^{e_1(ξ1)} Z^v] = η y₁ σ_v² ≠ 0 (χ_0 = −y₁)
    String e1 = r.vector("e", 1, 0);
    assertEquals(ETA * Y[0] * SV, st.secondMoment(e1, "v").value(), 1e-9);
  }

  @Test
  void ntkLimitIsKernelGradientDescentWithTheLinearKernel() {
    UnrolledSgd.Result r = UnrolledSgd.limit(TpParser.parse(network("ntk")));
    assertEquals(Regime.Kind.KERNEL, r.regime().kind());
    CoordinateStatistics st = Limits.compute(r.program(), LimitOptions.defaults()
        .withHistogramBins(0));
    double[] f = new double[3];
    for (int t = 0; t <= STEPS; t++) {
      for (int b = 0; b < 3; b++) {
        var got = st.scalars().get(r.output(t, b));
        assertEquals(f[b], got.value(), 4 * got.error() + 1e-9,
            "f_" + t + "(ξ" + (b + 1) + ")");
      }
      if (t == STEPS) {
        break;
      }
      int a = t % 2;
      double chi = f[a] - Y[a];
      double[] next = f.clone();
      for (int b = 0; b < 3; b++) {
        next[b] -= ETA * chi * (SV + SU) * G[b][a];
      }
      f = next;
    }
    assertTrue(Math.abs(f[0]) > 0.1, "the run trained: f_T(ξ1) = " + f[0]);
  }
}
