package org.tpe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.Limits;
import org.tpe.limit.VectorStatistics;
import org.tpe.model.Program;
import org.tpe.model.VarKind;

class ConvergenceSweepTest {

  private static final String MLP = """
      input u : G(n) ~ N(0, 1)
      input u' : G(n) ~ N(0, 1)
      cov(u, u') = 0.3
      input W : A(n, n) ~ N(0, 2/n)
      x := relu(u)
      x' := relu(u')
      h := W x
      h' := W x'
      y := tanh(h)
      y' := tanh(h')
      m := avg(y * y')
      """;

  @Test
  void reluTanhMlpConvergesAtRateOneOverRootN() {
    Program p = TpParser.parse(MLP);
    CoordinateStatistics limit = Limits.compute(p); // deterministic: closed forms + quadrature
    ConvergenceResult r = ConvergenceSweep.run(p, limit, List.of(256, 512, 1024, 2048, 4096),
        List.of(1L, 2L, 3L));
    // Theory says −1/2. Single quantities are noisy (a |N(0,1)|-like factor per width), but the
    // pooled fit over 53 quantities × 5 widths × 3 seeds has a standard error of a few
    // hundredths; [−0.8, −0.2] leaves room for the O(1/n) bias and correlated quantities while
    // failing any simulator that does not converge (slope ≈ 0) or a rate of 1/n (slope −1).
    assertNotNull(r.pooled());
    assertTrue(r.pooled().slope() > -0.8 && r.pooled().slope() < -0.2, r.pooled().toString());
    assertTrue(r.pooled().slopeError() < 0.15, r.pooled().toString());
    assertEquals(limit.method(), r.limitMethod());
    assertEquals(List.of(256, 512, 1024, 2048, 4096), r.widths());
    // mean and variance of 8 vectors, 8·9/2 = 36 second moments, 1 scalar
    assertEquals(8 * 2 + 36 + 1, r.quantities().size());
    // every quantity's distance shrinks from the smallest to the largest width: a 16-fold width
    // gives 4-fold less at rate n^-1/2; averaging 3 seeds makes a reversal very unlikely
    long shrinking = r.quantities().stream()
        .filter(q -> q.errors().get(4) < q.errors().get(0)).count();
    assertTrue(shrinking >= 0.8 * r.quantities().size(), shrinking + " of "
        + r.quantities().size());
  }

  @Test
  void fitRecoversAnExactLine() {
    double[] x = {1, 2, 3, 4};
    double[] y = {3 - 0.5, 3 - 1.0, 3 - 1.5, 3 - 2.0};
    LogLogFit f = ConvergenceSweep.fit(x, y);
    assertEquals(-0.5, f.slope(), 1e-14);
    assertEquals(0.0, f.slopeError(), 1e-7);
    assertEquals(4, f.points());
  }

  @Test
  void fitStandardErrorIsTheOlsOne() {
    // y = x + (+1, −1, −1, +1)·0.1 at x = 0..3: slope 1, residuals known; Sxx = 5,
    // RSS = 4·0.01 = 0.04, SE = √(0.04/2/5) = √0.004.
    double[] x = {0, 1, 2, 3};
    double[] y = {0.1, 0.9, 1.9, 3.1};
    LogLogFit f = ConvergenceSweep.fit(x, y);
    assertEquals(1.0, f.slope(), 1e-12);
    assertEquals(Math.sqrt(0.004), f.slopeError(), 1e-12);
  }

  @Test
  void pooledFitIgnoresDifferentIntercepts() {
    double[] x = {0, 1, 2};
    LogLogFit f = ConvergenceSweep.pooled(x, List.of(new double[] {5, 4.5, 4},
        new double[] {-7, -7.5, -8}));
    assertEquals(-0.5, f.slope(), 1e-14);
    assertEquals(6, f.points());
  }

  @Test
  void quantitiesExactAtFiniteWidthAreNotFitted() {
    // θ is an initial scalar and c a function of it: the simulation gets them exactly.
    Program p = TpParser.parse("""
        input θ : R = 0.5
        input u : G(n)
        c := 2 * θ
        m := avg(u * u)
        """);
    CoordinateStatistics limit = Limits.compute(p);
    ConvergenceResult r = ConvergenceSweep.run(p, limit, List.of(64, 128, 256), List.of(1L));
    ConvergenceResult.Quantity c = r.quantities().stream().filter(q -> q.a().equals("c"))
        .findFirst().orElseThrow();
    assertNull(c.fit());
    assertEquals(List.of(0.0, 0.0, 0.0), c.errors());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("exact") && n.contains("c")),
        r.notes().toString());
    assertNotNull(r.pooled());
  }

  @Test
  void aLimitWithALargeErrorIsFlagged() {
    Program p = TpParser.parse("input u : G(n)\n");
    // E u² = 1 but claimed with error 0.5, far above the distance at width 512 (≈ 0.06)
    CoordinateStatistics limit = new CoordinateStatistics("made up", List.of(),
        Map.of("u", new VectorStatistics("u", VarKind.G, Estimate.exact(0), Estimate.exact(1),
            null)), Map.of(), Map.of("u", Map.of("u", new Estimate(1, 0.5))));
    ConvergenceResult r = ConvergenceSweep.run(p, limit, List.of(128, 512), List.of(1L));
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("E[u u]") && n.contains("flatten")),
        r.notes().toString());
  }

  @Test
  void badSweepsAreRefused() {
    Program p = TpParser.parse("input u : G(n)\n");
    CoordinateStatistics limit = Limits.compute(p);
    assertThrows(IllegalArgumentException.class,
        () -> ConvergenceSweep.run(p, limit, List.of(256, 256), List.of(1L)));
    assertThrows(IllegalArgumentException.class,
        () -> ConvergenceSweep.run(p, limit, List.of(256, 512), List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> ConvergenceSweep.run(p, limit, List.of(1, 512), List.of(1L)));
  }

  @Test
  void jsonAndCsvCarryEveryNumber() throws Exception {
    Program p = TpParser.parse("input u : G(n)\nx := relu(u)\n");
    ConvergenceResult r = ConvergenceSweep.run(p, Limits.compute(p), List.of(64, 256, 1024),
        List.of(4L, 5L));
    JsonNode j = new ObjectMapper().readTree(ConvergenceFormats.json(r));
    assertEquals(r.pooled().slope(), j.get("slope").asDouble());
    assertEquals(3, j.get("widths").size());
    assertEquals(2, j.get("seeds").size());
    assertEquals(r.quantities().size(), j.get("quantities").size());
    JsonNode q0 = j.get("quantities").get(0);
    assertEquals("mean", q0.get("quantity").asText());
    assertEquals(r.quantities().get(0).errors().get(2), q0.get("errors").get(2).asDouble());
    String csv = ConvergenceFormats.csv(r);
    List<String> rows = csv.lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(ConvergenceFormats.CSV_HEADER, rows.get(0));
    long fitted = r.quantities().stream().filter(q -> q.fit() != null).count();
    assertEquals(1 + r.quantities().size() * 3 + fitted + 1, rows.size());
    assertTrue(rows.get(rows.size() - 1).startsWith("pooled,,,,,slope,"));
  }
}
