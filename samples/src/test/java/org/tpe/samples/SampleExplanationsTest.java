package org.tpe.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.exact.Derivation;
import org.tpe.limit.exact.ExactLimitEngine;
import org.tpe.limit.exact.Explanation;
import org.tpe.limit.exact.SymbolicZ;
import org.tpe.model.Program;
import org.tpe.validate.Validator;

/**
 * Every variable of every sample the exact engine computes has a derivation (the Explain view's
 * and {@code tpe limits --explain}'s), starting with the rule that defines it, whose every link
 * names a variable of the program, and whose second moment is the engine's.
 */
class SampleExplanationsTest {
  /**
   * The samples on the exact engine, but for the two whose exact limits alone cost about 10 s
   * (sgd-step-mup) and 2 s (gru) of CPU; what they would exercise — ZDot terms that do not vanish,
   * gates of several G-vars — wwt-v, ntk-autoencoder and rnn-two-sequences exercise too.
   */
  static Stream<String> exact() {
    return SampleLimitsTest.engines().filter(a -> a.get()[1].equals("exact"))
        .map(a -> (String) a.get()[0]).filter(n -> !n.equals("sgd-step-mup") && !n.equals("gru"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exact")
  void everyVariableHasADerivationWhoseLinksAreVariables(String name) {
    Program p = Samples.get(name).program();
    var calculus = Validator.validate(p).calculus();
    SymbolicZ z = ExactLimitEngine.symbolic(p, calculus);
    CoordinateStatistics s = Limits.compute(p, LimitOptions.defaults()
        .withEngine(LimitOptions.Engine.EXACT));
    Explanation e = new Explanation(p, calculus, z, s);
    for (String v : p.statements().stream().map(st -> st.target()).toList()) {
      Derivation d = e.derive(v);
      assertEquals(v, d.subject());
      assertTrue(d.steps().get(0).variables().contains(v), name + " " + v + ": " + d.lines());
      for (String named : d.variables()) {
        assertTrue(p.isDefined(named), name + " " + v + " names " + named);
      }
      if (p.kindOf(v).isVector()) {
        String m2 = "E[(Z^" + v + ")²] = ";
        assertTrue(d.lines().stream().anyMatch(l -> l.trim().startsWith(m2)),
            name + " " + v + ": " + d.lines());
      }
    }
  }
}
