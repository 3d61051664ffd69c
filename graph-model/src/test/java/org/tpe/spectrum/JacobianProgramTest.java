package org.tpe.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.validate.LanguageLevel;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/** The Netsor⊤ program applying (JᵀJ)^k to a probe (seeds/004 eq. (33)). */
class JacobianProgramTest {
  // three applications: a power that is an X-var (made by a Nonlin) feeds the next one
  static final List<Program> NETWORKS = List.of(Networks.wishart(1), Networks.linear(3, 1),
      Networks.mlp(4, "relu", 2, 1), Networks.mlp(3, "erf", 1.1, 0.3), Networks.residual(),
      Networks.residualBlock(),
      TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput V : A(n, n) ~ N(0, 2/n)\n"
          + "input x' : G(n) ~ N(0, 1)\ninput b : G(n) ~ N(0, 0.1)\nh' := W x'\n"
          + "y := tanh(h') * sigmoid(b) + h'^2\nν := avg(y*y)\ng := V y\nz := g/ν + 3*h'\n"
          + "output z\n"));

  @Test
  void everyGeneratedProgramIsValidNetsorTAndSurvivesPrintParse() {
    for (Program p : NETWORKS) {
      Jacobian j = Jacobian.of(p, null, null);
      JacobianProgram jp = JacobianProgram.of(j, 3);
      ValidationReport r = Validator.validate(jp.program());
      assertFalse(r.hasErrors(), () -> r.errors() + "\n" + jp.text());
      assertTrue(r.level().compareTo(LanguageLevel.NETSOR_T) >= 0, "W and Wᵀ: Netsor⊤");
      assertEquals(jp.program(), TpParser.parse(jp.text()), "the text reads back");
      assertEquals(jp.program(), TpParser.parse(TpPrinter.print(jp.program())));
      assertEquals(List.of("v", "v_1", "v_2", "v_3"), jp.powers());
      assertEquals(jp.powers(), jp.program().outputs());
    }
  }

  @Test
  void jacobianOfOneMatrixAppliesWThenWTranspose() {
    JacobianProgram jp = JacobianProgram.of(Jacobian.of(Networks.wishart(1), null, null), 2);
    String text = TpPrinter.print(jp.program());
    assertTrue(text.contains("δh_1 := W v\nv_1 := W^T δh_1\nδh_2 := W v_1\nv_2 := W^T δh_2\n"),
        text);
    assertEquals(List.of("v_1", "v_2"), jp.momentPair(3));
    assertEquals(List.of("v_2", "v_2"), jp.momentPair(4));
    assertEquals(List.of("v", "v_1"), jp.momentPair(1));
    assertThrows(IllegalArgumentException.class, () -> jp.momentPair(5));
  }

  @Test
  void namesThatAreTakenAreNotReused() {
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput v : G(n) ~ N(0, 1)\n"
        + "δh_1 := W v\nh := W δh_1\noutput h\n");
    JacobianProgram jp = JacobianProgram.of(Jacobian.of(p, "δh_1", "h"), 1);
    assertFalse(Validator.validate(jp.program()).hasErrors());
    assertEquals("vv", jp.probe());
  }

  @Test
  void tooManyMomentsForTheProgramSizeAreRefusedWithTheLargestThatFits() {
    Jacobian j = Jacobian.of(Networks.mlp(120, "tanh", 1, 1), null, null);
    int max = JacobianProgram.maxMoments(j);
    assertTrue(max >= 2 && max < 20, "max " + max);
    assertTrue(JacobianProgram.forMoments(j, max).program().vectors().size()
        <= Limits.MAX_VECTORS);
    SpectrumException e = assertThrows(SpectrumException.class,
        () -> JacobianProgram.forMoments(j, max + 2));
    assertTrue(e.getMessage().contains("ask for at most " + max + " moments"), e.getMessage());
    SpectrumException big = assertThrows(SpectrumException.class,
        () -> JacobianProgram.forMoments(Jacobian.of(Networks.wishart(1), null, null), 61));
    assertTrue(big.getMessage().contains("at most 60"), big.getMessage());
    assertThrows(SpectrumException.class,
        () -> JacobianProgram.forMoments(Jacobian.of(Networks.wishart(1), null, null), 0));
  }

  @Test
  void aNetworkTooLargeForEvenOneApplicationIsRefusedWithoutHanging() {
    // 2000 matrices: J v and Jᵀ(J v) make 4000 vectors per application, more than 3000
    Jacobian j = Jacobian.of(Networks.linear(2000, 1), null, null);
    SpectrumException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(60), // a hang guard, not a speed target
        () -> assertThrows(SpectrumException.class, () -> JacobianProgram.forMoments(j, 2)));
    assertTrue(e.getMessage().contains("too large for the program moments"), e.getMessage());
  }

  static List<Estimate> programMoments(Program p, int k, LimitOptions o) {
    return ProgramMoments.compute(Jacobian.of(p, null, null), k, o, ProgressListener.NONE,
        CancellationToken.NONE).moments();
  }

  @Test
  void programMomentsOfOneWishartAreCatalanWithinTheEnginesErrors() {
    // whatever engine takes W-and-Wᵀ programs: its value within 6 of its errors (particle: 16
    // batches, Student t with 15 dof, false-failure chance ≈ 2·10⁻⁵ per check) plus 1e-8
    double[] catalan = {1, 2, 5, 14, 42, 132};
    List<Estimate> m = programMoments(Networks.wishart(1), 6, LimitOptions.defaults());
    for (int k = 0; k < 6; k++) {
      Estimate e = m.get(k);
      assertTrue(Math.abs(e.value() - catalan[k]) <= 6 * e.error() + 1e-8 * catalan[k],
          "τ_" + (k + 1) + " = " + e);
    }
  }
}
