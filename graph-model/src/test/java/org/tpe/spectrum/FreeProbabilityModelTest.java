package org.tpe.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.limit.LimitOptions;
import org.tpe.limit.Limits;
import org.tpe.model.Program;

/** When the spectrum of JᵀJ is a free product, and of which factors. */
class FreeProbabilityModelTest {
  static FreeProbabilityModel model(Program p, String from, String to, boolean orthogonal) {
    Jacobian j = Jacobian.of(p, from, to);
    return FreeProbabilityModel.of(j, Limits.compute(j.forwardProgram(),
        LimitOptions.defaults().withHistogramBins(0)), orthogonal);
  }

  @Test
  void reluMlpFactorsAreWishartsAndBernoullis() {
    FreeProbabilityModel m = model(Networks.mlp(3, "relu", 2, 1), null, null, false);
    assertTrue(m.applicable(), m.notApplicable());
    assertEquals(5, m.factors().size());
    assertInstanceOf(SpectralFactor.MarchenkoPastur.class, m.factors().get(0));
    SpectralFactor d = m.factors().get(1);
    assertEquals(0.5, d.moment(1), 1e-15, "P(h1 > 0)");
    assertEquals(0.5, d.massAtZero(), 1e-15);
    assertEquals(2, ((SpectralFactor.MarchenkoPastur) m.factors().get(4)).sigma2());
  }

  @Test
  void orthogonalWeightsArePointMasses() {
    FreeProbabilityModel m = model(Networks.linear(3, 1.5), null, null, true);
    assertTrue(m.applicable());
    for (SpectralFactor f : m.factors()) {
      assertEquals(1.5, ((SpectralFactor.PointMass) f).value());
    }
  }

  @Test
  void aResidualBlockIsNotAFreeProduct() {
    FreeProbabilityModel m = model(Networks.residual(), "h1", "h2", false);
    assertFalse(m.applicable());
    assertTrue(m.notApplicable().contains("not a product along one chain"), m.notApplicable());
  }

  @Test
  void aMatrixSharedByTwoLayersIsNotFree() {
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput x : G(n) ~ N(0, 1)\n"
        + "h1 := W x\nx1 := tanh(h1)\nh2 := W x1\noutput h2\n");
    FreeProbabilityModel m = model(p, null, null, false);
    assertFalse(m.applicable());
    assertEquals("W", m.subject());
    assertTrue(m.notApplicable().contains("occurs twice"), m.notApplicable());
  }

  @Test
  void aTransposeInTheForwardPassMakesTheDsLawUnknown() {
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput V : A(n, n) ~ N(0, 1/n)\n"
        + "input x : G(n) ~ N(0, 1)\ng := W^T x\nh1 := W g\nx1 := tanh(h1)\nh2 := V x1\n"
        + "output h2\n");
    Jacobian j = Jacobian.of(p, "h1", "h2");
    FreeProbabilityModel m = FreeProbabilityModel.of(j, null, false);
    assertFalse(m.applicable());
    assertTrue(m.notApplicable().contains("transposed MatMul"), m.notApplicable());
  }

  @Test
  void aDerivativeReadingTwoGVarsIsNotALawOfOneGaussian() {
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput V : A(n, n) ~ N(0, 1/n)\n"
        + "input x : G(n) ~ N(0, 1)\ninput b : G(n) ~ N(0, 1)\nh := W x\ny := tanh(h + b)\n"
        + "g := V y\noutput g\n");
    FreeProbabilityModel m = model(p, null, "g", false);
    assertFalse(m.applicable());
    assertTrue(m.notApplicable().contains("several G-vars"), m.notApplicable());
  }

  @Test
  void withOrthogonalWeightsAMatrixUsedTwiceInTheForwardPassIsRefused() {
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 1/n)\ninput V : A(n, n) ~ N(0, 1/n)\n"
        + "input x : G(n) ~ N(0, 1)\ninput x' : G(n) ~ N(0, 1)\nh := W x\nh' := W x'\n"
        + "y := tanh(h)\ng := V y\noutput g, h'\n");
    assertTrue(model(p, "x", "g", false).applicable(), "Gaussian W: other uses are fine");
    // the forward program of J keeps only what D reads, so h' is not there: still applicable
    assertTrue(model(p, "x", "g", true).applicable());
  }

  @Test
  void adjacentDiagonalsMultiplyIntoOneFactorOverTheirGVar() {
    // x2 = tanh(x1) after x1 = relu(h1): D(x2)·D(x1) = diag(sech²(relu(h1))·step(h1)) is one
    // diagonal (two diagonals with no W between them are not free), a law of h1 ~ N(0, 2)
    Program p = TpParser.parse("input W : A(n, n) ~ N(0, 2/n)\ninput V : A(n, n) ~ N(0, 1/n)\n"
        + "input x : G(n) ~ N(0, 1)\nh1 := W x\nx1 := relu(h1)\nx2 := tanh(x1)\n"
        + "g := V x2\noutput g\n");
    FreeProbabilityModel m = model(p, "h1", "g", false);
    assertTrue(m.applicable(), m.notApplicable());
    assertEquals(2, m.factors().size(), "one diagonal, one Wishart");
    SpectralFactor d = m.factors().get(0);
    assertEquals(0.5, d.massAtZero(), 1e-14);
    // E step(h) sech⁴(h), h ~ N(0, 2), by a Simpson rule on [0, 40σ] written here
    double s = Math.sqrt(2);
    int n = 100000;
    double h = 40 * s / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double z = i * h;
      double f = Math.pow(1 / Math.cosh(z), 4) * Math.exp(-0.25 * z * z) / Math.sqrt(4 * Math.PI);
      sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
    }
    assertEquals(sum * h / 3, d.moment(1), 1e-10);
  }
}
