package org.tpe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.derive.DerivationException;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.limit.Estimate;
import org.tpe.limit.calculus.MasterTheorem;
import org.tpe.model.MatMul;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.network.Parametrization;
import org.tpe.validate.LanguageLevel;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/** The unrolled program's structure, the regimes of the parametrizations, and refusals. */
class UnrolledSgdTest {
  static String mlp(String parametrization) {
    return FiniteWidthTrainingFactsTest.network(parametrization, 0.5, -0.4, 1)
        .replace("steps 1", "steps 2");
  }

  @Test
  void theNamedParametrizationsHaveTheirRegimes() {
    Regime mup = Regime.of(TpParser.parse(mlp("mup")));
    assertEquals(Regime.Kind.FEATURE_LEARNING, mup.kind());
    mup.updateExponents().values().forEach(e -> assertEquals(0, e, 1e-12));
    assertEquals(0, mup.outputExponent(), 1e-12);
    Regime ntk = Regime.of(TpParser.parse(mlp("ntk")));
    assertEquals(Regime.Kind.KERNEL, ntk.kind());
    ntk.updateExponents().values().forEach(e -> assertEquals(-0.5, e, 1e-12));
    Regime sp = Regime.of(TpParser.parse(mlp("standard")));
    assertEquals(Regime.Kind.NO_LIMIT, sp.kind());
    assertEquals("W", sp.witness());
    assertEquals(0.5, sp.updateExponents().get("W"), 1e-12);
    assertTrue(sp.reason().contains("changes the vectors it produces by n^0.5"), sp.reason());
  }

  @Test
  void aLargerLearningRateExponentMakesATermVanish() {
    Program p = TpParser.parse(mlp("mup").replace("param U, W, v",
        "param U, v\nparam W : abc(0, 0.5, 0.5)"));
    UnrolledSgd.Result r = UnrolledSgd.limit(p);
    assertEquals(Regime.Kind.FEATURE_LEARNING, r.regime().kind());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("left out: the update of W")),
        r.notes().toString());
    // W is not trained in the limit: no MatMul's result is corrected by an update
    assertTrue(r.program().instructions().stream().noneMatch(i -> i.target().startsWith("Wx")));
    // at width n its learning rate is η n^{-1/2} in the program's units
    UnrolledSgd.Result f = UnrolledSgd.atWidth(p, 64);
    assertTrue(f.program().inputs().contains(new ScalarInput("η_W", 1.0 / 8)),
        f.program().inputs().toString());
  }

  @Test
  void theUnrolledProgramIsAnOrdinaryNotBpLikeNetsorTPlusDocument() {
    UnrolledSgd.Result r = UnrolledSgd.limit(TpParser.parse(mlp("mup")));
    Program p = r.program();
    ValidationReport v = Validator.validate(p);
    assertEquals(List.of(), v.errors());
    assertEquals(LanguageLevel.NETSOR_T_PLUS, v.level());
    assertEquals(MasterTheorem.Theorem.NETSOR_T_GENERAL, v.theorem().theorem(), "W meets Wᵀ");
    assertFalse(v.bpLike().bpLike());
    assertEquals(p, TpParser.parse(TpPrinter.print(p)), "print∘parse = id");
    // step 1 on ξ1 multiplies by W₀ and corrects by step 0's update (seeds/004 eq. (9))
    assertTrue(p.instructions().contains(new MatMul("Wx_1", "W", false, "x_1")));
    assertEquals("hb_1 := Wx_1 - η*χ_0*cx_0_1*dhb_0",
        "hb_1 := " + TpPrinter.rhs(p.instructions().get(p.instructionIndex("hb_1"))));
    assertEquals(List.of("ξ1", "ξ2", "ξ3"), r.inputs());
    assertEquals(List.of(List.of(0), List.of(1)), r.batches(), "cyclic: one example a step");
    assertEquals("xb_2''", r.vector("xb", 2, 2));
  }

  @Test
  void theKernelRegimeLimitIsTheProgramOfTheScaledChanges() {
    UnrolledSgd.Result r = UnrolledSgd.limit(TpParser.parse(mlp("ntk")
        .replace("batch cyclic", "") + "batch full\n"));
    Program p = r.program();
    assertEquals(List.of(), Validator.validate(p).errors());
    assertTrue(p.inputs().contains(new ScalarInput("f_0", 0)), "given f_0 = 0");
    assertEquals(r.vector("xb", 0, 1), r.vector("xb", 2, 1), "the features do not move");
    assertEquals("δxb_2'", r.change("xb", 2, 1));
    assertNull(r.movement(2, 0, 1));
    assertEquals(List.of(List.of(0, 1), List.of(0, 1)), r.batches(), "full batch");
  }

  @Test
  void theLimitOfStandardParametrizationIsRefusedWithThePlace() {
    DerivationException e = assertThrows(DerivationException.class,
        () -> UnrolledSgd.limit(TpParser.parse(mlp("standard"))));
    assertEquals("7:1", e.problems().get(0).pos().toString());
    assertTrue(e.getMessage().contains("no infinite-width limit the program can express"),
        e.getMessage());
    // at a finite width the same network trains
    UnrolledSgd.atWidth(TpParser.parse(mlp("standard")), 32);
  }

  @Test
  void aNetworkWithoutTrainingSetupOrWithErrorsIsRefused() {
    String net = mlp("mup");
    DerivationException e = assertThrows(DerivationException.class,
        () -> UnrolledSgd.limit(TpParser.parse(net.substring(0, net.indexOf("train")))));
    assertTrue(e.getMessage().contains("declares no training setup"), e.getMessage());
    e = assertThrows(DerivationException.class,
        () -> UnrolledSgd.limit(TpParser.parse(net.replace("train ξ1 : 0.5", "train ξ9 : 0.5"))));
    assertTrue(e.getMessage().contains("ξ9 is not an input"), e.getMessage());
  }

  @Test
  void overridesChangeStepsLearningRateAndTheWholeNetworksParametrization() {
    Program p = TpParser.parse(mlp("ntk").replace("param U, W, v",
        "param U, v\nparam W : abc(0.5, 0, 1)"));
    Program q = new TrainingOverrides(3, 0.25, Parametrization.MUP).applyTo(p);
    assertEquals(3, q.network().training().stepsOrDefault());
    assertEquals(0.25, q.network().training().learningRateOrDefault());
    assertEquals(Parametrization.MUP, q.network().parametrizationOf("W"), "per-parameter abc"
        + " replaced");
    assertEquals(Regime.Kind.FEATURE_LEARNING, Regime.of(q).kind());
    assertEquals(p.network().source().training(), q.network().source().training());
  }

  @Test
  void anUnboundedStatedErrorMakesTheKernelGdCheckPartialNotPassed() {
    Estimate[][] gd = {{new Estimate(0, 0), new Estimate(0.3, 1e-9)}};
    TrainingReport.Agreement ok = TrainingAnalysis.agreement(
        new Estimate[][] {{new Estimate(0, 0), new Estimate(0.3 + 1e-7, 1e-7)}}, gd);
    assertTrue(ok.holds());
    assertEquals("agree", ok.verdict());
    // 4 (1e-8 + 1e-9) + 1e-9 < 1e-7: a distance beyond the allowance disagrees
    TrainingReport.Agreement off = TrainingAnalysis.agreement(
        new Estimate[][] {{new Estimate(0, 0), new Estimate(0.3 + 1e-7, 1e-8)}}, gd);
    assertFalse(off.holds());
    assertEquals("DISAGREE", off.verdict());
    TrainingReport.Agreement partial = TrainingAnalysis.agreement(new Estimate[][] {{
        new Estimate(0, 0), new Estimate(7, Double.POSITIVE_INFINITY)}}, gd);
    assertEquals(1, partial.unbounded());
    assertTrue(partial.verdict().contains("1 stated error is unbounded"), partial.verdict());
    assertFalse(partial.verdict().equals("agree"));
  }
}
