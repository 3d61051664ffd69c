package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tpe.format.TpParser;
import org.tpe.model.Problem;
import org.tpe.model.Program;

/** Bad numbers give a message naming the variable and its line, never a NaN table. */
class BadNumericsTest {
  static Problem failure(String text, LimitOptions.Engine engine) {
    Program p = TpParser.parse(text);
    LimitException e = assertThrows(LimitException.class,
        () -> Limits.compute(p, LimitOptions.defaults().withEngine(engine).withSamples(1 << 12)));
    assertEquals(1, e.problems().size(), e.problems().toString());
    return e.problems().get(0);
  }

  @ParameterizedTest
  @EnumSource(value = LimitOptions.Engine.class, names = {"EXACT", "PARTICLE"})
  void overflowOfExpNamesTheVariable(LimitOptions.Engine engine) {
    Problem p = failure("input u : G(n) ~ N(0, 1)\ny := exp(1000 * u)\n", engine);
    assertEquals("y", p.subject());
    assertEquals(2, p.pos().line());
    assertTrue(p.message().contains("not finite") || p.message().contains("Infinity")
        || p.message().contains("overflow"), p.message());
  }

  @Test
  void momentOfANonIntegrableFunctionIsRefused() {
    // E exp(u²) = ∞ for u ~ N(0, 1): the integrand exp(z²/2) grows without bound
    Problem p = failure("input u : G(n) ~ N(0, 1)\nm := avg(exp(u * u))\n",
        LimitOptions.Engine.EXACT);
    assertEquals("m", p.subject());
    assertTrue(p.message().contains("integrable") || p.message().contains("not finite"),
        p.message());
  }

  @Test
  void scalarOutsideItsDomainIsRefused() {
    Problem p = failure("input u : G(n) ~ N(0, 1)\nm := avg(u * u)\nθ := log(m - 5)\n",
        LimitOptions.Engine.EXACT);
    assertEquals("θ", p.subject());
    assertEquals(3, p.pos().line());
    assertTrue(p.message().contains("NaN"), p.message());
  }

  @Test
  void nonPsdInitialCovarianceNamesTheInputs() {
    String text = "input a : G(n) ~ N(0, 1)\ninput b : G(n) ~ N(0, 1)\ninput c : G(n) ~ N(0, 1)\n"
        + "cov(a, b) = 0.9\ncov(b, c) = 0.9\ncov(a, c) = -0.9\nx := relu(a + b + c)\n";
    Program p = TpParser.parse(text);
    LimitException e = assertThrows(LimitException.class, () -> Limits.compute(p));
    String all = e.getMessage();
    assertTrue(all.contains("positive semidefinite"), all);
    assertTrue(all.contains("a") && all.contains("b") && all.contains("c"), all);
  }

  @Test
  void engineLimitsOfTheExactEngineFallBackToParticles() {
    // relu(a)·relu(b)·relu(c)·relu(d) of four correlated Gaussians: a 4-dimensional integral
    String text = "input a : G(n) ~ N(0, 1)\ninput b : G(n) ~ N(0, 1)\ninput c : G(n) ~ N(0, 1)\n"
        + "input d : G(n) ~ N(0, 1)\ncov(a, b) = 0.3\ncov(b, c) = 0.3\ncov(c, d) = 0.3\n"
        + "m := avg(relu(a) * relu(b) * relu(c) * relu(d) + a * b * c * d)\n";
    CoordinateStatistics s = Limits.compute(TpParser.parse(text),
        LimitOptions.defaults().withSamples(1 << 12));
    assertEquals("particle", s.method());
    assertTrue(s.notes().stream().anyMatch(n -> n.contains("4-dimensional")), s.notes()
        .toString());
  }

  @Test
  void tooManyVectorsAreRefusedWithAMessage() {
    StringBuilder b = new StringBuilder("input u : G(n) ~ N(0, 1)\n");
    for (int i = 0; i < Limits.MAX_VECTORS; i++) {
      b.append("x").append(i).append(" := relu(u)\n");
    }
    LimitException e = assertThrows(LimitException.class,
        () -> Limits.compute(TpParser.parse(b.toString())));
    assertTrue(e.getMessage().contains((Limits.MAX_VECTORS + 1) + " vectors"), e.getMessage());
  }

  @Test
  void invalidProgramsAreRefusedWithTheValidatorsErrors() {
    Program p = TpParser.parse("input u : G(n) ~ N(0, 1)\nx := relu(v)\n");
    LimitException e = assertThrows(LimitException.class, () -> Limits.compute(p));
    assertTrue(e.problems().stream().allMatch(Problem::isError));
    assertTrue(e.getMessage().contains("v"), e.getMessage());
  }

  @Test
  void cancellationStopsTheParticleEngineAndProgressIsReported() {
    Program p = ZDotChecksTest.load("sgd-step-mup.tp");
    CancellationToken token = new CancellationToken();
    AtomicReference<Double> seen = new AtomicReference<>(0.0);
    ProgressListener cancelAfterFirst = (f, m) -> {
      seen.set(f);
      token.cancel();
    };
    assertThrows(CancellationException.class, () -> Limits.compute(p,
        ZDotChecksTest.particle(1 << 14), cancelAfterFirst, token));
    assertTrue(seen.get() > 0 && seen.get() < 1, "progress " + seen.get());
    CancellationToken.NONE.cancel();
    assertTrue(!CancellationToken.NONE.isCancelled(), "NONE can never be cancelled");
  }
}
