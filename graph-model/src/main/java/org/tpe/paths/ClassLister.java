package org.tpe.paths;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists the isomorphism classes of the paths ending at a set E of MatMuls (TP IIb §5.1) in order
 * of word length, then word, each with its exact number of paths — as many as asked, without
 * computing the others (a residual network of depth L has 2^L − 1 classes).
 *
 * <p><b>Algorithm.</b> A path is a chain of MatMuls m₁ → … → m_k (m_i among the ends of m_{i+1}'s
 * argument) with m_k ∈ E, and its word is the chain's letters. Every suffix of such a chain is one
 * too, so the words of length j + 1 are the words w of length j with one letter a put in front.
 * Each listed word w keeps T(w), the MatMuls that start a chain with word w ending in E, with the
 * number of such chains from each; then T(a·w) = {m with letter a : m comes just before some m' ∈
 * T(w)}, its counts summed over those m'. Putting letters in front of the words of one length, in
 * order, gives the words of the next length in order, so listing is breadth-first by length and
 * stops after the requested number: the cost is O(Σ over listed words of the predecessors of their
 * start sets), with no work on words that are not listed but for one pass that finds the next
 * length's first letters.
 *
 * <p><b>Backward passes.</b> Summed set by set, that cost is the size of the predecessor relation
 * per listed length, which can be quadratic in the program: in a residual network with one shared
 * W every MatMul comes just before every later one (M²/2 pairs for M MatMuls, 2·10⁶ at depth
 * 2000). When every union of end sets in the program is disjoint (chains, MLPs, residual networks)
 * a word's predecessors are instead found by one backward pass over the program ({@link
 * PathAnalysis#pushBefore}), O(V + E) steps for V vectors and E argument edges, whichever is
 * cheaper: listing then costs O(V + E) per listed class (with exact additions of O(depth) bits).
 *
 * <p><b>Work bound.</b> Listing stops, at a whole length, once {@link #WORK_BUDGET} steps (one
 * step: a predecessor visited, an exact count added, a vector or edge of a pass) are spent, and
 * says so ({@link Listing#workBound()}); the counts of the classes listed stay exact, and so does
 * the total count, which the DP of {@link PathAnalysis} gives without listing anything.
 *
 * <p>The members of a class are enumerated lazily by a backward search along the word, pruned by
 * the forward sets F_i = {m with the i-th letter that ends a chain reading the first i letters}, so
 * that every step of the search leads to a path.
 */
final class ClassLister {
  private final PathAnalysis a;
  private final BitSet targets;
  private final String[] letters;
  private final int[] letterOf;
  /** The MatMuls of each letter, in ordinal order. */
  private final int[][] withLetter;

  /** Steps (predecessors visited) one listing or one {@link #classOf} may take. */
  static final long WORK_BUDGET = 20_000_000;

  private final long budget;
  private long work;
  /** Scratch for {@link #expand}: the count accumulated at each MatMul, null where none. */
  private final BigInteger[] acc;

  /** Thrown inside a listing when the next step would exceed the budget. */
  private static final class OverBudget extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OverBudget() {
      super(null, null, false, false);
    }
  }

  ClassLister(PathAnalysis a, BitSet targets) {
    this(a, targets, WORK_BUDGET);
  }

  /** @param budget the steps one listing or one {@link #classOf} may take */
  ClassLister(PathAnalysis a, BitSet targets, long budget) {
    this.a = a;
    this.targets = targets;
    this.budget = budget;
    int m = a.matmulCount();
    this.acc = new BigInteger[m];
    TreeMap<String, Integer> ids = new TreeMap<>();
    for (int i = 0; i < m; i++) {
      ids.put(a.letter(i), 0);
    }
    letters = ids.keySet().toArray(new String[0]);
    for (int i = 0; i < letters.length; i++) {
      ids.put(letters[i], i);
    }
    letterOf = new int[m];
    int[] size = new int[letters.length];
    for (int i = 0; i < m; i++) {
      letterOf[i] = ids.get(a.letter(i));
      size[letterOf[i]]++;
    }
    withLetter = new int[letters.length][];
    for (int l = 0; l < letters.length; l++) {
      withLetter[l] = new int[size[l]];
      size[l] = 0;
    }
    for (int i = 0; i < m; i++) {
      withLetter[letterOf[i]][size[letterOf[i]]++] = i;
    }
  }

  /**
   * The first classes, at most {@code limit}; whether that is all of them; and whether listing
   * stopped short of {@code limit} because the next length would exceed the work budget. Work is
   * only spent on the predecessors of listed start sets, and each such predecessor starts a longer
   * word, so a listing cut short by the budget always has more classes.
   */
  record Listing(List<IsomorphismClass> classes, boolean complete, boolean workBound) {}

  /**
   * What {@link #first(int)} would say of its listing, from the words alone: how many classes it
   * lists, whether that is all of them, whether the work budget cut it short.
   */
  record Probe(int listed, boolean complete, boolean workBound) {}

  /** A listed word: its letters and its start set T with the chain counts (null: words only). */
  private record Entry(int[] word, int[] start, BigInteger[] counts) {}

  /** Whether the listing running now finds the words only, without their counts. */
  private boolean wordsOnly;

  /**
   * The classes in order of word length, then word; at most {@code limit} of them, fewer (whole
   * lengths) when the work budget runs out first.
   */
  Listing first(int limit) {
    wordsOnly = false;
    List<IsomorphismClass> out = new ArrayList<>();
    work = 0;
    try {
      return first(limit, out);
    } catch (OverBudget e) {
      return new Listing(out, false, true);
    }
  }

  /**
   * {@link #first(int)}'s outcome without the counts: the same words, start sets and work
   * (every step is spent as there, so the budget cuts the same lengths), but the backward passes
   * only mark and no exact count is added. A caller that refuses more than {@code limit} classes
   * ({@link PathSet#classes(int)}) learns so at the cost of the marks, not of the exact counts
   * of classes it would throw away (1000 counts of up to 2000 bits in a residual network with one
   * shared W).
   */
  Probe probe(int limit) {
    wordsOnly = true;
    List<IsomorphismClass> out = new ArrayList<>(); // one null per word: only the size is read
    work = 0;
    try {
      Listing l = first(limit, out);
      return new Probe(out.size(), l.complete(), l.workBound());
    } catch (OverBudget e) {
      return new Probe(out.size(), false, true);
    } finally {
      wordsOnly = false;
    }
  }

  private Listing first(int limit, List<IsomorphismClass> out) {
    // length 1: the letters of E's MatMuls, each MatMul one chain
    TreeMap<Integer, List<Integer>> byLetter = new TreeMap<>();
    for (int m = targets.nextSetBit(0); m >= 0; m = targets.nextSetBit(m + 1)) {
      byLetter.computeIfAbsent(letterOf[m], k -> new ArrayList<>()).add(m);
    }
    List<Entry> level = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : byLetter.entrySet()) {
      int[] start = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      BigInteger[] ones = new BigInteger[start.length];
      Arrays.fill(ones, BigInteger.ONE);
      level.add(new Entry(new int[] {e.getKey()}, start, ones));
    }
    while (!level.isEmpty()) {
      for (Entry e : level) {
        if (out.size() == limit) {
          return new Listing(out, false, false);
        }
        out.add(wordsOnly ? null : toClass(e));
      }
      // the next length: first the (letter, word) pairs in order, then the sets of the ones kept
      List<long[]> pairs = new ArrayList<>();
      for (int i = 0; i < level.size(); i++) {
        for (int letter : frontLetters(level.get(i))) {
          pairs.add(new long[] {letter, i});
        }
      }
      if (pairs.isEmpty()) {
        return new Listing(out, true, false);
      }
      if (out.size() == limit) {
        return new Listing(out, false, false);
      }
      pairs.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
      // keep one more than needed: it tells that the listing is incomplete
      List<long[]> kept = pairs.subList(0, Math.min(pairs.size(), limit - out.size() + 1));
      Map<Integer, List<Integer>> lettersOf = new TreeMap<>();
      for (long[] pair : kept) {
        lettersOf.computeIfAbsent((int) pair[1], x -> new ArrayList<>()).add((int) pair[0]);
      }
      Map<Long, Entry> made = new HashMap<>();
      for (Map.Entry<Integer, List<Integer>> e : lettersOf.entrySet()) {
        Map<Integer, Entry> ex = expand(level.get(e.getKey()), -1);
        for (int letter : e.getValue()) {
          made.put(((long) letter << 32) | e.getKey(), ex.get(letter));
        }
      }
      List<Entry> next = new ArrayList<>(kept.size());
      for (long[] pair : kept) {
        next.add(made.get((pair[0] << 32) | pair[1]));
      }
      level = next;
    }
    return new Listing(out, true, false);
  }

  /**
   * The class of the paths with word {@code word}, or null when no path has it.
   *
   * @throws PathLimitException if finding it would take more than the work budget (a long word
   *     over a dense predecessor relation)
   */
  IsomorphismClass classOf(List<String> word) {
    work = 0;
    try {
      return classOfWord(word);
    } catch (OverBudget e) {
      throw new PathLimitException("finding the class of a word of " + word.size()
          + " matrices would take more than " + budget + " steps (every MatMul of this program"
          + " has many predecessors); ask for a shorter word");
    }
  }

  private IsomorphismClass classOfWord(List<String> word) {
    if (word.isEmpty()) {
      return null;
    }
    int[] ids = new int[word.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Arrays.binarySearch(letters, word.get(i));
      if (ids[i] < 0) {
        return null;
      }
    }
    List<Integer> start = new ArrayList<>();
    for (int m : withLetter[ids[ids.length - 1]]) {
      if (targets.get(m)) {
        start.add(m);
      }
    }
    if (start.isEmpty()) {
      return null;
    }
    BigInteger[] ones = new BigInteger[start.size()];
    Arrays.fill(ones, BigInteger.ONE);
    Entry e = new Entry(new int[] {ids[ids.length - 1]},
        start.stream().mapToInt(Integer::intValue).toArray(), ones);
    for (int i = ids.length - 2; i >= 0 && e != null; i--) {
      e = expand(e, ids[i]).get(ids[i]);
    }
    return e == null ? null : toClass(e);
  }

  /** The letters that can be put in front of e's word: those of the MatMuls just before T(e). */
  private int[] frontLetters(Entry e) {
    if (byPass(e)) {
      BitSet reached = new BitSet(letterOf.length);
      spend(a.passCost(e.start()));
      a.pushBefore(e.start(), null, null, reached);
      return lettersOf(reached);
    }
    long[] union = new long[(letterOf.length + 63) >>> 6];
    for (int m : e.start()) {
      EndSet before = a.before(m);
      spend(before.storedWords());
      before.orWordsInto(union);
    }
    return lettersOf(BitSet.valueOf(union));
  }

  /** The distinct letters of the MatMuls in {@code ms}, in increasing order. */
  private int[] lettersOf(BitSet ms) {
    int[] out = new int[ms.cardinality()];
    int n = 0;
    for (int p = ms.nextSetBit(0); p >= 0; p = ms.nextSetBit(p + 1)) {
      out[n++] = letterOf[p];
    }
    Arrays.sort(out, 0, n);
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (k == 0 || out[k - 1] != out[i]) {
        out[k++] = out[i];
      }
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * Whether e's predecessors are cheaper found by one backward pass over the program ({@link
   * PathAnalysis#pushBefore}) than set by set: when the unions are disjoint and the start set's
   * stored end-set words alone (a lower bound on the direct work) exceed the pass.
   */
  private boolean byPass(Entry e) {
    if (!a.unionsDisjoint()) {
      return false;
    }
    long direct = 0;
    for (int m : e.start()) {
      direct += a.before(m).storedWords();
    }
    return direct > a.passCost(e.start());
  }

  private void spend(long steps) {
    work += steps;
    if (work > budget) {
      throw new OverBudget();
    }
  }

  /** Every word a·w with its start set and counts, by letter a ({@code only} a, unless -1). */
  private Map<Integer, Entry> expand(Entry e, int only) {
    BitSet touched = new BitSet(acc.length);
    try {
      boolean pass = byPass(e);
      if (pass) {
        spend(a.passCost(e.start()));
        if (wordsOnly) {
          a.pushBefore(e.start(), null, null, touched); // marks the same MatMuls
        } else {
          a.pushBefore(e.start(), e.counts(), acc, touched);
        }
        if (only >= 0) {
          for (int p = touched.nextSetBit(0); p >= 0; p = touched.nextSetBit(p + 1)) {
            if (letterOf[p] != only) {
              acc[p] = null;
              touched.clear(p);
            }
          }
        }
      }
      for (int i = 0; !pass && i < e.start().length; i++) {
        EndSet before = a.before(e.start()[i]);
        spend(before.cardinality());
        BigInteger c = wordsOnly ? null : e.counts()[i];
        for (int p = before.nextSetBit(0); p >= 0; p = before.nextSetBit(p + 1)) {
          if (only < 0 || letterOf[p] == only) {
            if (!wordsOnly) {
              acc[p] = acc[p] == null ? c : acc[p].add(c);
            }
            touched.set(p);
          }
        }
      }
      // the touched MatMuls by letter, each letter's in ordinal order: sorted (letter, ordinal)
      // keys, O(t log t) for t touched whatever the number of letters
      long[] keys = new long[touched.cardinality()];
      int t = 0;
      for (int p = touched.nextSetBit(0); p >= 0; p = touched.nextSetBit(p + 1)) {
        keys[t++] = ((long) letterOf[p] << 32) | p;
      }
      Arrays.sort(keys);
      Map<Integer, Entry> out = new HashMap<>();
      for (int from = 0; from < keys.length; ) {
        int letter = (int) (keys[from] >>> 32);
        int to = from + 1;
        while (to < keys.length && (int) (keys[to] >>> 32) == letter) {
          to++;
        }
        int[] word = new int[e.word().length + 1];
        word[0] = letter;
        System.arraycopy(e.word(), 0, word, 1, e.word().length);
        int[] start = new int[to - from];
        BigInteger[] counts = wordsOnly ? null : new BigInteger[start.length];
        for (int k = 0; k < start.length; k++) {
          start[k] = (int) keys[from + k];
          if (!wordsOnly) {
            counts[k] = acc[start[k]];
          }
        }
        out.put(letter, new Entry(word, start, counts));
        from = to;
      }
      return out;
    } finally {
      if (!wordsOnly) {
        for (int p = touched.nextSetBit(0); p >= 0; p = touched.nextSetBit(p + 1)) {
          acc[p] = null;
        }
      }
    }
  }

  private IsomorphismClass toClass(Entry e) {
    BigInteger count = BigInteger.ZERO;
    for (BigInteger c : e.counts()) {
      count = count.add(c);
    }
    List<String> word = new ArrayList<>(e.word().length);
    for (int l : e.word()) {
      word.add(letters[l]);
    }
    int[] w = e.word();
    return new IsomorphismClass(word, count, () -> PathSet.stream(members(w)));
  }

  // ---- members of a class ---------------------------------------------------------------------

  /** The paths with word {@code w} ending in E, lazily, grouped by end in ordinal order. */
  Iterator<Path> members(int[] w) {
    int k = w.length;
    // F_i: MatMuls with letter w_i that end a chain reading w_1 … w_i (dense bit sets)
    int words = (letterOf.length + 63) >>> 6;
    long[][] forward = new long[k][words];
    for (int i = 0; i < k; i++) {
      for (int m : withLetter[w[i]]) {
        if (i == 0 || a.before(m).intersects(forward[i - 1])) {
          forward[i][m >>> 6] |= 1L << (m & 63);
        }
      }
    }
    BitSet ends = BitSet.valueOf(forward[k - 1]);
    ends.and(targets);
    return new Advancing<>() {
      // positions depth+1 … k-1 of the chain are fixed; k means "take the next end"
      private final int[] chain = new int[k];
      private final int[] cursor = new int[k];
      private int depth = k;
      private int nextEnd = 0;

      @Override
      Path advance() {
        while (true) {
          if (depth == k) {
            int t = ends.nextSetBit(nextEnd);
            if (t < 0) {
              return null;
            }
            nextEnd = t + 1;
            chain[k - 1] = t;
            if (k == 1) {
              return a.path(chain.clone());
            }
            depth = k - 2;
            cursor[depth] = 0;
            continue;
          }
          // the next MatMul of F_depth just before chain[depth + 1]: every one completes a path
          EndSet before = a.before(chain[depth + 1]);
          int m = before.nextSetBit(cursor[depth]);
          while (m >= 0 && (forward[depth][m >>> 6] & (1L << (m & 63))) == 0) {
            m = before.nextSetBit(m + 1);
          }
          if (m < 0) { // position exhausted: back up (past k - 2, to the next end)
            depth = depth + 1 == k - 1 ? k : depth + 1;
            continue;
          }
          cursor[depth] = m + 1;
          chain[depth] = m;
          if (depth == 0) {
            return a.path(chain.clone());
          }
          depth--;
          cursor[depth] = 0;
        }
      }
    };
  }
}
