package org.tpe.limit.integrate;

/**
 * One piece [a, b] of the partition of a {@link GaussKronrodLine} integration, with its Kronrod
 * value and error terms, linked to its neighbours. Mutable only while it is out of the run's
 * priority queue (its error is the queue's key).
 */
final class LinePiece {
  private static final int N = GaussKronrodRule.SIZE;

  final long id;
  final double a;
  final double b;
  final double kronrod;
  double quadrature; // max(own estimate, refinement difference at its creation)
  final double inner;
  final double rounding;
  final double floor; // rounding, own and inherited from g's values
  double noise; // the largest error estimate the errors of g's values could produce
  final double atA; // the interpolant of gφ extrapolated to a and b
  final double atB;
  final double atANoise; // how far the errors of g's values can move atA, atB
  final double atBNoise;
  // |g|φ and abscissae of the two outermost nodes at each end, for the tail extrapolation
  final double xl0;
  final double yl0;
  final double xl1;
  final double yl1;
  final double xr1;
  final double yr1;
  final double xr0;
  final double yr0;
  LinePiece prev;
  LinePiece next;
  boolean declaredA; // a is a declared kink (or the end): no hidden-jump check there
  double jumpA; // hidden-jump term of the boundary at a, shared with prev
  double jumpB;
  double jumpNoiseA; // what the values' errors alone could make those terms
  double jumpNoiseB;

  LinePiece(long id, double a, double b, double kronrod, double quadrature, double inner,
      double rounding, double floor, double noise, double atA, double atB, double atANoise,
      double atBNoise, double[] x, double[] y) {
    this.id = id;
    this.a = a;
    this.b = b;
    this.kronrod = kronrod;
    this.quadrature = quadrature;
    this.inner = inner;
    this.rounding = rounding;
    this.floor = floor;
    this.noise = noise;
    this.atA = atA;
    this.atB = atB;
    this.atANoise = atANoise;
    this.atBNoise = atBNoise;
    xl0 = x[0];
    yl0 = y[0];
    xl1 = x[1];
    yl1 = y[1];
    xr1 = x[N - 2];
    yr1 = y[N - 2];
    xr0 = x[N - 1];
    yr0 = y[N - 1];
  }

  /** What bisection can reduce: the rule's estimate and half of each boundary term. */
  double error() {
    return quadrature + 0.5 * (jumpA + jumpB);
  }

  /**
   * Whether bisection can help: the piece is wider than two doubles and its error is above
   * what rounding and the errors of g's values alone could make the estimates say (splitting
   * does not reduce those; an outer level of a nested rule would otherwise chase the noise of
   * its inner integrals).
   */
  boolean worthSplitting() {
    double c = 0.5 * (a + b);
    return c > a && c < b
        && error() > 2 * (rounding + noise + 0.5 * (jumpNoiseA + jumpNoiseB));
  }
}
