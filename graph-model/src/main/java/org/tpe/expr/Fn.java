package org.tpe.expr;

import org.apache.commons.math3.special.Erf;

/**
 * The built-in functions of the expression language (DESIGN §4), with the analytic facts the
 * Master Theorems care about: differentiability, polynomial boundedness and pseudo-Lipschitzness.
 *
 * <p>Conventions at kinks: {@code step(x) = 1} for {@code x > 0} and {@code 0} otherwise; {@code
 * sign(0) = 0}. Derivatives of {@code relu}, {@code abs}, {@code min} and {@code max} are taken
 * almost everywhere (the set where they fail has Gaussian measure zero).
 */
public enum Fn {
  RELU("relu", 1, true, true, true),
  STEP("step", 1, false, true, false),
  SIGN("sign", 1, false, true, false),
  ABS("abs", 1, true, true, true),
  TANH("tanh", 1, true, true, true),
  ERF("erf", 1, true, true, true),
  SIGMOID("sigmoid", 1, true, true, true),
  GELU("gelu", 1, true, true, true),
  SOFTPLUS("softplus", 1, true, true, true),
  SIN("sin", 1, true, true, true),
  COS("cos", 1, true, true, true),
  EXP("exp", 1, true, false, false),
  LOG("log", 1, true, false, false),
  SQRT("sqrt", 1, true, true, false),
  ID("id", 1, true, true, true),
  MIN("min", 2, true, true, true),
  MAX("max", 2, true, true, true),
  POW("pow", 2, true, false, false);

  private final String symbol;
  private final int arity;
  private final boolean differentiable;
  private final boolean polynomiallyBounded;
  private final boolean pseudoLipschitz;

  Fn(String symbol, int arity, boolean differentiable, boolean polynomiallyBounded,
      boolean pseudoLipschitz) {
    this.symbol = symbol;
    this.arity = arity;
    this.differentiable = differentiable;
    this.polynomiallyBounded = polynomiallyBounded;
    this.pseudoLipschitz = pseudoLipschitz;
  }

  /** The name used in the {@code .tp} text. */
  public String symbol() {
    return symbol;
  }

  /** Number of arguments the function takes. */
  public int arity() {
    return arity;
  }

  /** Whether the function has a derivative almost everywhere that is not a.e. zero-with-jumps. */
  public boolean differentiable() {
    return differentiable;
  }

  /** |f(x)| ≤ C(1 + |x|^p): the hypothesis of the Netsor⊤ Master Theorem. */
  public boolean polynomiallyBounded() {
    return polynomiallyBounded;
  }

  /** Pseudo-Lipschitz (TP IIb App. B): the hypothesis under which ZDot holds in derivative form. */
  public boolean pseudoLipschitz() {
    return pseudoLipschitz;
  }

  /** Looks a function up by its {@code .tp} name, or returns {@code null}. */
  public static Fn bySymbol(String name) {
    // most names the parser asks about are variables (x12, h3): told apart by their length or
    // first letter without hashing them
    if (name == null || name.length() < SHORTEST || name.length() > LONGEST) {
      return null;
    }
    char c = name.charAt(0);
    if (c >= 128 || (FIRST_LETTERS[c >> 6] & 1L << (c & 63)) == 0) {
      return null;
    }
    return BY_SYMBOL.get(name);
  }

  /** Every function by its symbol: a lookup per name the parser reads, not a scan. */
  private static final java.util.Map<String, Fn> BY_SYMBOL;
  /** The lengths of the shortest and longest symbols. */
  private static final int SHORTEST;
  private static final int LONGEST;
  /** The first characters of the symbols (all ASCII), as a 128-bit set. */
  private static final long[] FIRST_LETTERS = new long[2];

  static {
    java.util.Map<String, Fn> m = new java.util.HashMap<>();
    int shortest = Integer.MAX_VALUE;
    int longest = 0;
    for (Fn f : values()) {
      m.putIfAbsent(f.symbol, f);
      shortest = Math.min(shortest, f.symbol.length());
      longest = Math.max(longest, f.symbol.length());
      char c = f.symbol.charAt(0);
      if (c >= 128) {
        throw new ExceptionInInitializerError("a function symbol must start with ASCII: " + f);
      }
      FIRST_LETTERS[c >> 6] |= 1L << (c & 63);
    }
    BY_SYMBOL = java.util.Map.copyOf(m);
    SHORTEST = shortest;
    LONGEST = longest;
  }

  private static final double SQRT_HALF = Math.sqrt(0.5);

  /** Applies a one-argument function. */
  public double apply(double x) {
    switch (this) {
      case RELU:
        return x > 0 ? x : 0.0;
      case STEP:
        return x > 0 ? 1.0 : 0.0;
      case SIGN:
        return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
      case ABS:
        return Math.abs(x);
      case TANH:
        return Math.tanh(x);
      case ERF:
        return erf(x);
      case SIGMOID:
        return x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
      case GELU:
        return 0.5 * x * (1.0 + erf(x * SQRT_HALF));
      case SOFTPLUS:
        return x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
      case SIN:
        return Math.sin(x);
      case COS:
        return Math.cos(x);
      case EXP:
        return Math.exp(x);
      case LOG:
        return Math.log(x);
      case SQRT:
        return Math.sqrt(x);
      case ID:
        return x;
      default:
        throw new IllegalArgumentException(symbol + " takes " + arity + " arguments");
    }
  }

  /** Applies a two-argument function. */
  public double apply(double x, double y) {
    switch (this) {
      case MIN:
        return Math.min(x, y);
      case MAX:
        return Math.max(x, y);
      case POW:
        return Math.pow(x, y);
      default:
        throw new IllegalArgumentException(symbol + " takes " + arity + " argument");
    }
  }

  /**
   * The error function, accurate to about 1e-15 absolute. Small |x| uses the Maclaurin series
   * (fast and exact to rounding); larger |x| falls back to Commons Math's continued fraction.
   */
  public static double erf(double x) {
    double ax = Math.abs(x);
    if (ax < 0.5) {
      // erf x = 2/sqrt(pi) * sum (-1)^k x^(2k+1) / (k! (2k+1)); 12 terms reach 1e-17 for |x|<0.5
      double x2 = x * x;
      double term = x;
      double sum = x;
      for (int k = 1; k < 14; k++) {
        term *= -x2 / k;
        sum += term / (2 * k + 1);
      }
      return sum * 1.1283791670955126;
    }
    if (ax > 6.0) {
      return Math.copySign(1.0, x);
    }
    return Erf.erf(x);
  }
}
