package org.tpe.limit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tpe.model.Program;

/**
 * What a limit computation should compute: E[Z^a Z^b] for every pair of vectors (the default),
 * for the outputs only, for every pair among given vectors, or for given pairs; histograms only
 * when asked. An engine computes what the requested quantities need (the ZHat covariances and
 * ZDot coefficients behind them) and nothing more, so asking for a few hundred pairs of a large
 * program is cheap.
 *
 * @param pairs given pairs to compute, or null (see {@code among}); kept in the order given
 * @param outputsOnly whether only the program's outputs are reported (when neither {@code pairs}
 *     nor {@code among} is given)
 * @param histograms whether histograms are computed (with the options' number of bins)
 * @param among vectors every pair of which is computed (a, a included), or null; with {@code
 *     pairs} too, the union. Both null: every pair (or, with {@code outputsOnly}, those of the
 *     outputs)
 */
public record LimitRequest(Set<Pair> pairs, boolean outputsOnly, boolean histograms,
    Set<String> among) {
  /** An unordered pair of vectors. */
  public record Pair(String a, String b) {
    public Pair {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
    }
  }

  public LimitRequest {
    // in the order given (Set.copyOf's order changes from run to run, and with it the order of
    // the problems reported about the pairs)
    if (pairs != null) {
      pairs.forEach(q -> Objects.requireNonNull(q, "pair"));
      pairs = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(pairs));
    }
    among = among == null ? null : java.util.Collections.unmodifiableSet(
        new LinkedHashSet<>(among));
  }

  /** Given pairs (or none: see the record's components), no vector set. */
  public LimitRequest(Set<Pair> pairs, boolean outputsOnly, boolean histograms) {
    this(pairs, outputsOnly, histograms, null);
  }

  /** Every pair, with histograms: what the editor's limits show. */
  public static LimitRequest all() {
    return new LimitRequest(null, false, true);
  }

  /** The outputs' pairs only. */
  public static LimitRequest outputs() {
    return new LimitRequest(null, true, false);
  }

  /** The given pairs only, without histograms. */
  public static LimitRequest pairs(Collection<Pair> pairs) {
    return new LimitRequest(new LinkedHashSet<>(pairs), false, false);
  }

  /**
   * Every pair among the given vectors (a kernel: E[Z^a Z^b] for all a, b of the set), without
   * histograms; n vectors are n(n+1)/2 pairs, held as a set of names, not of pairs.
   */
  public static LimitRequest among(Collection<String> vectors) {
    return new LimitRequest(null, false, false, new LinkedHashSet<>(vectors));
  }

  public LimitRequest withHistograms(boolean h) {
    return new LimitRequest(pairs, outputsOnly, h, among);
  }

  /** Whether only some pairs are asked for (given pairs or a vector set). */
  public boolean restricted() {
    return pairs != null || among != null;
  }

  /** The vectors whose statistics are reported, in program order. */
  public List<String> vectors(Program p) {
    List<String> all = p.vectors();
    if (!restricted() && !outputsOnly) {
      return all;
    }
    Set<String> want = new LinkedHashSet<>();
    if (restricted()) {
      if (pairs != null) {
        pairs.forEach(q -> {
          want.add(q.a());
          want.add(q.b());
        });
      }
      if (among != null) {
        want.addAll(among);
      }
    } else {
      want.addAll(p.outputs());
    }
    List<String> out = new ArrayList<>();
    for (String v : all) {
      if (want.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /** Whether E[Z^a Z^b] is asked for (of vectors that {@link #vectors} reports). */
  public boolean wants(String a, String b) {
    if (!restricted()) {
      return true;
    }
    return among != null && among.contains(a) && among.contains(b)
        || pairs != null && (pairs.contains(new Pair(a, b)) || pairs.contains(new Pair(b, a)));
  }
}
