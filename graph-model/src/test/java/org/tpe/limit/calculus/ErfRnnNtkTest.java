package org.tpe.limit.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.limit.Limits;
import org.tpe.model.Program;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * The erf RNN of issue 15 written by hand with its backward pass (TP II's RNN NTK program): it is
 * BP-like with readout v, draws no growth warning, and its exact limits reproduce the RNN NTK of
 * an independent recursion written here (Williams' erf kernel for the forward pass, E erf'(X)
 * erf'(Y) = (4/π) det(I + 2C)^{-1/2} for the backward pass, gradient independence).
 */
class ErfRnnNtkTest {
  static Program load() throws IOException {
    try (InputStream in = ErfRnnNtkTest.class.getResourceAsStream("erf-rnn-backward.tp")) {
      return TpParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static final double S2 = 1.5;

  @Test
  void theHandWrittenRnnBackwardIsBpLikeWithReadoutVAndNoGrowthWarning() throws IOException {
    ValidationReport r = Validator.validate(load());
    assertTrue(r.bpLike().bpLike(), r.bpLike().reason());
    assertEquals(List.of("v"), r.bpLike().readouts());
    assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    assertEquals(MasterTheorem.Theorem.NETSOR_T_BP_LIKE, r.theorem().theorem());
  }

  /** The independent recursion over embeddings u_{s,t} with covariance k(·,·). */
  private record Rnn(Program p) {
    double k(String s, int t, String s2, int t2) {
      return p.initialCovariance("u" + s + t, "u" + s2 + t2);
    }

    /** Cov(h_{s,t}, h_{s',t'}). */
    double h(String s, int t, String s2, int t2) {
      double c = k(s, t, s2, t2);
      if (t >= 2 && t2 >= 2) {
        c += S2 * erfErf(s, t - 1, s2, t2 - 1);
      }
      return c;
    }

    /** E erf(h) erf(h') (Williams 1997). */
    double erfErf(String s, int t, String s2, int t2) {
      double c11 = h(s, t, s, t);
      double c22 = h(s2, t2, s2, t2);
      double c12 = h(s, t, s2, t2);
      return 2 / Math.PI * Math.asin(2 * c12 / Math.sqrt((1 + 2 * c11) * (1 + 2 * c22)));
    }

    /** E erf'(h) erf'(h') = (4/π) det(I + 2C)^{-1/2}. */
    double dErfdErf(String s, int t, String s2, int t2) {
      double c11 = h(s, t, s, t);
      double c22 = h(s2, t2, s2, t2);
      double c12 = h(s, t, s2, t2);
      return 4 / Math.PI / Math.sqrt((1 + 2 * c11) * (1 + 2 * c22) - 4 * c12 * c12);
    }

    /** E[dh_{s,t} dh_{s',t}] by gradient independence, E v² = 1. */
    double dh(String s, String s2, int t) {
      double back = t == 3 ? 1 : S2 * dh(s, s2, t + 1);
      return back * dErfdErf(s, t, s2, t);
    }

    double ntk(String a, String b) {
      double readout = erfErf(a, 3, b, 3);
      double w = S2 * (dh(a, b, 3) * erfErf(a, 2, b, 2) + dh(a, b, 2) * erfErf(a, 1, b, 1));
      double u = 0;
      for (int t = 1; t <= 3; t++) {
        u += dh(a, b, t) * k(a, t, b, t);
      }
      return readout + w + u;
    }
  }

  static double e(CoordinateStatistics s, String x, String y) {
    Estimate m = s.secondMoment(x, y);
    assertTrue(m.error() <= 1e-9, x + "," + y + ": error " + m.error());
    return m.value();
  }

  static double ntk(CoordinateStatistics s, Program p, String a, String b) {
    double readout = e(s, "s" + a + "3", "s" + b + "3");
    double w = S2 * (e(s, "dh" + a + "3", "dh" + b + "3") * e(s, "s" + a + "2", "s" + b + "2")
        + e(s, "dh" + a + "2", "dh" + b + "2") * e(s, "s" + a + "1", "s" + b + "1"));
    double u = 0;
    for (int t = 1; t <= 3; t++) {
      u += e(s, "dh" + a + t, "dh" + b + t) * p.initialCovariance("u" + a + t, "u" + b + t);
    }
    return readout + w + u;
  }

  @Test
  void exactLimitsReproduceTheIndependentRnnNtkRecursion() throws IOException {
    Program p = load();
    CoordinateStatistics s = Limits.compute(p);
    assertEquals("exact", s.method(), s.notes().toString());
    Rnn rnn = new Rnn(p);
    for (String[] ab : new String[][] {{"a", "a"}, {"a", "b"}, {"b", "b"}}) {
      String a = ab[0];
      String b = ab[1];
      for (int t = 1; t <= 3; t++) {
        assertEquals(rnn.erfErf(a, t, b, t), e(s, "s" + a + t, "s" + b + t), 1e-8, "E[s s'] t="
            + t);
        assertEquals(rnn.dh(a, b, t), e(s, "dh" + a + t, "dh" + b + t), 1e-8, "E[dh dh'] t="
            + t);
      }
      // cross-time backward moments vanish (v is independent and zero-mean)
      assertEquals(0, e(s, "dh" + a + "3", "dh" + b + "2"), 1e-12);
      double expected = rnn.ntk(a, b);
      assertEquals(expected, ntk(s, p, a, b), 1e-8 * Math.abs(expected), "Θ(" + a + ", " + b
          + ")");
    }
  }

  @Test
  void everyZDotCoefficientOfTheBpLikeRnnIsZero() throws IOException {
    Program p = load();
    ProgramCalculus c = Validator.validate(p).calculus();
    var z = org.tpe.limit.exact.ExactLimitEngine.symbolic(p, c);
    assertTrue(!z.allZDot().isEmpty(), "the backward MatMuls have terms to compute");
    for (var k : z.allZDot()) {
      assertEquals(ZDotTerm.Rule.ODD_IN_READOUTS, k.term().rule());
      assertEquals(0.0, k.value().value(), 0.0, k.term().describe());
    }
  }
}
