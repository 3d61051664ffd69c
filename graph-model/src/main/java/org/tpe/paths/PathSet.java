package org.tpe.paths;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The answer of a {@link PathAnalysis} query: the paths ending at some G-vars (the path ends are
 * MatMul results; a LinComb stands for its arguments), their exact number, the paths enumerated
 * lazily, and their isomorphism classes. Immutable apart from the analysis' shared cache.
 */
public final class PathSet {
  private final PathAnalysis analysis;
  private final List<String> queried;
  private final BitSet ends;
  private final List<String> notes;
  private final BigInteger count;

  PathSet(PathAnalysis analysis, List<String> queried, BitSet ends, List<String> notes) {
    this.analysis = analysis;
    this.queried = List.copyOf(queried);
    this.ends = (BitSet) ends.clone();
    this.notes = List.copyOf(notes);
    BigInteger c = BigInteger.ZERO;
    for (int m = ends.nextSetBit(0); m >= 0; m = ends.nextSetBit(m + 1)) {
      c = c.add(analysis.countEndingAt(m));
    }
    this.count = c;
  }

  /** The vectors asked about (the G-var, or the output vectors). */
  public List<String> queried() {
    return queried;
  }

  /**
   * The G-vars where the paths end, in program order: MatMul results, LinCombs being replaced by
   * their arguments (see {@link PathAnalysis}).
   */
  public List<String> ends() {
    return analysis.endNames(ends);
  }

  /** Remarks on how the query was read (output X-vars, skipped scalars). */
  public List<String> notes() {
    return notes;
  }

  /** The exact number of paths. O(1): computed by the DP. */
  public BigInteger count() {
    return count;
  }

  /**
   * The paths, lazily: grouped by end in program order, each end's paths by a backward
   * depth-first search (shorter before longer along each branch). Use {@code limit}; the set may
   * be exponentially large.
   */
  public Stream<Path> paths() {
    return stream(analysis.iterator(ends, null));
  }

  /** The isomorphism classes, at most {@link PathAnalysis#DEFAULT_MAX_CLASSES} of them. */
  public List<IsomorphismClass> classes() {
    return classes(PathAnalysis.DEFAULT_MAX_CLASSES);
  }

  /**
   * The isomorphism classes (paths grouped by word), ordered by word length then word; their
   * counts sum to {@link #count()}.
   *
   * @throws PathLimitException if more than {@code maxClasses} distinct words occur
   */
  public List<IsomorphismClass> classes(int maxClasses) {
    if (maxClasses < 1) {
      throw new IllegalArgumentException("maxClasses must be at least 1: " + maxClasses);
    }
    String query = queried.size() == 1 ? queried.get(0) : "the outputs " + String.join(", ",
        queried);
    Map<Word, BigInteger> all = new HashMap<>();
    for (int m = ends.nextSetBit(0); m >= 0; m = ends.nextSetBit(m + 1)) {
      for (Map.Entry<Word, BigInteger> e : analysis.wordsEndingAt(m, maxClasses, query)
          .entrySet()) {
        all.merge(e.getKey(), e.getValue(), BigInteger::add);
      }
      if (all.size() > maxClasses) {
        throw new PathLimitException("the paths ending at " + query + " fall into more than "
            + maxClasses + " isomorphism classes (distinct words); raise the bound (tpe paths"
            + " --max-classes N, or PathSet.classes(N)) or ask only for the count and the paths");
      }
    }
    List<Map.Entry<Word, BigInteger>> entries = new ArrayList<>(all.entrySet());
    List<List<String>> keys = new ArrayList<>();
    Map<List<String>, Map.Entry<Word, BigInteger>> byWord = new HashMap<>();
    for (Map.Entry<Word, BigInteger> e : entries) {
      List<String> w = e.getKey().matrices();
      keys.add(w);
      byWord.put(w, e);
    }
    keys.sort(Comparator.<List<String>>comparingInt(List::size).thenComparing(PathSet::compare));
    List<IsomorphismClass> out = new ArrayList<>(keys.size());
    for (List<String> w : keys) {
      Map.Entry<Word, BigInteger> e = byWord.get(w);
      Word word = e.getKey();
      out.add(new IsomorphismClass(w, e.getValue(),
          () -> stream(analysis.iterator(ends, word))));
    }
    return out;
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static Stream<Path> stream(java.util.Iterator<Path> it) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public String toString() {
    return "PathSet[" + String.join(", ", queried) + ": " + count + " paths]";
  }
}
