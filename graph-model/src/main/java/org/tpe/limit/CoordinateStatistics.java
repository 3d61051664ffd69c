package org.tpe.limit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result shared by the limit engines and the finite-width simulator (DESIGN §7–§8): per
 * vector its mean, variance and density, E[Z^a Z^b] for pairs of vectors (every pair by default,
 * or those a {@link LimitRequest} asks for), and every scalar's value — each with an error
 * estimate and the method that produced it, so a limit and a simulation can be overlaid and
 * compared. The second moments are held densely ({@link SecondMoments}, 16 bytes a pair).
 * Immutable.
 */
public final class CoordinateStatistics {
  private final String method;
  private final List<String> notes;
  private final Map<String, VectorStatistics> vectors;
  private final Map<String, Estimate> scalars;
  private final SecondMoments secondMoments;
  private final Map<String, Map<String, Estimate>> secondMomentMap;

  /**
   * @param method short name of the method ("deterministic", "particle", "simulation n=4096")
   * @param notes sentences for the user: why this method, its accuracy, warnings
   * @param vectors statistics per vector, in program order
   * @param scalars value per scalar, in program order
   * @param secondMoments E[Z^a Z^b] for ordered pairs of vectors (symmetric; every column a row)
   */
  public CoordinateStatistics(String method, List<String> notes,
      Map<String, VectorStatistics> vectors, Map<String, Estimate> scalars,
      Map<String, ? extends Map<String, Estimate>> secondMoments) {
    this(method, notes, Collections.unmodifiableMap(new LinkedHashMap<>(vectors)),
        Collections.unmodifiableMap(new LinkedHashMap<>(scalars)),
        SecondMoments.of(secondMoments));
  }

  private CoordinateStatistics(String method, List<String> notes,
      Map<String, VectorStatistics> vectors, Map<String, Estimate> scalars,
      SecondMoments secondMoments) {
    this.method = Objects.requireNonNull(method, "method");
    this.notes = List.copyOf(notes);
    this.vectors = vectors;
    this.scalars = scalars;
    this.secondMoments = Objects.requireNonNull(secondMoments, "secondMoments");
    this.secondMomentMap = secondMoments.asMap();
  }

  /**
   * Takes ownership of maps the caller built and will not touch again (no copy of the vector
   * and scalar maps; the second moments go into a dense table). The maps are wrapped
   * unmodifiable, so the result is as immutable as one made by the constructor.
   */
  public static CoordinateStatistics owning(String method, List<String> notes,
      LinkedHashMap<String, VectorStatistics> vectors, LinkedHashMap<String, Estimate> scalars,
      LinkedHashMap<String, Map<String, Estimate>> secondMoments) {
    return owning(method, notes, vectors, scalars, SecondMoments.of(secondMoments));
  }

  /** {@link #owning(String, List, LinkedHashMap, LinkedHashMap, LinkedHashMap)} with a table. */
  public static CoordinateStatistics owning(String method, List<String> notes,
      LinkedHashMap<String, VectorStatistics> vectors, LinkedHashMap<String, Estimate> scalars,
      SecondMoments secondMoments) {
    return new CoordinateStatistics(method, notes, Collections.unmodifiableMap(vectors),
        Collections.unmodifiableMap(scalars), secondMoments);
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

  /**
   * E[Z^a Z^b] as a read-only map view {@code a → (b → estimate)} over {@link
   * #secondMomentTable()} (rows in program order; nothing is copied).
   */
  public Map<String, Map<String, Estimate>> secondMoments() {
    return secondMomentMap;
  }

  /** The dense table of the second moments. */
  public SecondMoments secondMomentTable() {
    return secondMoments;
  }

  /**
   * E[(Z^v)²]: the computed second moment, else Var Z^v + (E Z^v)² with the errors added to first
   * order (δVar + 2|E Z| δE); null when v has no limit here.
   */
  public Estimate meanSquare(String v) {
    Estimate e = secondMoment(v, v);
    if (e != null) {
      return e;
    }
    VectorStatistics vs = vectors().get(v);
    if (vs == null) {
      return null;
    }
    double m = vs.mean().value();
    return new Estimate(vs.variance().value() + m * m, vs.variance().error()
        + 2 * Math.abs(m) * vs.mean().error());
  }

  /** E[Z^a Z^b] when computed ({@link #meanSquare} when a = b), else null. */
  public Estimate cross(String a, String b) {
    return a.equals(b) ? meanSquare(a) : secondMoment(a, b);
  }

  /** E[Z^a Z^b], or null if the pair was not computed (or either is not a vector). */
  public Estimate secondMoment(String a, String b) {
    return secondMoments.get(a, b);
  }
}
