package org.tpe.limit.exact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tpe.expr.Expr;
import org.tpe.limit.Estimate;
import org.tpe.limit.calculus.ZDotTerm;

/**
 * Every vector's Z as an expression over the base Gaussians (TP IIb App. B, Def. B.3): the initial
 * Z's (named {@code Z^u}) and one Ẑ per MatMul (named {@code Ẑ^h}), with ZDot written out, Z^{Wx} =
 * Ẑ^{Wx} + Σᵢ cᵢ Z^{yᵢ}, cᵢ = σ_W² E[∂Z^x/∂Ẑ^{Wᵀyᵢ}] computed in the Stein form C⁺b (Remark B.6),
 * and the ZHat covariances Cov(Ẑ^{Wx}, Ẑ^{Wy}) = σ_W² E[Z^x Z^y]. Each number carries its error.
 * Immutable; built by the exact engine.
 *
 * <p>In {@link #z(String)} a reference named {@code Z^x} for a non-initial x stands for the Z of
 * vector x, kept by name because substituting it would make the expression too large (see
 * {@link #definition(String)}).
 */
public final class SymbolicZ {
  /** A base Gaussian: an initial Z or a Ẑ. */
  public record BaseGaussian(String name, Kind kind, String vector, String family, double mean) {
    /** ZInit or ZHat. */
    public enum Kind {
      INITIAL,
      ZHAT
    }

    public BaseGaussian {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(vector, "vector");
    }
  }

  /**
   * A ZDot coefficient: the term of Ż^{term.matMul()} in Z^{term.opposite().argument()}.
   *
   * @param term the term and the rule that decided it
   * @param expectedDerivative E[∂Z^x/∂Ẑ^{g}], i.e. (C⁺b)ᵢ
   * @param value cᵢ = σ_W² (C⁺b)ᵢ
   */
  public record ZDotCoefficient(ZDotTerm term, Estimate expectedDerivative, Estimate value) {}

  /**
   * Cov(Ẑ^{a}, Ẑ^{b}) = σ_W² E[Z^x Z^y] for two MatMuls a = Wx, b = Wy of one family.
   *
   * @param a the later MatMul
   * @param b the earlier one (or a itself: the variance)
   * @param family W or W^T
   * @param sigma2 σ_W²
   * @param secondMoment E[Z^x Z^y]
   * @param value the covariance
   */
  public record ZHatCovariance(String a, String b, String family, double sigma2,
      Estimate secondMoment, Estimate value) {}

  private final List<BaseGaussian> bases;
  private final Map<String, Expr> z;
  private final Map<String, Expr> definitions;
  private final Map<String, List<ZDotCoefficient>> zDot;
  private final Map<String, List<ZHatCovariance>> zHat;

  SymbolicZ(List<BaseGaussian> bases, Map<String, Expr> z, Map<String, Expr> definitions,
      Map<String, List<ZDotCoefficient>> zDot, Map<String, List<ZHatCovariance>> zHat) {
    this.bases = List.copyOf(bases);
    this.z = Collections.unmodifiableMap(new LinkedHashMap<>(z));
    this.definitions = Collections.unmodifiableMap(new LinkedHashMap<>(definitions));
    Map<String, List<ZDotCoefficient>> d = new LinkedHashMap<>();
    zDot.forEach((k, v) -> d.put(k, List.copyOf(v)));
    this.zDot = Collections.unmodifiableMap(d);
    Map<String, List<ZHatCovariance>> h = new LinkedHashMap<>();
    zHat.forEach((k, v) -> h.put(k, List.copyOf(v)));
    this.zHat = Collections.unmodifiableMap(h);
  }

  /** The base Gaussians, in program order. */
  public List<BaseGaussian> bases() {
    return bases;
  }

  /** The base Gaussian named {@code name}, or null. */
  public BaseGaussian base(String name) {
    return bases.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
  }

  /** Z of a vector as an expression over the base Gaussians (scalars by their limits). */
  public Expr z(String vector) {
    return z.get(vector);
  }

  /**
   * Z of a vector by its own statement over the Z's it reads directly (Z^{Wx} = Ẑ^{Wx} + Σ cᵢ
   * Z^{yᵢ}, Z^{φ(g)} = φ(Z^g)), references named {@code Z^y} or by base name.
   */
  public Expr definition(String vector) {
    return definitions.get(vector);
  }

  /** The vectors of the program, in order. */
  public List<String> vectors() {
    return List.copyOf(z.keySet());
  }

  /** The ZDot coefficients of a MatMul that had terms to compute (empty otherwise). */
  public List<ZDotCoefficient> zDot(String matMul) {
    return zDot.getOrDefault(matMul, List.of());
  }

  /** The ZHat covariances of a MatMul with itself and the earlier members of its family. */
  public List<ZHatCovariance> zHat(String matMul) {
    return zHat.getOrDefault(matMul, List.of());
  }

  /** Every ZDot coefficient computed, in program order. */
  public List<ZDotCoefficient> allZDot() {
    return zDot.values().stream().flatMap(List::stream).toList();
  }
}
