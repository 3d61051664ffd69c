package org.tpe.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.model.VectorInput;

/** The forward pass on every input: copies with primes, shared parameters, Gram covariances. */
class InstantiationTest {
  static final String SEQ = """
      input W : A(n, n) ~ N(0, 1/n)
      input b : G(n) ~ N(0, 0.1)
      input e1 : G(n) ~ N(0, 2)
      input e2 : G(n) ~ N(0, 2)
      input v : G(n) ~ N(0, 1)
      s1 := erf(e1 + b)
      g := W s1
      s2 := erf(g + e2 + b)
      inputs x, y
      gram x(1) : 1, 0.5, 0.2, 0
      gram x(2) : 0.5, 1.5, 0, 0.1
      gram y(1) : 0.2, 0, 0.8, -0.3
      gram y(2) : 0, 0.1, -0.3, 1
      embedding U : e1, e2
      param W, U, b, v
      readout v · s2
      """;

  @Test
  void copiesArePrimedParametersSharedAndTokensCorrelatedByTheGramMatrix() {
    Instantiation.Result r = Instantiation.on(TpParser.parse(SEQ));
    Program p = r.program();
    assertEquals("g'", r.copy("g", 1));
    assertEquals("W", r.copy("W", 1));
    assertEquals("b", r.copy("b", 1), "biases are shared");
    assertTrue(p.isDefined("s2'") && !p.isDefined("b'") && !p.isDefined("v'"));
    // Var(e2 on y) = σ_U² G[(y,2),(y,2)] = 2 · 1; Cov(e1 on x, e2 on y) = 2 · 0.1... zero here
    assertEquals(2.0, ((VectorInput) p.definition("e2'")).variance(), 0);
    assertEquals(3.0, ((VectorInput) p.definition("e2")).variance(), 0);
    assertEquals(1.0, p.initialCovariance("e1", "e2"), 1e-15);
    assertEquals(0.2, p.initialCovariance("e2", "e2'"), 1e-15);
    assertEquals(-0.6, p.initialCovariance("e1'", "e2'"), 1e-15);
    assertEquals(0.0, p.initialCovariance("e1", "e2'"), 0);
    assertEquals(0.0, p.initialCovariance("e1", "b"), 0);
    assertEquals(List.of("s2", "s2'"), p.outputs());
    assertTrue(p.network().isEmpty(), "the declarations are consumed");
    assertEquals(2 * 3, p.instructions().size());
  }

  @Test
  void aCopyNameThatIsTakenIsRefusedWithItsPlace() {
    String text = SEQ.replace("s2 := erf(g + e2 + b)", "s2 := erf(g + e2 + b)\ng' := W s2");
    DerivationException e = assertThrows(DerivationException.class,
        () -> Instantiation.on(TpParser.parse(text)));
    assertTrue(e.getMessage().contains("would be named g', which the program already uses"),
        e.getMessage());
    assertEquals(9, e.problems().get(0).pos().line());
  }

  @Test
  void aDerivedBackwardPassInstantiatesAsItsValidatedProgramDoes() {
    BackwardPass.Result bw = BackwardPass.derive(TpParser.parse(SEQ));
    Instantiation.Result checked = Instantiation.on(bw.program());
    Instantiation.Result trusted = Instantiation.on(bw);
    assertEquals(org.tpe.format.TpPrinter.print(checked.program()),
        org.tpe.format.TpPrinter.print(trusted.program()));
    assertEquals(checked.copies(), trusted.copies());
    assertTrue(org.tpe.validate.Validator.validate(trusted.program()).errors().isEmpty(),
        "the instantiated program is well formed");
  }
}
