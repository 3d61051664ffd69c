package org.tpe.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.tpe.limit.calculus.BpLikeVerdict;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Problem;
import org.tpe.model.Severity;

class ValidatorTest {
  private static ValidationReport check(String text) {
    return Validator.validate(TpParser.parse(text));
  }

  private static Problem firstError(String text) {
    return check(text).errors().get(0);
  }

  /** {@code input u0 : G(n)} … {@code input u(k-1) : G(n)}, a line each. */
  private static StringBuilder inputs(int k) {
    StringBuilder t = new StringBuilder();
    for (int i = 0; i < k; i++) {
      t.append("input u").append(i).append(" : G(n)\n");
    }
    return t;
  }

  @Test
  void cycleIsNamedWithItsVariables() {
    Problem p = firstError("input W : A(n,n)\na := W c\nb := relu(a)\nc := relu(b)\n");
    assertTrue(p.message().startsWith("cycle: a → b → c → a"), p.message());
    assertEquals(2, p.pos().line());
  }

  @Test
  void undefinedNameSuggestsTheClosestDefinedOne() {
    Problem p = firstError("input hidden : G(n)\nx := relu(hiden)\n");
    assertTrue(p.message().contains("did you mean 'hidden'"), p.message());
    assertEquals(11, p.pos().column());
    assertEquals("x", p.subject());
  }

  @Test
  void redefinitionPointsAtTheSecondDefinitionAndNamesTheFirst() {
    Problem p = firstError("input u : G(n)\nx := relu(u)\nx := tanh(u)\n");
    assertEquals(3, p.pos().line());
    assertTrue(p.message().contains("first at line 2"), p.message());
  }

  /**
   * A cov line that repeats a pair (in either order) is warned about at its own line, once for
   * every repetition, and no other line is: against a set of unordered name pairs (the oracle),
   * over 300 inputs with every pair once (44 850 lines, past the pair table's first size) and
   * random repetitions among them; the last value is used (ZInit holds it).
   */
  @Test
  void repeatedCovLinesAreWarnedAtEachRepetitionAndNoOther() {
    int k = 300;
    StringBuilder t = inputs(k);
    int line = k;
    java.util.Random r = new java.util.Random(5);
    java.util.Set<List<Integer>> seen = new java.util.HashSet<>();
    java.util.Set<List<Integer>> twice = new java.util.HashSet<>();
    java.util.Set<Integer> repeated = new java.util.TreeSet<>();
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        int[][] lines = r.nextInt(500) == 0 ? new int[][] {{i, j}, {j, i}} : new int[][] {{i, j}};
        for (int[] q : lines) {
          t.append("cov(u").append(q[0]).append(", u").append(q[1]).append(") = ")
              .append(lines.length == 2 && q[0] > q[1] ? "0.002" : "0.001").append('\n');
          line++;
          List<Integer> pair = List.of(Math.min(q[0], q[1]), Math.max(q[0], q[1]));
          if (!seen.add(pair)) {
            repeated.add(line);
            twice.add(pair);
          }
        }
      }
    }
    t.append("x := relu(u0)\n");
    org.tpe.model.Program p = TpParser.parse(t.toString());
    ValidationReport report = Validator.validate(p);
    java.util.Set<Integer> warned = new java.util.TreeSet<>();
    for (Problem w : report.warnings()) {
      if (w.message().contains("is given more than once")) {
        warned.add(w.pos().line());
      }
    }
    assertTrue(repeated.size() > 50, "repetitions: " + repeated.size());
    assertEquals(repeated, warned);
    assertFalse(report.hasErrors(), () -> report.errors().toString());
    // the last value of a repeated pair is the one ZInit holds
    org.tpe.limit.calculus.InitialGaussian g = report.calculus().initial();
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        assertEquals(twice.contains(List.of(i, j)) ? 0.002 : 0.001, g.covariance(i, j),
            "cov(u" + i + ", u" + j + ")");
      }
    }
  }

  @Test
  void nonPsdCovarianceOfThreeVectorsIsFoundEvenWhenEveryPairIsFine() {
    // each |ρ| ≤ 1, but ρ12 = ρ13 = 0.9, ρ23 = -0.9 is not a correlation matrix (det < 0)
    ValidationReport r = check("input a : G(n)\ninput b : G(n)\ninput c : G(n)\n"
        + "cov(a, b) = 0.9\ncov(a, c) = 0.9\ncov(b, c) = -0.9\nx := relu(a)\n");
    assertTrue(r.hasErrors());
    assertTrue(r.errors().get(0).message().contains("not positive semidefinite"));
  }

  @Test
  void languageLevelIsTheSmallestThatHolds() {
    assertEquals(LanguageLevel.NETSOR,
        check("input W : A(n,n)\ninput u : G(n)\nx := relu(u)\nh := W x\n").level());
    assertEquals(LanguageLevel.NETSOR_T,
        check("input W : A(n,n)\ninput u : G(n)\nx := relu(u)\nh := W^T x\n").level());
    assertEquals(LanguageLevel.NETSOR_T_PLUS,
        check("input u : G(n)\nm := avg(u*u)\n").level());
  }

  @Test
  void reducedMeansOnlyGVarsFeedNonlinsAndOnlyXVarsFeedMatMuls() {
    assertTrue(check("input W : A(n,n)\ninput u : G(n)\nx := relu(u)\nh := W x\n").reduced());
    assertFalse(check("input W : A(n,n)\ninput u : G(n)\nh := W u\n").reduced());
    assertFalse(check("input u : G(n)\nx := relu(u)\ny := tanh(x)\n").reduced());
  }

  @Test
  void backwardPassWithIndependentReadoutIsBpLike() {
    ValidationReport r = check("input u : G(n)\ninput W : A(n,n)\ninput v : G(n)\n"
        + "x := relu(u)\nh := W x\ndh := v * step(h)\ndx := W^T dh\noutput dx\n");
    assertTrue(r.bpLike().bpLike(), r.bpLike().reason());
    assertEquals(List.of("v"), r.bpLike().readouts());
  }

  @Test
  void readoutWithNonzeroMeanIsNotBpLike() {
    ValidationReport r = check("input u : G(n)\ninput W : A(n,n)\ninput v : G(n) ~ N(1, 1)\n"
        + "x := relu(u)\nh := W x\ndh := v * step(h)\ndx := W^T dh\n");
    assertFalse(r.bpLike().bpLike());
    assertTrue(r.bpLike().reason().contains("mean"), r.bpLike().reason());
  }

  @Test
  void backwardSignalThatIsNotLinearInTheReadoutIsNotBpLike() {
    ValidationReport r = check("input u : G(n)\ninput W : A(n,n)\ninput v : G(n)\n"
        + "x := relu(u)\nh := W x\ndh := v * v * step(h)\ndx := W^T dh\n");
    assertFalse(r.bpLike().bpLike());
    assertEquals(BpLikeVerdict.Condition.BACKWARD_ODD_IN_READOUTS, r.bpLike().failed(),
        r.bpLike().reason());
    assertEquals("dh", r.bpLike().statement(), r.bpLike().reason());
  }

  @Test
  void exponentialNonlinearityIsWarnedAbout() {
    ValidationReport r = check("input u : G(n)\nx := exp(u)\n");
    assertFalse(r.hasErrors());
    assertTrue(r.ofSeverity(Severity.WARNING).get(0).message().contains("not polynomially"));
  }

  @Test
  void stepWithTransposesWarnsThatOnlyTheSteinFormHolds() {
    ValidationReport r = check("input W : A(n,n)\ninput v : G(n)\ng := W^T v\nx := step(g)\n"
        + "y := W x\n");
    assertTrue(r.warnings().stream().anyMatch(w -> w.message().contains("Stein form")));
  }

  @Test
  void stepWithoutTransposesNeedsNoSteinWarningEvenWithScalars() {
    ValidationReport r = check("input u : G(n)\nm := avg(u*u)\nx := step(u) * m\n");
    assertEquals(LanguageLevel.NETSOR_T_PLUS, r.level());
    assertTrue(r.warnings().isEmpty(), () -> r.warnings().toString());
  }

  // ---- reproducers of the robustness issue --------------------------------------------------

  /** Generous: only a hang fails it (the old code took minutes on these); not a speed target. */
  private static final java.time.Duration HANG_GUARD = java.time.Duration.ofSeconds(30);

  @Test
  void zeroVarianceIsAnErrorAtItsLine() {
    Problem p = firstError("input u : G(n) ~ N(0.5, 0)\nx := relu(u)\n");
    assertEquals(new org.tpe.model.SourcePos(1, 7), p.pos());
    assertTrue(p.message().contains("must be positive (found 0)"), p.message());
    assertTrue(p.message().contains("constant 0.5"), p.message());
  }

  @Test
  void aLongCycleIsReportedOnceWithItsLength() {
    int n = 20_000;
    StringBuilder sb = new StringBuilder("input u : G(n)\n");
    for (int i = 0; i < n; i++) {
      sb.append("x").append(i).append(" := relu(x").append((i + 1) % n).append(")\n");
    }
    ValidationReport r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(HANG_GUARD,
        () -> check(sb.toString()));
    List<Problem> cycles = r.errors().stream().filter(e -> e.message().startsWith("cycle"))
        .toList();
    assertEquals(1, cycles.size(), "one cycle, one message");
    String m = cycles.get(0).message();
    // data flows from x(i+1) into x(i): the cycle runs down the indices
    assertTrue(m.startsWith("cycle: x0 → x19999 → x19998 → x19997 → x19996 → x19995 → … → x5 → x4"
        + " → x3 → x2 → x1 → x0 (20000 variables)"), m);
    assertEquals(2, cycles.get(0).pos().line());
  }

  @Test
  void twoSeparateCyclesAreTwoMessages() {
    ValidationReport r = check("input u : G(n)\na := relu(b)\nb := relu(a)\nc := relu(d)\n"
        + "d := relu(c)\ne := relu(e)\n");
    assertEquals(List.of("cycle: a → b → a", "cycle: c → d → c", "cycle: e → e"),
        r.errors().stream().map(e -> e.message().substring(0, e.message().indexOf(';')))
            .toList());
  }

  @Test
  void didYouMeanOnATwentyThousandCharacterNameWithAHundredNearMissesIsBounded() {
    // the 2 MB file: each reference differs from the defined name in one character
    String name = "v" + "a".repeat(19_999);
    StringBuilder sb = new StringBuilder("input " + name + " : G(n)\n");
    for (int i = 0; i < 100; i++) {
      String miss = name.substring(0, 10_000) + "b" + name.substring(10_001);
      sb.append("x").append(i).append(" := relu(").append(miss).append(")\n");
    }
    ValidationReport r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(HANG_GUARD,
        () -> check(sb.toString()));
    assertEquals(100, r.errors().size());
    // names longer than NearestName.MAX_LENGTH get no suggestion; a short near miss does
    assertFalse(r.errors().get(0).message().contains("did you mean"));
    assertTrue(firstError("input " + "h".repeat(60) + " : G(n)\nx := relu(" + "h".repeat(59)
        + "j)\n").message().contains("did you mean"));
  }

  @Test
  void suggestionsStopAfterAHundredDistinctNamesWhileEveryErrorIsReported() {
    StringBuilder sb = new StringBuilder("input hidden : G(n)\n");
    for (int i = 0; i < 300; i++) {
      sb.append("x").append(i).append(" := relu(hiden").append(i % 150).append(")\n");
    }
    ValidationReport r = check(sb.toString());
    assertEquals(300, r.errors().size());
    long suggested = r.errors().stream().filter(e -> e.message().contains("did you mean"))
        .count();
    // hiden0 … hiden9 are at distance 2 from hidden; the first 100 distinct names are looked up
    assertEquals(2 * 10, suggested, "hiden0…hiden9, each used twice");
  }

  @Test
  void fourHundredInputsWithAllTheirCovariancesValidate() {
    int k = 400;
    StringBuilder sb = inputs(k);
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        sb.append("cov(u").append(i).append(", u").append(j).append(") = 0.001\n");
      }
    }
    sb.append("x := relu(u0)\n");
    // 79 800 cov lines: every Gershgorin disc lies in [1 − 0.001·399, 1 + 0.001·399] > 0, so PD
    ValidationReport r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(HANG_GUARD,
        () -> check(sb.toString()));
    assertFalse(r.hasErrors(), () -> r.errors().get(0).message());
  }

  @Test
  void everyRepeatedCovarianceLineAfterItsFirstIsWarnedAtItsLine() {
    // 60 inputs, 2 000 random cov lines (either order, repeats, a few about one input twice and
    // about undefined names): the warnings and errors expected line by line from a set of the
    // sorted name pairs, independent of the validator's table of input positions
    int k = 60;
    java.util.Random rnd = new java.util.Random(17);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < k; i++) {
      sb.append("input u").append(i).append(" : G(n)\n");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.List<Integer> repeatLines = new java.util.ArrayList<>();
    java.util.List<Integer> varianceLines = new java.util.ArrayList<>();
    java.util.List<Integer> undefinedLines = new java.util.ArrayList<>();
    for (int line = k + 1; line <= k + 2000; line++) {
      int a = rnd.nextInt(k);
      int b = rnd.nextInt(20) == 0 ? a : rnd.nextInt(k);
      boolean undefined = rnd.nextInt(50) == 0;
      String bn = undefined ? "v" + b : "u" + b;
      sb.append("cov(u").append(a).append(", ").append(bn).append(") = 0.0001\n");
      if (undefined) {
        undefinedLines.add(line);
      } else if (a == b) {
        varianceLines.add(line);
      } else if (!seen.add(Math.min(a, b) + "," + Math.max(a, b))) {
        repeatLines.add(line);
      }
    }
    sb.append("x := relu(u0)\n");
    ValidationReport r = check(sb.toString());
    assertEquals(repeatLines, r.warnings().stream().filter(w -> w.message().contains("more than"
        + " once")).map(w -> w.pos().line()).toList());
    assertEquals(varianceLines, r.errors().stream().filter(e -> e.message().contains("is a"
        + " variance")).map(e -> e.pos().line()).toList());
    assertEquals(undefinedLines, r.errors().stream().filter(e -> e.message().contains("is not"
        + " defined")).map(e -> e.pos().line()).toList());
    assertTrue(repeatLines.size() > 100 && varianceLines.size() > 20 && undefinedLines.size() > 10,
        "the random lines exercise every case");
  }
}
