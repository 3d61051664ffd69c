package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tpe.limit.ZDotChecksTest.assertWithin;
import static org.tpe.limit.ZDotChecksTest.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The Netsor kernel checks of DESIGN §7 on the deterministic engine, against recursions written
 * here from the papers' formulas (with acos, not the engine's atan2): the engine's closed forms
 * must agree to 1e-9 relative (they agree to rounding, ≈ 1e-15); its quadrature (the same network
 * written with max(·, 0), which the engine cannot recognise as relu) to 1e-9; and the particle
 * engine within 6 standard errors (false-failure chance per comparison ≈ 2·10⁻⁵, see {@link
 * ZDotChecksTest}).
 */
class DeterministicKernelsTest {
  static Program mlp(String phi) {
    try (InputStream in = DeterministicKernelsTest.class.getResourceAsStream("mlp3.tp")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return TpParser.parse(text.replace("PHI(u)", phi.replace("Z", "u"))
          .replace("PHI(u')", phi.replace("Z", "u'")).replace("PHI(h2)", phi.replace("Z", "h2"))
          .replace("PHI(h2')", phi.replace("Z", "h2'")).replace("PHI(h3)", phi.replace("Z", "h3"))
          .replace("PHI(h3')", phi.replace("Z", "h3'")));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** E φ(z1)φ(z2) for zero-mean (z1, z2) with covariance (a, c; c, b), by the papers' formulas. */
  static double kernel(String phi, double a, double b, double c) {
    double theta = Math.acos(c / Math.sqrt(a * b));
    switch (phi) {
      case "relu":
        return Math.sqrt(a * b) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta))
            / (2 * Math.PI);
      case "step":
        return (Math.PI - theta) / (2 * Math.PI);
      default: // erf, Williams 1997
        return 2 / Math.PI * Math.asin(2 * c / Math.sqrt((1 + 2 * a) * (1 + 2 * b)));
    }
  }

  /** {E x3², E x3'², E x3 x3'} by the kernel recursion through the three layers. */
  static double[] recursion(String phi) {
    double a = 1.3;
    double b = 0.7;
    double c = 0.4;
    double[] sigma2 = {2, 1.5};
    double ka = 0;
    double kb = 0;
    double kc = 0;
    for (int layer = 0; layer < 3; layer++) {
      ka = phi.equals("relu") ? a / 2 : phi.equals("step") ? 0.5 : kernel(phi, a, a, a);
      kb = phi.equals("relu") ? b / 2 : phi.equals("step") ? 0.5 : kernel(phi, b, b, b);
      kc = kernel(phi, a, b, c);
      if (layer < 2) {
        a = sigma2[layer] * ka;
        b = sigma2[layer] * kb;
        c = sigma2[layer] * kc;
      }
    }
    return new double[] {ka, kb, kc};
  }

  static void assertRel(double expected, double actual, double rel, String what) {
    assertEquals(expected, actual, rel * Math.abs(expected), what);
  }

  @ParameterizedTest
  @ValueSource(strings = {"relu", "step", "erf"})
  void mlpKernelsMatchTheRecursion(String phi) {
    CoordinateStatistics s = Limits.compute(mlp(phi + "(Z)"));
    assertEquals("exact", s.method());
    double[] k = recursion(phi);
    assertRel(k[0], s.secondMoment("x3", "x3").value(), 1e-9, "E x3²");
    assertRel(k[1], s.secondMoment("x3'", "x3'").value(), 1e-9, "E x3'²");
    assertRel(k[2], s.secondMoment("x3", "x3'").value(), 1e-9, "E x3 x3'");
    assertEquals(0.0, s.secondMoment("x3", "x3'").error(), "closed forms carry no error");
    // the G-var covariance is σ² times the previous layer's kernel
    assertRel(1.5 * s.secondMoment("x2", "x2'").value(), s.secondMoment("h3", "h3'").value(),
        1e-12, "ZHat");
    assertEquals(0.0, s.secondMoment("h3", "h2").value(), "W2 and W3 families are independent");
    // a G-var's histogram is its exact Gaussian density: mass 1 − 2Φ(−4.5) inside ±4.5 sd
    Histogram h = s.vectors().get("h3").histogram();
    double mass = 0;
    for (int i = 0; i < h.bins(); i++) {
      mass += h.density()[i] * (h.edges()[i + 1] - h.edges()[i]);
    }
    assertEquals(1 - 6.795346249460e-6, mass, 1e-12);
  }

  @Test
  void reluByQuadratureMatchesTheArcCosineKernel() {
    // max(Z, 0) is opaque to the engine: every integral goes through kink-aware quadrature
    CoordinateStatistics s = Limits.compute(mlp("max(Z, 0)"));
    assertTrue(s.notes().stream().anyMatch(n -> n.contains("quadrature {")), s.notes().toString());
    double[] k = recursion("relu");
    assertRel(k[2], s.secondMoment("x3", "x3'").value(), 1e-9, "E x3 x3' by quadrature");
    assertRel(k[0], s.secondMoment("x3", "x3").value(), 1e-9, "E x3² by quadrature");
    assertTrue(s.secondMoment("x3", "x3'").error() < 1e-8, "error estimate is reported");
  }

  @ParameterizedTest
  @ValueSource(strings = {"relu(Z)", "tanh(Z)"})
  void deterministicAgreesWithParticles(String phi) {
    Program p = mlp(phi);
    CoordinateStatistics d = Limits.compute(p);
    CoordinateStatistics m = Limits.compute(p, ZDotChecksTest.particle(1 << 16));
    assertEquals("exact", d.method());
    assertEquals("particle", m.method());
    for (var row : d.secondMoments().entrySet()) {
      for (Map.Entry<String, Estimate> e : row.getValue().entrySet()) {
        Estimate mc = m.secondMoment(row.getKey(), e.getKey());
        if (e.getValue().value() == 0) {
          // independent families: the particle estimate is noise around 0
          assertTrue(Math.abs(mc.value()) <= 6 * mc.error() + 1e-12, row.getKey() + e.getKey());
        } else {
          assertWithin(e.getValue().value(), mc, 6, "E[" + row.getKey() + " " + e.getKey() + "]");
        }
      }
    }
  }

  @Test
  void tanhByGaussHermiteMatchesSimpson() {
    // E tanh(u)² with u ~ N(0, 1.3) by Simpson's rule here; the engine uses 1D adaptive rules
    CoordinateStatistics s = Limits.compute(mlp("tanh(Z)"));
    assertEquals("exact", s.method());
    double v = 1.3;
    int m = 20000;
    double lo = -14 * Math.sqrt(v);
    double h = -2 * lo / m;
    double sum = 0;
    for (int i = 0; i <= m; i++) {
      double z = lo + i * h;
      double f = Math.pow(Math.tanh(z), 2) * Math.exp(-z * z / (2 * v)) / Math.sqrt(2 * Math.PI
          * v);
      sum += f * (i == 0 || i == m ? 1 : i % 2 == 1 ? 4 : 2);
    }
    assertRel(sum * h / 3, s.secondMoment("x1", "x1").value(), 1e-6, "E tanh(u)²");
  }

  @Test
  void smoothTwoDimensionalQuadratureMatchesSimpsonToOneInAMillion() {
    // E tanh(u) tanh(u') with Cov = [[1.3, 0.4], [0.4, 0.7]]: composite Simpson over ±12 sd of
    // the Cholesky coordinates (h = 0.02: error ≈ 1e-9), written here independently
    CoordinateStatistics s = Limits.compute(mlp("tanh(Z)"));
    double s1 = Math.sqrt(1.3);
    double rho = 0.4 / Math.sqrt(1.3 * 0.7);
    double s2 = Math.sqrt(0.7);
    int m = 1200;
    double h = 24.0 / m;
    double[] w = new double[m + 1];
    for (int i = 0; i <= m; i++) {
      double z = -12 + i * h;
      w[i] = (i == 0 || i == m ? 1 : i % 2 == 1 ? 4 : 2) * h / 3 * Math.exp(-z * z / 2)
          / Math.sqrt(2 * Math.PI);
    }
    double sum = 0;
    for (int i = 0; i <= m; i++) {
      double z1 = -12 + i * h;
      double a = Math.tanh(s1 * z1);
      for (int j = 0; j <= m; j++) {
        double z2 = -12 + j * h;
        sum += w[i] * w[j] * a * Math.tanh(s2 * (rho * z1 + Math.sqrt(1 - rho * rho) * z2));
      }
    }
    assertRel(sum, s.secondMoment("x1", "x1'").value(), 1e-6, "E tanh(u) tanh(u')");
    assertTrue(s.secondMoment("x1", "x1'").error() < 1e-6, "and says so");
  }

  @Test
  void erfRnnOverTwoSequencesMatchesTheRecursion() {
    CoordinateStatistics s = Limits.compute(load("rnn-two-sequences.tp"));
    // h_t = W s_{t-1} + Ux_t + b: Cov(h_t, h'_t) = σ² E[s_{t-1} s'_{t-1}] + cov(Ux_t, Uy_t) + Var b
    double sigma2 = 1;
    double vb = 0.05;
    double[] cxy = {0.8, 0.5, 0.2};
    double ess = 0;
    double es2 = 0;
    double es2p = 0;
    for (int t = 0; t < 3; t++) {
      double a = (t == 0 ? 0 : sigma2 * es2) + 1 + vb;
      double b = (t == 0 ? 0 : sigma2 * es2p) + 1 + vb;
      double c = (t == 0 ? 0 : sigma2 * ess) + cxy[t] + vb;
      ess = kernel("erf", a, b, c);
      es2 = kernel("erf", a, a, a);
      es2p = kernel("erf", b, b, b);
    }
    assertRel(ess, s.secondMoment("s3", "s3'").value(), 1e-9, "E s3 s3'");
    assertRel(es2, s.secondMoment("s3", "s3").value(), 1e-9, "E s3²");
    assertRel(es2p, s.secondMoment("s3'", "s3'").value(), 1e-9, "E s3'²");
  }

  @Test
  void bpLikeBackwardPassIsDeterministicAndAgreesWithParticles() {
    Program p = load("mlp-backward.tp");
    CoordinateStatistics d = Limits.compute(p);
    assertEquals("exact", d.method());
    assertTrue(d.notes().stream().anyMatch(n -> n.contains("BP-like")), d.notes().toString());
    // E dh1² = σ² E[v²] E[step(h2)] E[step(u)] = 2 · 1 · 1/2 · 1/2 (gradient independence)
    assertRel(0.5, d.secondMoment("dh1", "dh1").value(), 1e-12, "E dh1²");
    assertRel(1.0, d.secondMoment("dx1", "dx1").value(), 1e-12, "E dx1²");
    CoordinateStatistics m = Limits.compute(p, ZDotChecksTest.particle(1 << 17));
    assertWithin(0.5, m.secondMoment("dh1", "dh1"), 6, "particle E dh1²");
    assertWithin(1.0, m.secondMoment("dx1", "dx1"), 6, "particle E dx1²");
    // the Ż of dx1 vanishes in expectation: E[dx1 x1] stays 0
    assertTrue(Math.abs(m.secondMoment("dx1", "x1").value())
        <= 6 * m.secondMoment("dx1", "x1").error());
  }

  @Test
  void layerNormViaMoment() {
    Program p = load("layernorm.tp");
    CoordinateStatistics d = Limits.compute(p);
    assertEquals("exact", d.method());
    // μ = E h = 0, ν = E h² = σ² E relu(u)² = 2 · 1/2 = 1, y = (h − μ)/√(ν − μ² + 1e-5)
    assertEquals(0.0, d.scalars().get("μ").value(), 1e-15);
    assertRel(1.0, d.scalars().get("ν").value(), 1e-12, "ν");
    assertRel(1 / (1 + 1e-5), d.secondMoment("y", "y").value(), 1e-12, "E y²");
    assertRel(1 / Math.sqrt(1 + 1e-5), d.secondMoment("y", "h").value(), 1e-12, "E y h");
    CoordinateStatistics m = Limits.compute(p, ZDotChecksTest.particle(1 << 16));
    assertWithin(1.0, m.scalars().get("ν"), 6, "particle ν");
    assertWithin(1 / (1 + 1e-5), m.secondMoment("y", "y"), 6, "particle E y²");
  }
}
