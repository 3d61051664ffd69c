package org.tpe.limit.calculus;

import java.util.List;
import org.tpe.limit.CoordinateStatistics;
import org.tpe.limit.Estimate;
import org.tpe.model.MatMul;
import org.tpe.model.Program;

/**
 * The limit quantities of one MatMul h := W x by the ZMatMul rule (TP IIb App. B; seeds/004,
 * "Netsor⊤ Master Theorem"): Z^h = Ẑ^h + Ż^h, where Ẑ^h is Gaussian with mean 0 and, within the
 * {@link MatrixFamily} of W, Cov(Ẑ^h, Ẑ^h') = σ² E[Z^x Z^x'] for h' := W x' (ZHat), and Ż^h is the
 * ZDot correction the program's {@link ZDotStructure} decides. These read the limits already
 * computed for the program; they add no integral.
 *
 * @param matMul the MatMul h := W x
 * @param family the family of W (with its σ²), or null when W is not a declared matrix
 */
public record ZMatMul(MatMul matMul, MatrixFamily family) {
  /** The rule for the MatMul {@code mm} of {@code program}. */
  public static ZMatMul of(Program program, MatMul mm) {
    return new ZMatMul(mm, MatrixFamily.of(program).stream().filter(f -> f.contains(mm))
        .findFirst().orElse(null));
  }

  /** σ² of the matrix, or null when it is not declared. */
  public Double sigma2() {
    return family == null ? null : family.sigma2();
  }

  /** The other MatMuls of the family of W, in program order (none without a family). */
  public List<MatMul> others() {
    return family == null ? List.of() : family.matMuls().stream()
        .filter(o -> !o.target().equals(matMul.target())).toList();
  }

  /** Var Ẑ^h = σ² E[(Z^x)²] (ZHat), or null without σ² or E[(Z^x)²] in {@code stats}. */
  public Estimate hatVariance(CoordinateStatistics stats) {
    Double s2 = sigma2();
    Estimate xx = s2 == null ? null : stats.meanSquare(matMul.argument());
    return xx == null ? null : xx.scaled(s2);
  }

  /**
   * Cov(Ẑ^h, Ẑ^h') = σ² E[Z^x Z^x'] for {@code other} = (h' := W x') of the same family (ZHat), or
   * null without σ² or E[Z^x Z^x'] in {@code stats}.
   */
  public Estimate hatCovariance(MatMul other, CoordinateStatistics stats) {
    if (family == null || !family.contains(other)) {
      throw new IllegalArgumentException(other.target() + " is not a MatMul by the matrix of "
          + matMul.target());
    }
    Estimate c = stats.cross(matMul.argument(), other.argument());
    return c == null ? null : c.scaled(family.sigma2());
  }

  /**
   * E[(Z^h)²] − Var Ẑ^h = E[(Ż^h)²] + 2 E[Ẑ^h Ż^h]: what ZDot adds to the second moment of h (0
   * up to the errors when every ZDot term vanishes), or null when either is missing.
   */
  public Estimate zDotShare(CoordinateStatistics stats) {
    Estimate hat = hatVariance(stats);
    Estimate hh = stats.meanSquare(matMul.target());
    return hat == null || hh == null ? null : hh.minus(hat);
  }
}
