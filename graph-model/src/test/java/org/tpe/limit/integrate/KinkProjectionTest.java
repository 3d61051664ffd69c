package org.tpe.limit.integrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where each level of a nested integration is non-smooth, given the kink hyperplanes. */
class KinkProjectionTest {
  private static boolean contains(double[] xs, double x) {
    return Arrays.stream(xs).anyMatch(v -> Math.abs(v - x) < 1e-12);
  }

  @Test
  void twoLinesBreakTheInnerLevelWhereTheyAreCrossedAndTheOuterWhereTheyMeet() {
    // 2z0 − z1 + 1 = 0 and z0 + z1 − 2 = 0: z1 = 2z0 + 1 and z1 = 2 − z0, meeting at z0 = 1/3
    KinkProjection p = KinkProjection.of(List.of(Hyperplane.of(1, 2, -1),
        Hyperplane.of(-2, 1, 1)), 2);
    double[] inner = p.breakpoints(1, new double[] {0.5, 0});
    assertTrue(contains(inner, 2) && contains(inner, 1.5), Arrays.toString(inner));
    assertTrue(contains(p.breakpoints(0, new double[2]), 1.0 / 3));
  }

  @Test
  void parallelLinesNeverMeet() {
    KinkProjection p = KinkProjection.of(List.of(Hyperplane.of(0, 1, 1),
        Hyperplane.of(-1, 2, 2)), 2);
    assertEquals(0, p.breakpoints(0, new double[2]).length);
    assertEquals(2, p.breakpoints(1, new double[2]).length);
  }

  @Test
  void aKinkThatDoesNotInvolveTheInnerCoordinateBreaksTheOuterLevelOnly() {
    KinkProjection p = KinkProjection.of(List.of(Hyperplane.of(-0.7, 2, 0)), 2);
    assertEquals(0, p.breakpoints(1, new double[2]).length);
    assertTrue(contains(p.breakpoints(0, new double[2]), 0.35));
  }

  @Test
  void threePlanesProjectTheirCommonPointToTheOutermostLevel() {
    // z0 + z1 + z2 = 1, z0 = z2, z1 = z2 meet at (1/3, 1/3, 1/3)
    KinkProjection p = KinkProjection.of(List.of(Hyperplane.of(-1, 1, 1, 1),
        Hyperplane.of(0, 1, 0, -1), Hyperplane.of(0, 0, 1, -1)), 3);
    assertTrue(contains(p.breakpoints(0, new double[3]), 1.0 / 3),
        Arrays.toString(p.breakpoints(0, new double[3])));
    // at z0 = 1/3 the pairwise crossing lines meet the middle level at z1 = 1/3
    assertTrue(contains(p.breakpoints(1, new double[] {1.0 / 3, 0, 0}), 1.0 / 3));
    assertEquals(3, p.breakpoints(2, new double[3]).length);
  }

  @Test
  void duplicateKinksAreKeptOnce() {
    KinkProjection p = KinkProjection.of(List.of(Hyperplane.of(0.5, 1, 2),
        Hyperplane.of(1, 2, 4)), 2);
    assertEquals(1, p.breakpoints(1, new double[2]).length);
  }
}
