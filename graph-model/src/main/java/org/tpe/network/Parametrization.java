package org.tpe.network;

import java.util.Objects;
import org.tpe.expr.ExprPrinter;

/**
 * How a trainable parameter scales with the width n: an abc-parametrization (TP IV §3; seeds/004
 * eqs. (6)–(7)). The parameter used by the network is {@code n^{-a} w}, the trainable {@code w}
 * is initialised with entries N(0, σ² n^{-2b}), and its learning rate is {@code η n^{-c}}.
 *
 * <p>The named schemes give the exponents by {@link Role} (seeds/004, "Apply maximal update
 * parameterization" and "Compare with other parameterizations"):
 *
 * <table>
 *   <caption>exponents (a, b, c)</caption>
 *   <tr><th></th><th>input layer U, bias</th><th>hidden W</th><th>readout v</th></tr>
 *   <tr><td>ntk</td><td>(0, 0, 0)</td><td>(1/2, 0, 0)</td><td>(1/2, 0, 0)</td></tr>
 *   <tr><td>standard</td><td>(0, 0, 0)</td><td>(0, 1/2, 0)</td><td>(0, 1/2, 0)</td></tr>
 *   <tr><td>mup</td><td>(−1/2, 1/2, 0)</td><td>(0, 1/2, 0)</td><td>(1/2, 1/2, 0)</td></tr>
 * </table>
 *
 * <p>The program holds the parameters at initialisation with their entries normalised: a matrix
 * has entries N(0, σ²/n) (so a + b = 1/2 for a hidden matrix), a bias or an embedding vector has
 * coordinates of order 1 (a + b = 0), and the readout vector v of the program has coordinates of
 * order 1 while the output is f = n^{-s} vᵀx with s = a + b of the readout (1/2 in NTK and
 * standard parametrization, 1 in μP). {@code NetworkValidator} checks that a parameter's a + b
 * agrees with its role.
 *
 * @param scheme the named scheme, or {@link Scheme#ABC} for explicit exponents
 * @param a the multiplier exponent (only for {@link Scheme#ABC}; NaN otherwise)
 * @param b the initialisation exponent (only for {@link Scheme#ABC}; NaN otherwise)
 * @param c the learning-rate exponent (only for {@link Scheme#ABC}; NaN otherwise)
 */
public record Parametrization(Scheme scheme, double a, double b, double c) {

  /** The parametrization schemes of TP IV. */
  public enum Scheme {
    /** Neural tangent parametrization (Jacot et al. 2018): W = w/√n, w ~ N(0, σ²). */
    NTK("ntk"),
    /** Standard parametrization: W = w, w ~ N(0, σ²/n). */
    STANDARD("standard"),
    /** Maximal update parametrization (TP IV; seeds/004 eq. (6)). */
    MUP("mup"),
    /** Explicit exponents a, b, c. */
    ABC("abc");

    private final String keyword;

    Scheme(String keyword) {
      this.keyword = keyword;
    }

    /** The word of the {@code .tp} text. */
    public String keyword() {
      return keyword;
    }

    /** The scheme with this keyword, or null. */
    public static Scheme byKeyword(String k) {
      for (Scheme s : values()) {
        if (s.keyword.equals(k)) {
          return s;
        }
      }
      return null;
    }
  }

  /** The exponents of one parameter. */
  public record Abc(double a, double b, double c) {
    /** a + b: the parameter's entries at initialisation are of size n^{-(a+b)}. */
    public double initScale() {
      return a + b;
    }
  }

  public static final Parametrization NTK = new Parametrization(Scheme.NTK, Double.NaN,
      Double.NaN, Double.NaN);
  public static final Parametrization STANDARD = new Parametrization(Scheme.STANDARD, Double.NaN,
      Double.NaN, Double.NaN);
  public static final Parametrization MUP = new Parametrization(Scheme.MUP, Double.NaN,
      Double.NaN, Double.NaN);

  public Parametrization {
    Objects.requireNonNull(scheme, "scheme");
    if (scheme == Scheme.ABC) {
      if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c))) {
        throw new IllegalArgumentException("abc exponents must be finite: " + a + ", " + b
            + ", " + c);
      }
      a += 0.0;
      b += 0.0;
      c += 0.0;
    } else {
      a = Double.NaN;
      b = Double.NaN;
      c = Double.NaN;
    }
  }

  /** Explicit exponents. */
  public static Parametrization abc(double a, double b, double c) {
    return new Parametrization(Scheme.ABC, a, b, c);
  }

  /** A named scheme. */
  public static Parametrization of(Scheme s) {
    return switch (s) {
      case NTK -> NTK;
      case STANDARD -> STANDARD;
      case MUP -> MUP;
      case ABC -> throw new IllegalArgumentException("abc needs its exponents");
    };
  }

  /** The exponents this parametrization gives a parameter of role {@code role}. */
  public Abc exponents(Role role) {
    return switch (scheme) {
      case ABC -> new Abc(a, b, c);
      case NTK -> role == Role.HIDDEN || role == Role.READOUT ? new Abc(0.5, 0, 0)
          : new Abc(0, 0, 0);
      case STANDARD -> role == Role.HIDDEN || role == Role.READOUT ? new Abc(0, 0.5, 0)
          : new Abc(0, 0, 0);
      case MUP -> switch (role) {
        case HIDDEN -> new Abc(0, 0.5, 0);
        case READOUT -> new Abc(0.5, 0.5, 0);
        default -> new Abc(-0.5, 0.5, 0);
      };
    };
  }

  /** The initialisation exponent a + b the program's normalisation implies for a role. */
  public static double programInitScale(Role role) {
    return role == Role.HIDDEN ? 0.5 : 0.0;
  }

  /**
   * The exponent e of n in this parameter's term of the tangent kernel n^{-c}⟨∇_w f(ξ), ∇_w
   * f(ξ̄)⟩, with {@code s} the readout's a + b (f = n^{-s} vᵀx). With the program's normalised
   * quantities (dh = n^s ∂f/∂h, x, v of order 1) the term is n^e times a width-independent
   * limit: e = 2 − 2s − 2a − c for a hidden matrix (two sums over n in (dh·dh̄)(x·x̄)), 1 − 2s −
   * 2a − c for an input layer or a bias (one sum over n), and 1 − 2a − c for the readout. In NTK
   * parametrization and in μP every e is 0; in standard parametrization the hidden matrices and
   * the readout have e = 1 (the kernel grows like n unless the learning rate shrinks like 1/n).
   * It is the parameter's {@link #updateExponent} plus the output's {@link #outputExponent}: the
   * change of f is n^{1−s} times the average of v against the change of x.
   */
  public static double kernelExponent(Role role, Abc p, double s) {
    return updateExponent(role, p, s) + outputExponent(s);
  }

  /**
   * The exponent e of n in one SGD step's change of a parameter as the program sees it (TP IV
   * §3; seeds/004 eqs. (7)–(9)): with learning rate η n^{-c} on the trainable w of W = n^{-a} w,
   * the multiplier changes by −η n^{-c-2a} χ ∂f/∂W, and with the program's normalised gradients
   * (dh = n^s ∂f/∂h of order 1, f = n^{-s} vᵀx) the change of every vector it produces is n^e
   * times an order-1 vector:
   *
   * <ul>
   *   <li>a hidden matrix, h = W x: ΔW x̄ = −η n^e χ dh (xᵀx̄/n) with e = 1 − c − 2a − s (seeds/004
   *       eq. (9): 0 in μP, −1/2 in NTK parametrization, +1/2 in standard parametrization);
   *   <li>an input layer or a bias: Δ(Uξ̄/√d) = −η n^e χ dh (ξ·ξ̄/d), Δb = −η n^e χ db with e =
   *       −c − 2a − s;
   *   <li>the readout weights v of the program (the multiplier is n^{-s} v): Δv = −η n^e χ x with
   *       e = s − c − 2a.
   * </ul>
   */
  public static double updateExponent(Role role, Abc p, double s) {
    return switch (role) {
      case HIDDEN -> 1 - p.c() - 2 * p.a() - s;
      case INPUT, BIAS -> -p.c() - 2 * p.a() - s;
      case READOUT -> s - p.c() - 2 * p.a();
    };
  }

  /**
   * The exponent 1 − s of the output f = n^{1−s} · (1/n) Σ_α v_α x_α, the average the program
   * computes, for a readout with a + b = s: 1/2 in NTK and standard parametrization (f is an
   * order-1 Gaussian process sample at initialisation), 0 in μP (f → 0 at initialisation).
   */
  public static double outputExponent(double s) {
    return 1 - s;
  }

  /** The {@code .tp} text: {@code ntk}, {@code standard}, {@code mup} or {@code abc(a, b, c)}. */
  public String text() {
    if (scheme != Scheme.ABC) {
      return scheme.keyword();
    }
    return "abc(" + ExprPrinter.number(a) + ", " + ExprPrinter.number(b) + ", "
        + ExprPrinter.number(c) + ")";
  }

  @Override
  public boolean equals(Object o) {
    // NaN exponents of the named schemes compare equal (records compare doubles with ==)
    return o instanceof Parametrization p && p.scheme == scheme && (scheme != Scheme.ABC
        || (Double.compare(p.a, a) == 0 && Double.compare(p.b, b) == 0
        && Double.compare(p.c, c) == 0));
  }

  @Override
  public int hashCode() {
    return scheme == Scheme.ABC ? Objects.hash(scheme, a, b, c) : scheme.hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
