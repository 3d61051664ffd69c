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
 * for the outputs only, or for given pairs; histograms only when asked. An engine computes what
 * the requested quantities need (the ZHat covariances and ZDot coefficients behind them) and
 * nothing more, so asking for a few hundred pairs of a large program is cheap.
 *
 * @param pairs the pairs to compute, or null for all pairs (or, with {@code outputsOnly}, those
 *     of the outputs)
 * @param outputsOnly whether only the program's outputs are reported
 * @param histograms whether histograms are computed (with the options' number of bins)
 */
public record LimitRequest(Set<Pair> pairs, boolean outputsOnly, boolean histograms) {
  /** An unordered pair of vectors. */
  public record Pair(String a, String b) {
    public Pair {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
    }
  }

  public LimitRequest {
    pairs = pairs == null ? null : Set.copyOf(pairs);
  }

  /** Every pair, with histograms: what {@code tpe limits} shows. */
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

  public LimitRequest withHistograms(boolean h) {
    return new LimitRequest(pairs, outputsOnly, h);
  }

  /** The vectors whose statistics are reported, in program order. */
  public List<String> vectors(Program p) {
    List<String> all = p.vectors();
    if (pairs == null && !outputsOnly) {
      return all;
    }
    Set<String> want = new LinkedHashSet<>();
    if (pairs != null) {
      pairs.forEach(q -> {
        want.add(q.a());
        want.add(q.b());
      });
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

  /** Whether E[Z^a Z^b] is asked for. */
  public boolean wants(String a, String b) {
    if (pairs == null) {
      return true;
    }
    return pairs.contains(new Pair(a, b)) || pairs.contains(new Pair(b, a));
  }
}
