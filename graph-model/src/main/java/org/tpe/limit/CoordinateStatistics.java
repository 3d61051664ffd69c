package org.tpe.limit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result shared by the limit engines and the finite-width simulator (DESIGN §7–§8): per
 * vector its mean, variance and density, E[Z^a Z^b] for every pair of vectors, and every scalar's
 * value — each with an error estimate and the method that produced it, so a limit and a
 * simulation can be overlaid and compared. Immutable.
 */
public final class CoordinateStatistics {
  private final String method;
  private final List<String> notes;
  private final Map<String, VectorStatistics> vectors;
  private final Map<String, Estimate> scalars;
  private final Map<String, Map<String, Estimate>> secondMoments;

  /**
   * @param method short name of the method ("deterministic", "particle", "simulation n=4096")
   * @param notes sentences for the user: why this method, its accuracy, warnings
   * @param vectors statistics per vector, in program order
   * @param scalars value per scalar, in program order
   * @param secondMoments E[Z^a Z^b] for every ordered pair of vectors (symmetric)
   */
  public CoordinateStatistics(String method, List<String> notes,
      Map<String, VectorStatistics> vectors, Map<String, Estimate> scalars,
      Map<String, Map<String, Estimate>> secondMoments) {
    this.method = Objects.requireNonNull(method, "method");
    this.notes = List.copyOf(notes);
    this.vectors = Collections.unmodifiableMap(new LinkedHashMap<>(vectors));
    this.scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    Map<String, Map<String, Estimate>> sm = new LinkedHashMap<>();
    secondMoments.forEach((k, v) -> sm.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    this.secondMoments = Collections.unmodifiableMap(sm);
  }

  /**
   * Takes ownership of maps the caller built and will not touch again (no copy: the engines
   * build 10⁵ second moments and copying them would double the cost). The maps are wrapped
   * unmodifiable, so the result is as immutable as one made by the constructor.
   */
  public static CoordinateStatistics owning(String method, List<String> notes,
      LinkedHashMap<String, VectorStatistics> vectors, LinkedHashMap<String, Estimate> scalars,
      LinkedHashMap<String, Map<String, Estimate>> secondMoments) {
    secondMoments.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    return new CoordinateStatistics(method, notes, Collections.unmodifiableMap(vectors),
        Collections.unmodifiableMap(scalars), Collections.unmodifiableMap(secondMoments), true);
  }

  private CoordinateStatistics(String method, List<String> notes,
      Map<String, VectorStatistics> vectors, Map<String, Estimate> scalars,
      Map<String, Map<String, Estimate>> secondMoments, boolean owned) {
    this.method = Objects.requireNonNull(method, "method");
    this.notes = List.copyOf(notes);
    this.vectors = vectors;
    this.scalars = scalars;
    this.secondMoments = secondMoments;
  }

  public String method() {
    return method;
  }

  public List<String> notes() {
    return notes;
  }

  public Map<String, VectorStatistics> vectors() {
    return vectors;
  }

  public Map<String, Estimate> scalars() {
    return scalars;
  }

  public Map<String, Map<String, Estimate>> secondMoments() {
    return secondMoments;
  }

  /** E[Z^a Z^b], or null if either is not a vector of the program. */
  public Estimate secondMoment(String a, String b) {
    Map<String, Estimate> row = secondMoments.get(a);
    return row == null ? null : row.get(b);
  }
}
