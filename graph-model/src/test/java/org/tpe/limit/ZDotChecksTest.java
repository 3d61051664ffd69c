package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The ZDot checks of DESIGN §7 on the particle engine. Tolerances: the standard error comes from
 * 16 independent batches, so (estimate − truth)/SE follows a Student t with 15 degrees of freedom;
 * |t| > 6 has probability ≈ 2·10⁻⁵ per comparison, so a correct engine fails a seeded run of these
 * tests with probability below 10⁻³ (and then always, for that seed).
 */
class ZDotChecksTest {
  static Program load(String name) {
    try (InputStream in = ZDotChecksTest.class.getResourceAsStream(name)) {
      return TpParser.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static void assertWithin(double expected, Estimate e, double sds, String what) {
    assertTrue(e.error() > 0, what + ": a Monte Carlo number must carry an error");
    assertTrue(Math.abs(e.value() - expected) <= sds * e.error() + 1e-12,
        what + ": " + e + " vs " + expected);
  }

  static LimitOptions particle(int samples) {
    return LimitOptions.defaults().withEngine(LimitOptions.Engine.PARTICLE).withSamples(samples);
  }

  @Test
  void wwtTransposeGivesSigmaSquared() {
    Program p = load("wwt-v.tp");
    CoordinateStatistics s = Limits.compute(p, particle(1 << 17));
    assertEquals("particle", s.method());
    assertTrue(s.notes().stream().anyMatch(n -> n.contains("ZDot by the Stein form")), s.notes()
        .toString());
    double sigma2 = 2;
    assertWithin(sigma2, s.secondMoment("y", "v"), 6, "E[Z^y Z^v]");
    assertWithin(2 * sigma2 * sigma2, s.secondMoment("y", "y"), 6, "E[(Z^y)^2]");
    // the naive rule (no Ż) would give 0: make sure the estimate is far from it
    assertTrue(s.secondMoment("y", "v").value() > 1.5);
  }

  @Test
  void wPhiWtGivesSigmaSquaredTimesMeanDerivative() {
    CoordinateStatistics s = Limits.compute(load("w-phi-wt-v.tp"), particle(1 << 17));
    double sigma2 = 1.5;
    // E tanh'(Z), Z ~ N(0, σ²), by composite Simpson on ±14σ (error far below 1e-10)
    double sd = Math.sqrt(sigma2);
    int m = 20000;
    double a = -14 * sd;
    double h = 28 * sd / m;
    double sum = 0;
    for (int i = 0; i <= m; i++) {
      double z = a + i * h;
      double t = Math.tanh(z);
      double f = (1 - t * t) * Math.exp(-z * z / (2 * sigma2)) / Math.sqrt(2 * Math.PI * sigma2);
      sum += f * (i == 0 || i == m ? 1 : i % 2 == 1 ? 4 : 2);
    }
    double eDeriv = sum * h / 3;
    assertWithin(sigma2 * eDeriv, s.secondMoment("y", "v"), 6, "E[Z^y Z^v]");
  }

  @Test
  void wReluWtUsesTheSteinFormAndGivesHalfSigmaSquared() {
    CoordinateStatistics s = Limits.compute(load("w-step-wt-v.tp"), particle(1 << 17));
    assertWithin(1.5 / 2, s.secondMoment("y", "v"), 6, "E[Z^y Z^v]");
  }

  @Test
  void zDotSumsOverEveryEarlierTransposedMatMul() {
    // x = Wᵀv + 2 Wᵀv': ∂x/∂Ẑ = (1, 2), so Ż^{Wx} = σ²(v + 2v') and E[Z^y Z^v] = σ²(1 + 2ρ),
    // E[Z^y Z^v'] = σ²(ρ + 2); the Stein system is 2×2 and regular
    Program p = TpParser.parse("input v : G(n) ~ N(0, 1)\ninput v' : G(n) ~ N(0, 1)\n"
        + "cov(v, v') = 0.5\ninput W : A(n, n) ~ N(0, 1.5/n)\nu1 := W^T v\nu2 := W^T v'\n"
        + "x := u1 + 2 * u2\ny := W x\n");
    CoordinateStatistics s = Limits.compute(p, particle(1 << 17));
    assertWithin(1.5 * 2, s.secondMoment("y", "v"), 6, "E[y v]");
    assertWithin(1.5 * 2.5, s.secondMoment("y", "v'"), 6, "E[y v']");
  }

  @Test
  void zDotUsesThePseudoInverseWhenTheFamilyIsDegenerate() {
    // v2 = 2v makes Wᵀv2 = 2 Wᵀv: C is singular; x = tanh(u1) + u2 = tanh(u1) + 2u1 as a function
    // of the one Gaussian u1, so Ż^{Wx} = σ²(E tanh'(u1) + 2) v whatever the split
    Program p = TpParser.parse("input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 0.8/n)\n"
        + "v2 := 2 * v\nu1 := W^T v\nu2 := W^T v2\nx := tanh(u1) + u2\ny := W x\n");
    CoordinateStatistics s = Limits.compute(p, particle(1 << 17));
    double sigma2 = 0.8;
    double sd = Math.sqrt(sigma2);
    int m = 20000;
    double h = 28 * sd / m;
    double sum = 0;
    for (int i = 0; i <= m; i++) {
      double z = -14 * sd + i * h;
      double t = Math.tanh(z);
      sum += (1 - t * t) * Math.exp(-z * z / (2 * sigma2)) / Math.sqrt(2 * Math.PI * sigma2)
          * (i == 0 || i == m ? 1 : i % 2 == 1 ? 4 : 2);
    }
    assertWithin(sigma2 * (sum * h / 3 + 2), s.secondMoment("y", "v"), 6, "E[y v]");
  }

  @Test
  void sameSeedGivesSameNumbersWhateverTheThreads() {
    Program p = load("w-phi-wt-v.tp");
    CoordinateStatistics one = Limits.compute(p, particle(1 << 12).withThreads(1));
    CoordinateStatistics two = Limits.compute(p, particle(1 << 12).withThreads(2));
    assertEquals(one.secondMoments(), two.secondMoments());
    assertEquals(one.vectors(), two.vectors());
    CoordinateStatistics other = Limits.compute(p, particle(1 << 12).withSeed(99));
    assertTrue(!one.secondMoments().equals(other.secondMoments()), "the seed must matter");
  }
}
