package org.tpe.limit.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.tpe.expr.Derivative;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitException;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.exact.ExactLimitEngine;
import org.tpe.model.Program;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationException;
import org.tpe.sim.SimulationOptions;
import org.tpe.validate.RandomPrograms;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * Over random programs: validator, engines and simulator agree on every verdict (they read one
 * record), and the exact engine, the particle engine and a finite-width run agree on the numbers
 * within their errors; and whenever the BP-like verdict holds, every ZDot coefficient the exact
 * engine computes is 0. Few tries of small programs: seconds, not minutes.
 */
class VerdictAgreementProperties {
  /** A random program with, sometimes, a covariance that may not be PSD. */
  static Program randomProgram(long seed) {
    Random r = new Random(seed);
    Program p = RandomPrograms.generate(r);
    if (p.vectorInputs().size() >= 2 && r.nextBoolean()) {
      String a = p.vectorInputs().get(0).name();
      String b = p.vectorInputs().get(1).name();
      double c = r.nextBoolean() ? 0.5 : 1.0 + 1e-3 * r.nextInt(3); // 1, 1.001, 1.002
      p = TpParser.parse(TpPrinter.print(p) + "\ncov(" + a + ", " + b + ") = " + c + "\n");
    }
    return p;
  }

  @Property(tries = 25, seed = "20261201")
  void psdAndTheoremVerdictsAgreeBetweenValidatorLimitsAndSimulator(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Program p = randomProgram(seed);
    ValidationReport r = Validator.validate(p);
    boolean refused = r.hasErrors();
    boolean limitsRefused = false;
    CoordinateStatistics lim = null;
    try {
      lim = Limits.compute(p, LimitOptions.defaults().withSamples(1 << 10)
          .withHistogramBins(0));
    } catch (LimitException e) {
      limitsRefused = true;
    }
    boolean simRefused = false;
    try {
      FiniteWidthSimulator.simulate(p, SimulationOptions.of(16, 1));
    } catch (SimulationException e) {
      simRefused = true;
    }
    assertEquals(refused, simRefused, TpPrinter.print(p));
    if (refused) {
      assertTrue(limitsRefused, TpPrinter.print(p));
      return;
    }
    // the engine's notes start with the validator's Master Theorem record
    assertTrue(lim == null || lim.notes().get(0).contains(r.masterTheorem()), lim == null ? ""
        : lim.notes().get(0));
    // and the engine is exact whenever the exact engine's limits are not reached
    if (lim != null && lim.method().equals("particle")) {
      assertTrue(lim.notes().stream().anyMatch(n -> n.contains("cannot do it")),
          lim.notes().toString());
    }
  }

  @Property(tries = 8, seed = "20261201")
  void exactParticleAndFiniteWidthAgreeWithinTheirErrors(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Program p = RandomPrograms.generate(new Random(seed));
    CoordinateStatistics exact;
    try {
      exact = Limits.compute(p, LimitOptions.defaults().withEngine(LimitOptions.Engine.EXACT)
          .withHistogramBins(0));
    } catch (LimitException e) {
      // the exact engine's documented limit (an integral above 3 dimensions): not this test's
      assertTrue(e.getMessage().contains("dimensional"), e.getMessage());
      return;
    }
    CoordinateStatistics particle = Limits.compute(p, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.PARTICLE).withSamples(1 << 15).withHistogramBins(0));
    // the coordinate standard error of a simulation does not include the fluctuation (≈ √(2/n)
    // relative) of the Moments a vector reads, so the finite-width comparison is made on
    // programs without scalars; the particle engine's batches include every source of noise
    boolean scalars = !p.scalars().isEmpty();
    CoordinateStatistics sim = FiniteWidthSimulator.simulate(p, SimulationOptions.of(4096, 7));
    for (String a : p.vectors()) {
      for (String b : p.vectors()) {
        Estimate e = exact.secondMoment(a, b);
        Estimate q = particle.secondMoment(a, b);
        Estimate s = sim.secondMoment(a, b);
        double scale = Math.sqrt(Math.abs(exact.secondMoment(a, a).value()
            * exact.secondMoment(b, b).value()));
        // 6 standard errors (a false failure has probability ≈ 2e-9 per pair), plus rounding
        assertTrue(Math.abs(e.value() - q.value()) <= 6 * (q.error() + e.error())
            + 1e-9 * scale, a + "," + b + ": exact " + e + " vs particle " + q + "\n"
            + TpPrinter.print(p));
        // the finite-width error is O(n^-1/2): 6 coordinate standard errors plus a 1/n bias
        assertTrue(scalars || Math.abs(e.value() - s.value()) <= 6 * s.error()
            + 8.0 / 4096 * scale + 1e-9, a + "," + b + ": exact " + e + " vs n=4096 " + s
            + "\n" + TpPrinter.print(p));
      }
    }
  }

  /** A random MLP forward pass on one or two inputs and its backward pass from a readout v. */
  static Program randomBackward(long seed) {
    Random r = new Random(seed);
    Fn[] fns = {Fn.TANH, Fn.RELU, Fn.ERF, Fn.SIN, Fn.GELU};
    StringBuilder sb = new StringBuilder("input u : G(n)\ninput u2 : G(n)\ncov(u, u2) = 0.4\n"
        + "input v : G(n)\n");
    int layers = 1 + r.nextInt(3);
    for (int l = 1; l <= layers; l++) {
      sb.append("input W").append(l).append(" : A(n, n) ~ N(0, ").append(1 + r.nextInt(2))
          .append("/n)\n");
    }
    List<String> inputs = r.nextBoolean() ? List.of("u") : List.of("u", "u2");
    for (String in : inputs) {
      List<String> h = new ArrayList<>();
      List<Fn> phi = new ArrayList<>();
      String prev = in;
      for (int l = 1; l <= layers; l++) {
        Fn f = fns[r.nextInt(fns.length)];
        String x = "x" + l + in;
        sb.append(x).append(" := ").append(f.symbol()).append("(").append(prev).append(")\n");
        String hl = "h" + l + in;
        sb.append(hl).append(" := W").append(l).append(" ").append(x).append("\n");
        h.add(prev);
        phi.add(f);
        prev = hl;
      }
      // backward: dh_L = v ⊙ φ'(h_L) for the readout layer, dx = Wᵀ dh, dh = dx ⊙ φ'(pre)
      Fn last = fns[r.nextInt(fns.length)];
      Expr d = Derivative.of(Expr.call(last, Expr.ref("q")), "q");
      sb.append("dh").append(layers).append(in).append(" := v * (")
          .append(d.substitute(java.util.Map.of("q", Expr.ref(prev))).toText()).append(")\n");
      for (int l = layers; l >= 1; l--) {
        String dx = "dx" + l + in;
        sb.append(dx).append(" := W").append(l).append("^T dh").append(l).append(in)
            .append("\n");
        Expr dp = Derivative.of(Expr.call(phi.get(l - 1), Expr.ref("q")), "q");
        sb.append("dh").append(l - 1).append(in).append(" := ").append(dx).append(" * (")
            .append(dp.substitute(java.util.Map.of("q", Expr.ref(h.get(l - 1)))).toText())
            .append(")\n");
      }
    }
    return TpParser.parse(sb.toString());
  }

  @Property(tries = 25, seed = "20261201")
  void whenTheProgramIsBpLikeEveryZDotCoefficientOfTheExactEngineIsZero(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Program p = seed % 5 == 0 ? RandomPrograms.generate(new Random(seed)) : randomBackward(seed);
    ValidationReport r = Validator.validate(p);
    if (seed % 5 != 0) {
      assertTrue(r.bpLike().bpLike(), r.bpLike().reason() + "\n" + TpPrinter.print(p));
    }
    if (!r.bpLike().bpLike()) {
      return;
    }
    var z = ExactLimitEngine.symbolic(p, r.calculus());
    for (var c : z.allZDot()) {
      assertEquals(0.0, c.value().value(), 0.0, c.term().describe());
    }
  }
}
