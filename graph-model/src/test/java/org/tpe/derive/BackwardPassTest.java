package org.tpe.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.model.Instruction;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.sim.FiniteWidthSimulator;
import org.tpe.sim.SimulationOptions;
import org.tpe.validate.Validator;

/** Reverse mode as a program: the hand-written backward pass, and derivatives by differences. */
class BackwardPassTest {
  static final String DECL = "inputs a\ngram a : 1\nembedding U : %s\nparam U\nreadout v · %s\n";

  static Program net(String forward, String embedding, String readout) {
    return TpParser.parse(forward + String.format(DECL, embedding, readout));
  }

  /** The first backward pass of seeds/004 / the mlp-backward sample, derived. */
  @Test
  void derivedBackwardPassOfAnMlpIsTheHandWrittenOne() {
    Program p = net("""
        input u : G(n) ~ N(0, 1)
        input W2 : A(n, n) ~ N(0, 2/n)
        input v : G(n) ~ N(0, 1)
        x1 := relu(u)
        h2 := W2 x1
        x2 := relu(h2)
        """, "u", "x2");
    BackwardPass.Result r = BackwardPass.derive(p);
    List<Instruction> backward = r.program().instructions().subList(3, 6);
    Program hand = TpParser.parse("""
        input u : G(n) ~ N(0, 1)
        input W2 : A(n, n) ~ N(0, 2/n)
        input v : G(n) ~ N(0, 1)
        dh2 := v * step(h2)
        dx1 := W2^T dh2
        du := dx1 * step(u)
        """);
    assertEquals(hand.instructions(), backward);
    assertEquals("v", r.gradient("x2"), "the readout's vector has the readout weights as gradient");
    assertEquals("du", r.gradient("u"));
    assertTrue(Validator.validate(r.program(), java.util.Set.of("v")).bpLike().bpLike());
    assertTrue(Validator.validate(r.program()).bpLike().bpLike(), "the declared readout is used");
    assertEquals(p.network(), r.program().network());
  }

  /**
   * A last-layer bias is upstream of Wᵀ's argument and reaches no forward MatMul, which the
   * shape heuristic takes for a second readout; the declared readout v makes the verdict right.
   */
  @Test
  void backwardPassOfAnMlpWithBiasesIsBpLikeForItsDeclaredReadout() {
    Program p = net("""
        input u : G(n) ~ N(0, 1)
        input W2 : A(n, n) ~ N(0, 2/n)
        input b2 : G(n) ~ N(0, 0.1)
        input v : G(n) ~ N(0, 1)
        x1 := relu(u)
        g2 := W2 x1
        h2 := g2 + b2
        x2 := relu(h2)
        """, "u", "x2");
    Program bw = BackwardPass.derive(p).program();
    assertTrue(Validator.validate(bw).bpLike().bpLike(), Validator.validate(bw).bpLike()
        .reason());
    assertEquals(List.of("v"), Validator.validate(bw).bpLike().readouts());
  }

  @Test
  void linCombCoefficientsMultiplyAndSeveralUsesAdd() {
    Program p = net("""
        input e : G(n) ~ N(0, 1)
        input W : A(n, n) ~ N(0, 1/n)
        input M : A(n, n) ~ N(0, 1/n)
        input v : G(n) ~ N(0, 1)
        x := tanh(e)
        h := W x
        k := M x
        l := 2*h - 0.5*k
        """, "e", "l");
    BackwardPass.Result r = BackwardPass.derive(p);
    Program want = TpParser.parse("""
        input v : G(n) ~ N(0, 1)
        input W : A(n, n) ~ N(0, 1/n)
        input M : A(n, n) ~ N(0, 1/n)
        dk := -0.5*v
        dx_k := M^T dk
        dh := 2*v
        dx_h := W^T dh
        dx := dx_k + dx_h
        de := dx*(1 - tanh(e)^2)
        """);
    assertEquals(want.instructions(), r.program().instructions().subList(4, 10));
  }

  @Test
  void momentScalarsAreHeldFixedAndTheToolSaysSo() {
    Program p = net("""
        input e : G(n) ~ N(0, 1)
        input v : G(n) ~ N(0, 1)
        m := avg(e * e)
        y := e / sqrt(m)
        """, "e", "y");
    BackwardPass.Result r = BackwardPass.derive(p);
    assertEquals(List.of("m"), r.heldFixed());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("held fixed") && n.contains("D.4.5")));
    assertEquals("de", r.gradient("e"));
    assertEquals(TpParser.parseExpression("v*(1/sqrt(m))"),
        ((org.tpe.model.Nonlin) r.program().definition("de")).phi());
  }

  @Test
  void aForwardPassThatReadsTheReadoutWeightsIsRefusedAtThatLine() {
    Program p = net("""
        input e : G(n) ~ N(0, 1)
        input v : G(n) ~ N(0, 1)
        y := e + v
        """, "e", "y");
    DerivationException ex = assertThrows(DerivationException.class,
        () -> BackwardPass.derive(p));
    assertEquals("3:10", ex.problems().get(0).pos().toString());
    assertTrue(ex.getMessage().contains("reads the readout weights v"), ex.getMessage());
  }

  /**
   * For a scalar θ scaling the embedding, s = θ e, the output F(θ) = avg(v y) = f/√n of one
   * finite-width network has dF/dθ = avg(ds e) by the chain rule, with ds = √n ∂f/∂s from the
   * derived backward pass. A central difference of F on the same draws (same seed) checks the
   * whole reverse mode: a LinComb with coefficients, a Nonlin of several G-vars reading h twice,
   * W used with its transpose, two matrices. tanh and sigmoid are smooth: error O(ε²) ≈ 1e-8.
   */
  @Test
  void derivedGradientIsTheDerivativeOfTheFiniteWidthNetwork() {
    String forward = """
        input e : G(n) ~ N(0, 1)
        input b : G(n) ~ N(0, 0.2)
        input W : A(n, n) ~ N(0, 1.5/n)
        input M : A(n, n) ~ N(0, 1/n)
        input v : G(n) ~ N(0, 1)
        input θ : R = 1
        s := θ * e
        h := W s
        k := M s
        l := 2*h - 0.5*k + b
        x := tanh(l) * sigmoid(h)
        g := W^T x
        y := tanh(g + l) + h
        """;
    Program p = net(forward, "e", "y");
    BackwardPass.Result r = BackwardPass.derive(p);
    SimulationOptions o = new SimulationOptions(192, 5, 2, 0);
    CoordinateStatistics bw = FiniteWidthSimulator.simulate(r.program(), o);
    double grad = bw.secondMoment(r.gradient("s"), "e").value();
    double eps = 1e-4;
    double[] f = new double[2];
    for (int i = 0; i < 2; i++) {
      Program q = TpParser.parse(forward + "F := avg(v * y)\n");
      double theta = i == 0 ? 1 + eps : 1 - eps;
      q = q.toBuilder().build();
      Program.Builder qb = q.toBuilder();
      qb.inputs().replaceAll(in -> in.target().equals("θ") ? new ScalarInput("θ", theta) : in);
      f[i] = FiniteWidthSimulator.simulate(qb.build(), o).scalars().get("F").value();
    }
    double fd = (f[0] - f[1]) / (2 * eps);
    assertEquals(fd, grad, 1e-6 * Math.max(1, Math.abs(fd)), "dF/dθ");
    assertTrue(Math.abs(grad) > 0.01, "a derivative worth checking: " + grad);
  }
}
