package org.tpe.limit;

import java.util.Objects;
import org.tpe.model.VarKind;

/**
 * What is known of one vector's coordinates: of Z^x in the limit, or of (x_α) at finite width.
 *
 * @param name the vector
 * @param kind G or X
 * @param mean E Z^x (or the coordinate average)
 * @param variance Var Z^x (or the coordinate variance)
 * @param histogram density of Z^x (or of the coordinates); may be null when not computed
 */
public record VectorStatistics(String name, VarKind kind, Estimate mean, Estimate variance,
    Histogram histogram) {
  public VectorStatistics {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(variance, "variance");
  }
}
