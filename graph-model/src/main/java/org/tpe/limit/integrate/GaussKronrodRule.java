package org.tpe.limit.integrate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The 21-point Gauss–Kronrod rule on [−1, 1] and its embedded 10-point Gauss–Legendre rule
 * (QUADPACK's qk21; Piessens et al. 1983, constants by Fullerton to 33 digits). The Kronrod rule
 * is exact for polynomials of degree 31, the Gauss rule for degree 19.
 *
 * <p>For error estimation, the same 21 values also give the coefficients c_m of their degree-20
 * interpolant in the orthonormal Legendre basis p_m = √((2m + 1)/2)·P_m: {@link #coefficients}
 * holds the rows for m = {@value #FIRST_HIGH} … 20, the null rules of Berntsen &amp; Espelid
 * (1991) (they vanish on polynomials of lower degree), and {@link #AT_LEFT}/{@link #AT_RIGHT} the
 * interpolant's values at ∓1 (the Lagrange extrapolation to the ends, Lebesgue sum ≈ 4.2).
 */
final class GaussKronrodRule {
  /** Nodes, ascending; the Gauss nodes are those with odd index. */
  static final double[] NODES;
  /** Kronrod weights, summing to 2. */
  static final double[] KRONROD;
  /** Gauss weights at the same positions (0 at the Kronrod-only nodes), summing to 2. */
  static final double[] GAUSS;
  static final int SIZE = 21;

  private static final double[] XGK = {0.995657163025808080735527280689003,
      0.973906528517171720077964012084452, 0.930157491355708226001207180059508,
      0.865063366688984510732096688423493, 0.780817726586416897063717578345042,
      0.679409568299024406234327365114874, 0.562757134668604683339000099272694,
      0.433395394129247190799265943165784, 0.294392862701460198131126603103866,
      0.148874338981631210884826001129720, 0.0};
  private static final double[] WGK = {0.011694638867371874278064396062192,
      0.032558162307964727478818972459390, 0.054755896574351996031381300244580,
      0.075039674810919952767043140916190, 0.093125454583697605535065465083366,
      0.109387158802297641899210590325805, 0.123491976262065851077958109831074,
      0.134709217311473325928054001771707, 0.142775938577060080797094273138717,
      0.147739104901338491374841515972068, 0.149445554002916905664936468389821};
  private static final double[] WG = {0.066671344308688137593568809893332,
      0.149451349150580593145776339657697, 0.219086362515982043995534934228163,
      0.269266719309996355091226921569469, 0.295524224714752870173892994651338};

  /** The lowest Legendre degree whose coefficient is kept. */
  static final int FIRST_HIGH = 15;
  /** HIGH[m − FIRST_HIGH][j]: c_m = Σ_j HIGH[m − FIRST_HIGH][j]·f(x_j). */
  static final double[][] HIGH;
  /** Interpolant at −1: Σ_j AT_LEFT[j]·f(x_j). */
  static final double[] AT_LEFT;
  /** Interpolant at +1. */
  static final double[] AT_RIGHT;

  static {
    NODES = new double[SIZE];
    KRONROD = new double[SIZE];
    GAUSS = new double[SIZE];
    for (int j = 0; j < 11; j++) {
      // XGK[j] descends to 0; position j holds −XGK[j], position 20 − j holds +XGK[j].
      NODES[j] = -XGK[j];
      NODES[SIZE - 1 - j] = XGK[j];
      KRONROD[j] = WGK[j];
      KRONROD[SIZE - 1 - j] = WGK[j];
      if (j % 2 == 1) { // XGK[1], XGK[3], … are the Gauss nodes
        GAUSS[j] = WG[j / 2];
        GAUSS[SIZE - 1 - j] = WG[j / 2];
      }
    }
    double[][] v = new double[SIZE][SIZE];
    for (int j = 0; j < SIZE; j++) {
      v[j] = orthonormalLegendre(NODES[j]);
    }
    RealMatrix inverse = new LUDecomposition(new Array2DRowRealMatrix(v)).getSolver().getInverse();
    HIGH = new double[SIZE - FIRST_HIGH][SIZE];
    for (int m = FIRST_HIGH; m < SIZE; m++) {
      HIGH[m - FIRST_HIGH] = inverse.getRow(m);
    }
    double[] left = orthonormalLegendre(-1);
    double[] right = orthonormalLegendre(1);
    AT_LEFT = new double[SIZE];
    AT_RIGHT = new double[SIZE];
    for (int j = 0; j < SIZE; j++) {
      for (int m = 0; m < SIZE; m++) {
        AT_LEFT[j] += left[m] * inverse.getEntry(m, j);
        AT_RIGHT[j] += right[m] * inverse.getEntry(m, j);
      }
    }
  }

  /** p_0(x) … p_20(x), by the three-term recurrence. */
  static double[] orthonormalLegendre(double x) {
    double[] p = new double[SIZE];
    double prev = 1;
    double cur = x;
    p[0] = 1;
    p[1] = x;
    for (int k = 2; k < SIZE; k++) {
      double next = ((2 * k - 1) * x * cur - (k - 1) * prev) / k;
      prev = cur;
      cur = next;
      p[k] = cur;
    }
    for (int m = 0; m < SIZE; m++) {
      p[m] *= Math.sqrt((2 * m + 1) / 2.0);
    }
    return p;
  }

  private GaussKronrodRule() {}
}
