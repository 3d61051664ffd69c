package org.tpe.spectrum;

/** A complex number for the Stieltjes-inversion solvers (immutable; small and allocation-cheap). */
record Cx(double re, double im) {
  static final Cx ONE = new Cx(1, 0);

  static Cx real(double x) {
    return new Cx(x, 0);
  }

  Cx plus(Cx o) {
    return new Cx(re + o.re, im + o.im);
  }

  Cx plus(double x) {
    return new Cx(re + x, im);
  }

  Cx minus(Cx o) {
    return new Cx(re - o.re, im - o.im);
  }

  Cx times(Cx o) {
    return new Cx(re * o.re - im * o.im, re * o.im + im * o.re);
  }

  Cx times(double x) {
    return new Cx(re * x, im * x);
  }

  /** this / o, scaled to avoid overflow (Smith's algorithm). */
  Cx div(Cx o) {
    if (Math.abs(o.re) >= Math.abs(o.im)) {
      double r = o.im / o.re;
      double d = o.re + o.im * r;
      return new Cx((re + im * r) / d, (im - re * r) / d);
    }
    double r = o.re / o.im;
    double d = o.re * r + o.im;
    return new Cx((re * r + im) / d, (im * r - re) / d);
  }

  Cx inverse() {
    return ONE.div(this);
  }

  double abs() {
    return Math.hypot(re, im);
  }

  boolean isFinite() {
    return Double.isFinite(re) && Double.isFinite(im);
  }
}
