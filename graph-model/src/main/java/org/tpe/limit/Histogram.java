package org.tpe.limit;

import java.util.Arrays;

/**
 * A density on bins: {@code density[i]} is the probability mass of [edges[i], edges[i+1])
 * divided by the bin width, so it integrates to the mass inside the edges (at most 1). Immutable;
 * arrays are copied on the way in and out.
 */
public final class Histogram {
  private final double[] edges;
  private final double[] density;

  public Histogram(double[] edges, double[] density) {
    if (edges.length != density.length + 1 || density.length == 0) {
      throw new IllegalArgumentException("need edges.length == density.length + 1 >= 2");
    }
    for (int i = 1; i < edges.length; i++) {
      if (!(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException("edges must increase strictly");
      }
    }
    this.edges = edges.clone();
    this.density = density.clone();
  }

  /**
   * Histogram of {@code values} on {@code bins} equal bins over [lo, hi]; NaNs are ignored. Null
   * when the bins are not distinct doubles (a spread of 1 around a mean of 1e19, say) or the
   * range is not finite: such a histogram cannot be drawn.
   */
  public static Histogram of(double[] values, double lo, double hi, int bins) {
    if (!(hi > lo)) {
      hi = lo + 1;
      lo = lo - 1;
    }
    double[] e = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      e[i] = lo + (hi - lo) * i / bins;
      if (!Double.isFinite(e[i]) || (i > 0 && !(e[i] > e[i - 1]))) {
        return null;
      }
    }
    double[] c = new double[bins];
    double w = (hi - lo) / bins;
    long n = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        continue;
      }
      n++;
      int k = (int) Math.floor((v - lo) / w);
      if (k >= 0 && k < bins) {
        c[k]++;
      } else if (v == hi) {
        c[bins - 1]++;
      }
    }
    for (int i = 0; i < bins; i++) {
      c[i] = n == 0 ? 0 : c[i] / (n * w);
    }
    return new Histogram(e, c);
  }

  public double[] edges() {
    return edges.clone();
  }

  public double[] density() {
    return density.clone();
  }

  public int bins() {
    return density.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h && Arrays.equals(edges, h.edges)
        && Arrays.equals(density, h.density);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(edges) + Arrays.hashCode(density);
  }
}
