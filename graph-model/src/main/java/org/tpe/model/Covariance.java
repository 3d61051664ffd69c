package org.tpe.model;

import java.util.Objects;

/** {@code cov(a, b) = value}: the covariance of the coordinates of two initial vectors. */
public record Covariance(String a, String b, double value) {
  public Covariance {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    value = value + 0.0;
  }

  /** Whether this entry is about the unordered pair {x, y}. */
  public boolean concerns(String x, String y) {
    return (a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x));
  }
}
