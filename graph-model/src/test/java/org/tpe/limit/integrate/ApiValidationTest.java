package org.tpe.limit.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tpe.limit.CancellationToken;

/** Bad input to the integration API is refused with a message that names what is wrong. */
class ApiValidationTest {
  private static void refused(Executable e, String says) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
    assertTrue(x.getMessage().contains(says), x.getMessage());
  }

  @Test
  void hyperplanesNeedAFiniteNonZeroNormal() {
    refused(() -> Hyperplane.of(0, 0, 0), "normal is 0");
    refused(() -> Hyperplane.of(0), "dimension ≥ 1");
    refused(() -> Hyperplane.of(Double.NaN, 1), "offset is not finite");
    refused(() -> Hyperplane.of(0, 1, Double.POSITIVE_INFINITY), "not finite");
  }

  @Test
  void aHyperplaneIsAValueItsCallerCannotChange() {
    double[] n = {1, 2};
    Hyperplane h = new Hyperplane(n, 0.5);
    n[0] = 7;
    h.normal()[1] = 9;
    assertEquals(Hyperplane.of(0.5, 1, 2), h);
    assertEquals(Hyperplane.of(0.5, 1, 2).hashCode(), h.hashCode());
  }

  @Test
  void tolerancesAndResultsAreChecked() {
    refused(() -> Tolerance.of(-1, 0), "≥ 0");
    refused(() -> Tolerance.of(0, Double.NaN), "≥ 0");
    refused(() -> new Tolerance(0, 1e-6, 0), "maxEvaluations");
    refused(() -> new IntegrationResult(Double.NaN, 0, "m", 1), "finite");
    refused(() -> new IntegrationResult(1, -1, "m", 1), "error");
    refused(() -> new IntegrationResult(1, 0, " ", 1), "method");
    assertEquals(3e-6, Tolerance.of(1e-9, 1e-6).allowedError(-3), 1e-21);
  }

  @Test
  void anIntegrandsKinksMustHaveItsDimension() {
    refused(() -> GaussianIntegrand.of(2, z -> 0, List.of(Hyperplane.of(0, 1)),
        Smoothness.UNKNOWN), "dimension 1");
    refused(() -> GaussianIntegrand.of(-1, z -> 0), "≥ 0");
  }

  @Test
  void theQuadratureSaysWhichDimensionsItTakes() {
    refused(() -> new NestedGaussKronrod().integrate(GaussianIntegrand.of(5, z -> 0),
        Tolerance.of(0, 1e-6), CancellationToken.NONE), "1 to 4 dimensions, not 5");
  }

  @Test
  void theDefaultBlockEvaluationCallsValuePerPoint() {
    GaussianIntegrand f = GaussianIntegrand.of(2, z -> z[0] - 2 * z[1]);
    double[] out = new double[3];
    f.values(new double[] {1, 0, 0, 1, 3, 3}, 3, out);
    assertEquals(List.of(1.0, -2.0, -3.0), List.of(out[0], out[1], out[2]));
  }
}
