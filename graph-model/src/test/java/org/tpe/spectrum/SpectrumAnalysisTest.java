package org.tpe.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.Estimate;
import org.tpe.model.Program;

/** The three computations of the spectrum of JᵀJ agree (issue: Jacobian spectra, done means). */
class SpectrumAnalysisTest {
  static SpectrumReport run(Program p, int moments, boolean orthogonal) {
    return SpectrumAnalysis.run(p, SpectrumOptions.defaults().withMoments(moments).withWidth(0)
        .withOrthogonal(orthogonal).withGridPoints(50));
  }

  /**
   * |program − free| within 6 of the program's errors plus 1e-8 relative: with the particle
   * engine (16 batches, Student t with 15 dof) a false failure has chance ≈ 2·10⁻⁵ per moment;
   * with an exact engine the errors are ≈ 1e-10 and this is the 1e-8 agreement.
   */
  static void agreeWithinErrors(SpectrumReport r) {
    for (int k = 1; k <= r.moments(); k++) {
      Estimate prog = r.program().moments().get(k - 1);
      Estimate free = r.free().moments().get(k - 1);
      assertTrue(Math.abs(prog.value() - free.value())
          <= 6 * prog.error() + free.error() + 1e-8 * Math.abs(free.value()),
          "τ_" + k + ": program " + prog + ", free probability " + free);
    }
  }

  @Test
  void reluProgramMomentsAgreeWithFreeProbabilityWithinTheEnginesErrors() {
    agreeWithinErrors(run(Networks.mlp(3, "relu", 2, 1), 6, false));
  }

  @Test
  void erfProgramMomentsAgreeWithFreeProbabilityWithinTheEnginesErrors() {
    agreeWithinErrors(run(Networks.mlp(3, "erf", 1.1, 0.25), 4, false));
  }

  @Test
  void reluProgramMomentsEqualFreeProbabilityMomentsTo1e8() {
    SpectrumReport r = run(Networks.mlp(3, "relu", 2, 1), 6, false);
    for (int k = 1; k <= 6; k++) {
      double prog = r.program().moments().get(k - 1).value();
      double free = r.free().moments().get(k - 1).value();
      assertEquals(free, prog, 1e-8 * free, "τ_" + k + " (" + r.program().method() + ")");
    }
  }

  @Test
  void programMomentsOfOneWishartAreTheCatalanNumbersTo1e8() {
    SpectrumReport r = run(Networks.wishart(1), 5, false);
    double[] catalan = {1, 2, 5, 14, 42};
    for (int k = 0; k < 5; k++) {
      assertEquals(catalan[k], r.program().moments().get(k).value(), 1e-8 * catalan[k]);
    }
  }

  @Test
  void programMomentsOfALinearDepth3NetworkAreFussCatalanTo1e8() {
    SpectrumReport r = run(Networks.linear(3, 1), 4, false);
    for (int k = 1; k <= 4; k++) {
      double fc = FreeProductTest.fussCatalan(3, k);
      assertEquals(fc, r.program().moments().get(k - 1).value(), 1e-8 * fc);
    }
  }

  @Test
  void freeMomentsOfADepth3LinearNetworkAreFussCatalanWithEdge() {
    SpectrumReport r = run(Networks.linear(3, 1), 8, false);
    for (int k = 1; k <= 8; k++) {
      double fc = FreeProductTest.fussCatalan(3, k);
      assertEquals(fc, r.free().moments().get(k - 1).value(), 1e-13 * fc);
    }
    assertEquals(256.0 / 27, r.free().lambdaMax(), 1e-12);
    assertEquals(1, r.free().support().size());
    assertEquals(256.0 / 27, r.free().support().get(0).hi(), 1e-8);
  }

  @Test
  void orthogonalLinearNetworkIsThePointMassAndHasNoProgramMoments() {
    SpectrumReport r = run(Networks.linear(3, 1.2), 4, true);
    assertNull(r.program(), "the Master Theorem is for Gaussian matrices");
    assertTrue(r.programNote().contains("Gaussian"), r.programNote());
    assertTrue(r.free().pointMass());
    assertEquals(Math.pow(1.2, 3), r.free().lambdaMax(), 1e-14);
    for (int k = 1; k <= 4; k++) {
      assertEquals(Math.pow(1.2, 3 * k), r.free().moments().get(k - 1).value(), 1e-13);
    }
  }

  @Test
  void reportedFreeMomentErrorsBoundTheActualErrorOfASmoothLaw() {
    // erf MLP: the D-laws come from quadrature. Oracle: the non-crossing-partition product of
    // the same factors with the D-laws' moments from an independent Simpson rule
    SpectrumReport r = run(Networks.mlp(3, "erf", 1.1, 0.25), 5, false);
    List<double[]> laws = new ArrayList<>();
    for (SpectralFactor f : r.free().factors()) {
      double[] m = new double[5];
      for (int k = 1; k <= 5; k++) {
        m[k - 1] = f instanceof SpectralFactor.DiscreteLaw ? erfLawMoment(f, k) : f.moment(k);
      }
      laws.add(m);
    }
    double[] oracle = NoncrossingOracle.product(laws);
    for (int k = 1; k <= 5; k++) {
      Estimate e = r.free().moments().get(k - 1);
      assertTrue(Math.abs(e.value() - oracle[k - 1]) <= e.error() + 1e-13 * oracle[k - 1],
          "τ_" + k + " = " + e + " vs " + oracle[k - 1]);
    }
  }

  /** E[(4/π)^k e^{−2k h²}] = (4/π)^k/√(1 + 4kq), with q read off the factor's label. */
  static double erfLawMoment(SpectralFactor f, int k) {
    String label = f.label();
    String q = label.substring(label.indexOf("~ N(") + 4, label.lastIndexOf(')'));
    q = q.substring(q.indexOf(',') + 1).trim();
    // the label shows 3 digits; recompute q from the first moment instead: m1 = (4/π)/√(1+4q)
    double m1 = f.moment(1);
    double qq = ((4 / Math.PI / m1) * (4 / Math.PI / m1) - 1) / 4;
    assertEquals(Double.parseDouble(q), qq, 5e-3 * qq);
    return Math.pow(4 / Math.PI, k) / Math.sqrt(1 + 4 * k * qq);
  }

  @Test
  void aResidualNetworkHasProgramMomentsButNoFreeProduct() {
    SpectrumReport r = SpectrumAnalysis.run(Networks.residual(), SpectrumOptions.defaults()
        .withEnds("h1", "h2").withMoments(2).withWidth(512).withGridPoints(20));
    assertNull(r.free());
    assertTrue(r.freeNote().contains("not applicable"), r.freeNote());
    assertNotNull(r.program());
    // J = I + W2 D: τ_1 = 1 + 2 E[Z^? …] — τ_1 = (1/n) tr((I + W2D)ᵀ(I + W2D)) = 1 + σ² p = 1.5
    // (the cross terms have trace 0); the finite-width value at n = 512 within the program's
    // error plus 6·(1/(2√n))·σ² (the active fraction's spread)
    Estimate tau1 = r.program().moments().get(0);
    assertEquals(1.5, tau1.value(), 6 * tau1.error() + 1e-8);
    double finite = r.finite().moments(1)[0];
    assertEquals(1.5, finite, 6 * 0.5 / Math.sqrt(512) + 0.01);
  }

  @Test
  void cancellationStopsTheAnalysis() {
    CancellationToken t = new CancellationToken();
    t.cancel();
    assertThrows(CancellationException.class, () -> SpectrumAnalysis.run(Networks.wishart(1),
        SpectrumOptions.defaults(), org.tpe.limit.ProgressListener.NONE, t));
  }
}
