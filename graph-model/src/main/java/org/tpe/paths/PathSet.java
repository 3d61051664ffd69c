package org.tpe.paths;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
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
    return stream(analysis.iterator(ends));
  }

  /**
   * Every isomorphism class, if there are at most {@link PathAnalysis#DEFAULT_MAX_CLASSES}.
   *
   * @throws PathLimitException if there are more
   */
  public List<IsomorphismClass> classes() {
    return classes(PathAnalysis.DEFAULT_MAX_CLASSES);
  }

  /**
   * Every isomorphism class (paths grouped by word), ordered by word length then word; their
   * counts sum to {@link #count()}.
   *
   * @throws PathLimitException if more than {@code maxClasses} distinct words occur, or listing
   *     them exceeds the work budget of {@link #firstClasses(int)} (the message says how to list
   *     the first ones instead)
   */
  public List<IsomorphismClass> classes(int maxClasses) {
    return classes(maxClasses, ClassLister.WORK_BUDGET);
  }

  /**
   * {@link #classes(int)} within {@code budget} steps of listing (tests lower it). The words are
   * listed first without their counts ({@link ClassLister#probe}), so that a refusal costs no
   * exact count; the counts are added only when the classes are to be returned.
   */
  List<IsomorphismClass> classes(int maxClasses, long budget) {
    if (maxClasses < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + maxClasses);
    }
    ClassLister lister = new ClassLister(analysis, ends, budget);
    ClassLister.Probe words = lister.probe(maxClasses);
    if (words.workBound() || !words.complete()) {
      throw refusal(maxClasses, words.listed(), words.workBound());
    }
    ClassLister.Listing l = lister.first(maxClasses);
    if (l.workBound() || !l.complete()) { // the same words and work as the probe: never
      throw refusal(maxClasses, l.classes().size(), l.workBound());
    }
    return l.classes();
  }

  /** Why {@link #classes(int)} gives no classes: the budget ran out, or there are more. */
  private PathLimitException refusal(int maxClasses, int listed, boolean workBound) {
    if (workBound) {
      return new PathLimitException("listing the isomorphism classes of the paths ending at "
          + query() + " past the first " + listed + " would take more than "
          + ClassLister.WORK_BUDGET + " steps (every MatMul has many predecessors); list only"
          + " the first ones (PathSet.firstClasses(N)) or narrow the query");
    }
    return new PathLimitException("the paths ending at " + query() + " fall into more than "
        + maxClasses + " isomorphism classes (distinct words); raise the bound (tpe paths"
        + " --max-classes N, or PathSet.classes(N)) or list only the first ones"
        + " (PathSet.firstClasses(N))");
  }

  /**
   * The first isomorphism classes in order of word length, then word — at most {@code limit} of
   * them, each with its exact count — and whether they are all. Costs time for the listed classes
   * only (see {@link ClassLister}), so it answers at once on programs with exponentially many;
   * where the listed lengths alone would cost more than a fixed work budget (long words over a
   * dense predecessor relation) it lists fewer, whole lengths, and says so ({@link
   * ClassListing#workBound()}).
   */
  public ClassListing firstClasses(int limit) {
    return firstClasses(limit, ClassLister.WORK_BUDGET);
  }

  /** {@link #firstClasses(int)} within {@code budget} steps of listing (tests lower it). */
  ClassListing firstClasses(int limit, long budget) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    ClassLister.Listing l = new ClassLister(analysis, ends, budget).first(limit);
    return new ClassListing(l.classes(), l.complete(), l.workBound());
  }

  /**
   * The isomorphism class of the paths whose word is {@code word} (matrices in path order, a
   * transpose written {@code W^T}), if some path has it. Costs O(|word|) steps of {@link
   * ClassLister}, whatever the number of classes.
   *
   * @throws PathLimitException if that would exceed the listing's work budget (see {@link
   *     #firstClasses(int)})
   */
  public Optional<IsomorphismClass> classOf(List<String> word) {
    return Optional.ofNullable(new ClassLister(analysis, ends).classOf(word));
  }

  /**
   * The first isomorphism classes of a path set.
   *
   * @param classes at most the requested number, in order of word length then word
   * @param complete whether these are all the classes
   * @param workBound whether fewer than the requested number are listed because listing the
   *     next word length would exceed the work budget (then {@code complete} is false)
   */
  public record ClassListing(List<IsomorphismClass> classes, boolean complete,
      boolean workBound) {
    public ClassListing {
      classes = List.copyOf(classes);
    }

    /** A listing that stopped at its limit or is complete (no work bound reached). */
    public ClassListing(List<IsomorphismClass> classes, boolean complete) {
      this(classes, complete, false);
    }
  }

  private String query() {
    return queried.size() == 1 ? queried.get(0) : "the outputs " + String.join(", ", queried);
  }

  static Stream<Path> stream(java.util.Iterator<Path> it) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  @Override
  public String toString() {
    return "PathSet[" + String.join(", ", queried) + ": " + count + " paths]";
  }
}
