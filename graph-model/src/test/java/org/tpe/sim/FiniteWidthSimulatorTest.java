package org.tpe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.tpe.limit.calculus.InitialGaussian;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Program;
import org.tpe.model.VarKind;

/**
 * The simulator against values derived by hand. Runs are seeded, so each test is deterministic;
 * the tolerances say how far a correct simulator may be from the limit at that width (from the
 * central limit theorem), so that a wrong one — a missing ZDot, a wrong variance, a transposed
 * index — fails. A tolerance of 5 standard errors would be exceeded by a correct simulator with a
 * fresh seed with probability below 1e-6.
 */
class FiniteWidthSimulatorTest {

  private static CoordinateStatistics run(String text, int n, long seed) {
    return FiniteWidthSimulator.simulate(TpParser.parse(text), SimulationOptions.of(n, seed));
  }

  private static double sm(CoordinateStatistics s, String a, String b) {
    return s.secondMoment(a, b).value();
  }

  @Test
  void initialVectorsHaveTheDeclaredMeansAndCovariances() {
    int n = 4096;
    CoordinateStatistics s = run("""
        input u : G(n) ~ N(0, 1)
        input u' : G(n) ~ N(0.5, 1.5)
        cov(u, u') = 0.6
        """, n, 7);
    // E u² = 1 with standard error √(Var u²/n) = √(2/n) ≈ 0.022; 5 of them.
    assertEquals(1.0, sm(s, "u", "u"), 5 * Math.sqrt(2.0 / n));
    // E u u' = 0.6 + 0·0.5; Var(u u') = Var u · E u'² + … = 1·(1.5 + 0.25) + 0.36 = 2.11.
    assertEquals(0.6, sm(s, "u", "u'"), 5 * Math.sqrt(2.11 / n));
    // mean of u' is 0.5 with standard error √(1.5/n); its variance 1.5 with s.e. √(2·1.5²/n).
    VectorStatistics up = s.vectors().get("u'");
    assertEquals(0.5, up.mean().value(), 5 * Math.sqrt(1.5 / n));
    assertEquals(1.5, up.variance().value(), 5 * Math.sqrt(2 * 1.5 * 1.5 / n));
    assertEquals(VarKind.G, up.kind());
    // the reported standard errors are the CLT ones (within 20%: they are themselves estimates)
    assertEquals(Math.sqrt(1.5 / n), up.mean().error(), 0.2 * Math.sqrt(1.5 / n));
    assertEquals("simulation n=4096 seed=7", s.method());
  }

  /**
   * Arc-cosine kernel of degree 1 (Cho and Saul 2009; DESIGN §7): E relu(z₁) relu(z₂) for
   * centred Gaussians with covariance c.
   */
  private static double arcCos1(double c11, double c12, double c22) {
    double r = Math.sqrt(c11 * c22);
    double theta = Math.acos(Math.max(-1, Math.min(1, c12 / r)));
    return r * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta)) / (2 * Math.PI);
  }

  @Test
  void reluMlpKernelApproachesTheArcCosineRecursion() {
    String text = """
        input h1 : G(n) ~ N(0, 1)
        input h1' : G(n) ~ N(0, 1)
        cov(h1, h1') = 0.5
        input W2 : A(n, n) ~ N(0, 2/n)
        input W3 : A(n, n) ~ N(0, 2/n)
        x1 := relu(h1)
        x1' := relu(h1')
        h2 := W2 x1
        h2' := W2 x1'
        x2 := relu(h2)
        x2' := relu(h2')
        h3 := W3 x2
        h3' := W3 x2'
        x3 := relu(h3)
        x3' := relu(h3')
        """;
    // The limit by hand: c(h^{l+1}) = σ² E[x^l x^l'] with E[x x'] the arc-cosine kernel.
    double c11 = 1;
    double c12 = 0.5;
    double k12 = 0;
    double k11 = 0;
    double[] limitH = new double[4];
    for (int layer = 1; layer <= 3; layer++) {
      limitH[layer] = c12;
      k11 = arcCos1(c11, c11, c11);
      k12 = arcCos1(c11, c12, c11);
      c12 = 2 * k12;
      c11 = 2 * k11;
    }
    int n = 2048;
    CoordinateStatistics s = run(text, n, 3);
    // Each layer adds an independent O(n^-1/2) fluctuation to the kernel: the CLT standard error
    // of a coordinate average of products of O(1) variables is ≈ √(Var(x x')/n) ≤ 1/√n here, and
    // the three layers' errors add up (they pass through kernels whose derivative is ≤ 1). So a
    // correct simulator is within 3 layers × 3/√n (≈ 0.2 at n = 2048) of the limit; a wrong σ²
    // would shift the variances by a factor, far more.
    double tol = 3 * 3 / Math.sqrt(n);
    assertEquals(limitH[3], sm(s, "h3", "h3'"), tol);
    assertEquals(k12, sm(s, "x3", "x3'"), tol);
    assertEquals(k11, sm(s, "x3", "x3"), tol);
    assertEquals(limitH[2], sm(s, "h2", "h2'"), tol);
    // and the G-var h3 has variance c11 = 1 (σ² = 2 keeps it fixed through ReLU layers)
    assertEquals(1.0, s.vectors().get("h3").variance().value(), tol);
  }

  @Test
  void wwtTransposeGivesSigmaSquared() {
    // y = W Wᵀ v: E[Z^y Z^v] = σ², E[(Z^y)²] = 2σ⁴ (DESIGN §7; the naive rule gives 0 and σ⁴).
    int n = 4096;
    CoordinateStatistics s = run("""
        input W : A(n, n) ~ N(0, 2/n)
        input v : G(n) ~ N(0, 1)
        g := W^T v
        y := W g
        """, n, 11);
    // (1/n) yᵀv = (1/n)|Wᵀv|² = σ² (|v|²/n)(χ²_n/n): two independent relative errors of √(2/n),
    // so its standard error is σ²·√(4/n) ≈ 0.0625 at n = 4096; 5 of them.
    assertEquals(2.0, sm(s, "y", "v"), 5 * 2 * Math.sqrt(4.0 / n));
    // (1/n)|y|² → 2σ⁴ = 8; a relative error of a few √(2/n) per source of randomness (v, Wᵀv,
    // W g): take 5·√(6/n) relative.
    assertEquals(8.0, sm(s, "y", "y"), 8 * 5 * Math.sqrt(6.0 / n));
    // exact identity at any width: yᵀv = |Wᵀv|² = gᵀg — the transpose is the same matrix
    assertEquals(sm(s, "g", "g"), sm(s, "y", "v"), 1e-12 * sm(s, "g", "g"));
  }

  @Test
  void transposedAndPlainProductsOfOneStreamedPassAreAdjoint() {
    // g1 := Wᵀ v and g2 := W u form one pass over W that is never stored (W is used once), with
    // the transposed product accumulated in row blocks; vᵀ(W u) = (Wᵀ v)ᵀ u exactly.
    CoordinateStatistics s = run("""
        input W : A(n, n) ~ N(0, 1/n)
        input v : G(n) ~ N(0, 1)
        input u : G(n) ~ N(0, 1)
        g1 := W^T v
        g2 := W u
        """, 999, 5);
    assertEquals(sm(s, "v", "g2"), sm(s, "g1", "u"), 1e-12);
  }

  @Test
  void storedAndStreamedMatricesAreTheSameMatrix() {
    // In the first program W is used by one pass and drawn row by row; in the second it is used
    // twice and stored: the same seed must give the same W, hence the same h bit for bit.
    CoordinateStatistics streamed = run("""
        input W : A(n, n) ~ N(0, 1/n)
        input u : G(n) ~ N(0, 1)
        h := W u
        """, 700, 9);
    CoordinateStatistics stored = run("""
        input W : A(n, n) ~ N(0, 1/n)
        input u : G(n) ~ N(0, 1)
        h := W u
        x := relu(h)
        k := W^T x
        """, 700, 9);
    assertEquals(streamed.secondMoment("h", "h"), stored.secondMoment("h", "h"));
    assertEquals(streamed.secondMoment("u", "h"), stored.secondMoment("u", "h"));
    // and the stored W's transpose is its adjoint: xᵀ(W u) = (Wᵀ x)ᵀ u
    assertEquals(sm(stored, "x", "h"), sm(stored, "k", "u"), 1e-12);
  }

  @Test
  void momentAndNonlinPlusNormaliseExactly() {
    // layer norm through Moment and Nonlin+: m = avg(u²), y = u/√m has avg(y²) = 1 at any width,
    // up to rounding.
    CoordinateStatistics s = run("""
        input u : G(n) ~ N(0, 3)
        m := avg(u * u)
        y := u / sqrt(m)
        r := 2 * m + 1
        q := max(m, 0.5) + pow(m, 2)
        """, 1000, 2);
    assertEquals(1.0, sm(s, "y", "y"), 1e-12);
    double m = s.scalars().get("m").value();
    assertEquals(sm(s, "u", "u"), m, 1e-12);
    assertEquals(2 * m + 1, s.scalars().get("r").value(), 1e-12);
    // the Moment's error is the CLT one, √(Var u²/n) = √(2·9/n)
    assertEquals(Math.sqrt(18.0 / 1000), s.scalars().get("m").error(), 0.25 * Math.sqrt(0.018));
    // r = 2m + 1 carries the delta-method error 2·err(m)
    assertEquals(2 * s.scalars().get("m").error(), s.scalars().get("r").error(), 1e-15);
    // q = max(m, ½) + m² with m ≈ 3: ∂q/∂m = 1 + 2m (by a central difference if no symbolic rule)
    assertEquals((1 + 2 * m) * s.scalars().get("m").error(), s.scalars().get("q").error(),
        1e-6 * s.scalars().get("q").error());
  }

  @Test
  void linCombIsExact() {
    CoordinateStatistics s = run("""
        input u : G(n)
        input v : G(n)
        s := 2*u - 3*v
        """, 500, 4);
    double expected = 4 * sm(s, "u", "u") - 12 * sm(s, "u", "v") + 9 * sm(s, "v", "v");
    assertEquals(expected, sm(s, "s", "s"), 1e-10);
  }

  @Test
  void sameSeedGivesTheSameNumbersWhateverTheThreads() {
    Program p = TpParser.parse("""
        input h : G(n) ~ N(0, 1)
        input W : A(n, n) ~ N(0, 2/n)
        input V : A(n, n) ~ N(0, 1/n)
        x := tanh(h)
        g := W x
        y := relu(g)
        b := V^T y
        c := W b
        m := avg(c * c)
        """);
    CoordinateStatistics one = FiniteWidthSimulator.simulate(p, new SimulationOptions(777, 42, 1,
        20));
    CoordinateStatistics two = FiniteWidthSimulator.simulate(p, new SimulationOptions(777, 42, 3,
        20));
    assertEquals(numbers(one), numbers(two));
    assertEquals(one.vectors().get("c").histogram(), two.vectors().get("c").histogram());
    CoordinateStatistics other = FiniteWidthSimulator.simulate(p, new SimulationOptions(777, 43, 2,
        20));
    assertNotEquals(numbers(one), numbers(other));
  }

  private static List<Double> numbers(CoordinateStatistics s) {
    List<Double> out = new ArrayList<>();
    s.vectors().values().forEach(v -> {
      out.add(v.mean().value());
      out.add(v.variance().value());
    });
    s.scalars().values().forEach(e -> out.add(e.value()));
    s.secondMoments().values().forEach(r -> r.values().forEach(e -> out.add(e.value())));
    return out;
  }

  @Test
  void nonPsdCovarianceIsRejectedNamingTheVectors() {
    SimulationException e = assertThrows(SimulationException.class, () -> run("""
        input u : G(n) ~ N(0, 1)
        input v : G(n) ~ N(0, 1)
        cov(u, v) = 1.5
        x := relu(u)
        """, 64, 1));
    assertTrue(e.getMessage().contains("not positive semidefinite"), e.getMessage());
    assertTrue(e.getMessage().contains("cov(u, v)"), e.getMessage());
    assertEquals(3, e.problems().get(0).pos().line());
  }

  @Test
  void threeWayNonPsdCovarianceIsRejectedNamingTheVectors() {
    SimulationException e = assertThrows(SimulationException.class, () -> run("""
        input a : G(n)
        input b : G(n)
        input c : G(n)
        cov(a, b) = -0.6
        cov(a, c) = -0.6
        cov(b, c) = -0.6
        """, 64, 1));
    assertTrue(e.getMessage().contains("initial vectors a, b, c is not positive"),
        e.getMessage());
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).pos() != null);
  }

  @Test
  void theOneFactorisationAcceptsASemidefiniteCovariance() {
    // u' = u (correlation 1): a zero pivot; the factor must still reproduce the covariance.
    double[][] c = {{1, 1, 0.5}, {1, 1, 0.5}, {0.5, 0.5, 2}};
    double[][] l = InitialGaussian.factor(c, List.of("u", "u'", "w"),
        InitialGaussian.PSD_TOLERANCE);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double v = 0;
        for (int p = 0; p < l[0].length; p++) {
          v += l[i][p] * l[j][p];
        }
        assertEquals(c[i][j], v, 1e-12);
      }
    }
    CoordinateStatistics s = run("""
        input u : G(n) ~ N(0, 1)
        input u' : G(n) ~ N(0, 1)
        cov(u, u') = 1
        """, 300, 1);
    assertEquals(sm(s, "u", "u"), sm(s, "u", "u'"), 1e-12);
  }

  @Test
  void overflowIsReportedOnTheVariable() {
    SimulationException e = assertThrows(SimulationException.class, () -> run("""
        input u : G(n) ~ N(0, 1)
        x := exp(1000 * u)
        """, 256, 1));
    assertTrue(e.getMessage().contains("vector x is not finite"), e.getMessage());
    assertEquals(2, e.problems().get(0).pos().line());
    assertEquals("x", e.problems().get(0).subject());
  }

  @Test
  void widthWhoseMatricesDoNotFitIsRefused() {
    // W is used by two passes, so it must be stored: 8·40000² bytes = 12 GiB, beyond the test
    // JVM's heap; the run must refuse before allocating anything.
    String text = """
        input W : A(n, n)
        input u : G(n)
        h := W u
        x := relu(h)
        k := W x
        """;
    assertTrue(FiniteWidthSimulator.requiredBytes(TpParser.parse(text), 40000)
        > Runtime.getRuntime().maxMemory());
    SimulationException e = assertThrows(SimulationException.class, () -> run(text, 40000, 1));
    assertTrue(e.getMessage().contains("choose a smaller width"), e.getMessage());
    assertTrue(e.getMessage().contains("matrices W held at once"), e.getMessage());
  }

  @Test
  void interleavedMatMulsByOneMatrixShareOnePassAndAreNotStored() {
    // h' := W x' is written after x := relu(h), but its argument exists before h := W x, so both
    // are computed in one pass over W and W is never stored: a width of 40000 needs only vectors.
    String text = """
        input W : A(n, n)
        input u : G(n)
        input u' : G(n)
        x := relu(u)
        x' := relu(u')
        h := W x
        y := relu(h)
        h' := W x'
        y' := relu(h')
        """;
    assertTrue(FiniteWidthSimulator.requiredBytes(TpParser.parse(text), 40000) < 1L << 30);
    // and the result is that of the same program with the two MatMuls written together
    CoordinateStatistics a = run(text, 600, 8);
    CoordinateStatistics b = run("""
        input W : A(n, n)
        input u : G(n)
        input u' : G(n)
        x := relu(u)
        x' := relu(u')
        h := W x
        h' := W x'
        y := relu(h)
        y' := relu(h')
        """, 600, 8);
    assertEquals(a.secondMoment("y", "y'"), b.secondMoment("y", "y'"));
  }

  @Test
  void illFormedProgramIsRejectedWithTheValidatorsErrors() {
    SimulationException e = assertThrows(SimulationException.class, () -> run("""
        input u : G(n)
        x := relu(nope)
        """, 16, 1));
    assertTrue(e.problems().get(0).message().contains("nope"), e.getMessage());
  }

  @Test
  void cancellationStopsTheRun() {
    CancellationToken token = new CancellationToken();
    token.cancel();
    assertThrows(CancellationException.class, () -> FiniteWidthSimulator.simulate(
        TpParser.parse("input W : A(n, n)\ninput u : G(n)\nh := W u\n"),
        SimulationOptions.of(512, 1), (f, m) -> { }, token));
  }

  @Test
  void progressRisesToOneAndCancellingMidwayStops() {
    Program p = TpParser.parse("""
        input W : A(n, n)
        input V : A(n, n)
        input u : G(n)
        h := W u
        x := relu(h)
        g := V x
        y := relu(g)
        """);
    List<Double> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    FiniteWidthSimulator.simulate(p, SimulationOptions.of(300, 1), (f, m) -> seen.add(f),
        CancellationToken.NONE);
    assertTrue(seen.size() >= 4, seen.toString());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), seen.toString());
    }
    assertEquals(1.0, seen.get(seen.size() - 1));
    // cancelled from the progress callback once a third is done: the run stops with
    // CancellationException instead of finishing
    CancellationToken token = new CancellationToken();
    List<Double> after = new ArrayList<>();
    assertThrows(CancellationException.class, () -> FiniteWidthSimulator.simulate(p,
        SimulationOptions.of(300, 1), (f, m) -> {
          after.add(f);
          if (f > 0.3) {
            token.cancel();
          }
        }, token));
    assertTrue(after.get(after.size() - 1) < 1.0, after.toString());
  }

  @Test
  void histogramIntegratesToTheMassInside() {
    CoordinateStatistics s = run("input u : G(n) ~ N(0, 1)\n", 8192, 1);
    var h = s.vectors().get("u").histogram();
    double[] e = h.edges();
    double[] d = h.density();
    double mass = 0;
    for (int i = 0; i < d.length; i++) {
      mass += d[i] * (e[i + 1] - e[i]);
    }
    // edges are mean ± 4.5 sd clipped to the data: all but a handful of 8192 coordinates inside
    assertEquals(1.0, mass, 1e-3);
    assertEquals(SimulationOptions.DEFAULT_BINS, h.bins());
    Estimate v = s.vectors().get("u").variance();
    assertEquals(1.0, v.value(), 5 * Math.sqrt(2.0 / 8192));
  }
}
