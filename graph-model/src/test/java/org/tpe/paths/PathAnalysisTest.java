package org.tpe.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.validate.RandomPrograms;

class PathAnalysisTest {
  private static PathAnalysis analyse(String text) {
    return PathAnalysis.of(TpParser.parse(text));
  }

  private static Map<List<String>, BigInteger> classCounts(PathSet s) {
    Map<List<String>, BigInteger> m = new HashMap<>();
    for (IsomorphismClass c : s.classes()) {
      m.put(c.word(), c.count());
    }
    return m;
  }

  // ---- hand-checked programs ------------------------------------------------------------------

  /**
   * 2-hidden-layer MLP h3 = W3 relu(W2 relu(u)). By hand: the paths ending at h3 are (x2, h3)
   * with word W3 and (x1, h2, x2, h3) with word W2 W3 — two paths in two classes.
   */
  @Test
  void twoLayerMlpHasTwoPathsInTwoClasses() {
    PathAnalysis a = analyse("input u : G(n)\ninput W2 : A(n, n)\ninput W3 : A(n, n)\n"
        + "x1 := relu(u)\nh2 := W2 x1\nx2 := relu(h2)\nh3 := W3 x2\noutput h3\n");
    PathSet s = a.pathsToOutputs();
    assertEquals(BigInteger.TWO, s.count());
    assertEquals(List.of(new Path(List.of("x2", "h3"), List.of("W3")),
        new Path(List.of("x1", "h2", "x2", "h3"), List.of("W2", "W3"))), s.paths().toList());
    assertEquals(Map.of(List.of("W3"), BigInteger.ONE, List.of("W2", "W3"), BigInteger.ONE),
        classCounts(s));
    assertEquals(BigInteger.ONE, a.pathsTo("h2").count());
    assertFalse(a.wasReduced());
  }

  /**
   * The same weights on two inputs: h = W relu(u), h' = W relu(u'). By hand: two paths (x, h) and
   * (x', h'), both with word W — one isomorphism class of two paths (the NNGP kernel pairs them).
   */
  @Test
  void sharedWeightsOnTwoInputsMakeTwoIsomorphicPaths() {
    PathSet s = analyse("input u : G(n)\ninput u' : G(n)\ninput W : A(n, n)\n"
        + "x := relu(u)\nx' := relu(u')\nh := W x\nh' := W x'\noutput h, h'\n").pathsToOutputs();
    assertEquals(BigInteger.TWO, s.count());
    List<IsomorphismClass> cs = s.classes();
    assertEquals(1, cs.size());
    assertEquals(List.of("W"), cs.get(0).word());
    assertEquals(BigInteger.TWO, cs.get(0).count());
    assertTrue(s.paths().allMatch(p -> p.isIsomorphicTo(cs.get(0).paths().findFirst()
        .orElseThrow())));
  }

  /**
   * y = W Wᵀ v. Reduced: v_id := id(v), g := Wᵀ v_id, g_id := id(g), y := W g_id. By hand: the
   * paths ending at y are (g_id, y) with word W and (v_id, g, g_id, y) with word Wᵀ W.
   */
  @Test
  void wwtVHasTwoPathsThroughTheInsertedIdentities() {
    PathAnalysis a = analyse("input W : A(n, n)\ninput v : G(n)\ng := W^T v\ny := W g\n"
        + "output y\n");
    assertTrue(a.wasReduced());
    PathSet s = a.pathsTo("y");
    assertEquals(List.of(new Path(List.of("g_id", "y"), List.of("W")),
        new Path(List.of("v_id", "g", "g_id", "y"), List.of("W^T", "W"))), s.paths().toList());
    assertEquals(Map.of(List.of("W"), BigInteger.ONE, List.of("W^T", "W"), BigInteger.ONE),
        classCounts(s));
  }

  /** A residual network h_l = h_{l−1} + W_l relu(h_{l−1}), h_0 initial, as .tp text. */
  static String resnet(int depth, boolean sharedWeights) {
    StringBuilder sb = new StringBuilder("input h0 : G(n)\n");
    for (int l = 1; l <= (sharedWeights ? 1 : depth); l++) {
      sb.append("input W").append(sharedWeights ? "" : l).append(" : A(n, n)\n");
    }
    for (int l = 1; l <= depth; l++) {
      String w = sharedWeights ? "W" : "W" + l;
      sb.append("x").append(l - 1).append(" := relu(h").append(l - 1).append(")\n");
      sb.append("g").append(l).append(" := ").append(w).append(" x").append(l - 1).append('\n');
      sb.append("h").append(l).append(" := h").append(l - 1).append(" + g").append(l)
          .append('\n');
    }
    return sb.append("output h").append(depth).append('\n').toString();
  }

  /**
   * Residual network. Let c_l be the number of paths ending at h_l. The LinComb h_l = h_{l−1} + g_l
   * is transparent, so c_l = c_{l−1} + (paths ending at g_l); a path ends at g_l = W_l x_{l−1} either
   * as (x_{l−1}, g_l) or by extending a path ending at one of the G-vars x_{l−1} = relu(h_{l−1})
   * reads, so that count is 1 + c_{l−1}. Hence c_l = 2 c_{l−1} + 1 with c_0 = 0 (h_0 is initial):
   * c_L = 2^L − 1. With separate weights each path is its increasing word W_{i1} … W_{ik}, one
   * class per non-empty subset of {1..L}; with one shared W the class W^k has C(L, k) members.
   */
  @Test
  void residualNetworkCountFollowsTheRecurrence() {
    BigInteger c = BigInteger.ZERO;
    PathAnalysis a = analyse(resnet(12, false));
    for (int l = 1; l <= 12; l++) {
      c = c.shiftLeft(1).add(BigInteger.ONE);
      assertEquals(c, a.pathsTo("h" + l).count(), "depth " + l);
    }
    assertEquals(BigInteger.valueOf(4095), c);
    List<IsomorphismClass> cs = a.pathsToOutputs().classes();
    assertEquals(4095, cs.size());
    assertTrue(cs.stream().allMatch(k -> k.count().equals(BigInteger.ONE)));
    assertEquals(4095, a.pathsToOutputs().paths().count());
  }

  @Test
  void deepResidualCountIsExactBeyondLong() {
    PathAnalysis a = analyse(resnet(300, false));
    assertEquals(BigInteger.ONE.shiftLeft(300).subtract(BigInteger.ONE),
        a.pathsToOutputs().count());
    // lazy: the first paths come without touching the other 2^300
    List<Path> first = a.pathsToOutputs().paths().limit(3).toList();
    assertEquals(new Path(List.of("x0", "g1"), List.of("W1")), first.get(0));
    assertEquals(3, first.size());
  }

  @Test
  void sharedWeightResnetClassesAreBinomial() {
    int depth = 40;
    PathSet s = analyse(resnet(depth, true)).pathsToOutputs();
    List<IsomorphismClass> cs = s.classes();
    assertEquals(depth, cs.size());
    BigInteger binom = BigInteger.ONE;
    for (int k = 1; k <= depth; k++) {
      binom = binom.multiply(BigInteger.valueOf(depth - k + 1)).divide(BigInteger.valueOf(k));
      IsomorphismClass c = cs.get(k - 1);
      assertEquals(k, c.word().size());
      assertEquals(binom, c.count(), "C(" + depth + ", " + k + ")");
    }
    // members are enumerated lazily and all carry the class word: W^3 has C(40,3) = 9880
    IsomorphismClass w3 = cs.get(2);
    assertEquals(9880, w3.paths().count());
    assertTrue(w3.paths().allMatch(p -> p.matrices().equals(List.of("W", "W", "W"))));
    assertEquals(5, cs.get(19).paths().limit(5).count());
  }

  @Test
  void tooManyClassesSaysHowToRaiseTheBound() {
    PathSet s = analyse(resnet(12, false)).pathsToOutputs();
    PathLimitException e = assertThrows(PathLimitException.class, () -> s.classes(100));
    assertTrue(e.getMessage().contains("more than 100 isomorphism classes"), e.getMessage());
    assertTrue(e.getMessage().contains("--max-classes"), e.getMessage());
    assertEquals(4095, s.classes(4095).size());
  }

  @Test
  void linCombIsTransparentAndPathsThroughTwoLinCombsCountOnce() {
    // x reads h = a + b with a = g1 + g2 and b = g1 + g3: g1 is reached twice but is one argument
    PathAnalysis an = analyse("input u : G(n)\ninput W : A(n, n)\ninput U : A(n, n)\n"
        + "x0 := relu(u)\ng1 := W x0\ng2 := U x0\ng3 := W^T x0\na := g1 + g2\nb := g1 - g3\n"
        + "h := a + b\nx := tanh(h)\ny := U x\noutput y, h\n");
    assertEquals(List.of("g1", "g2", "g3"), an.pathsTo("h").ends());
    assertEquals(BigInteger.valueOf(3), an.pathsTo("h").count());
    // y: (x, y) and one extension through each of g1, g2, g3
    assertEquals(BigInteger.valueOf(4), an.pathsTo("y").count());
    assertEquals(BigInteger.valueOf(7), an.pathsToOutputs().count());
    assertEquals(7, an.pathsToOutputs().paths().distinct().count());
  }

  // ---- queries that are not G-vars ------------------------------------------------------------

  @Test
  void queryingSomethingOtherThanAGVarSaysWhatItIs() {
    PathAnalysis a = analyse("input u : G(n)\ninput W : A(n, n)\nx := relu(u)\nh := W x\n"
        + "z := tanh(h)\nm := avg(z * z)\noutput z, m\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> a.pathsTo("z")).getMessage()
        .contains("'z' is an X-var (made by a Nonlin)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> a.pathsTo("W")).getMessage()
        .contains("'W' is a matrix"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> a.pathsTo("m")).getMessage()
        .contains("'m' is a scalar"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> a.pathsTo("q")).getMessage()
        .contains("no variable 'q'"));
    assertEquals(BigInteger.ZERO, a.pathsTo("u").count());
    // output X-var z = tanh(h): the paths ending at h; the scalar m is skipped with a note
    PathSet out = a.pathsToOutputs();
    assertEquals(List.of("h"), out.ends());
    assertEquals(BigInteger.ONE, out.count());
    assertEquals(2, out.notes().size());
  }

  // ---- brute-force oracle ---------------------------------------------------------------------

  /**
   * Every path of a reduced program straight from the definition (TP IIb §5.1): forward DFS from
   * each MatMul g = W x of an X-var, extending through every Nonlin that takes the current end
   * among its arguments — "takes" looking through LinCombs — and every MatMul of that Nonlin.
   */
  static List<Path> oraclePaths(Program r) {
    List<Path> out = new ArrayList<>();
    for (Instruction ins : r.instructions()) {
      if (ins instanceof MatMul m && r.kindOf(m.argument()) == VarKind.X) {
        extend(r, new ArrayList<>(List.of(m.argument(), m.target())),
            new ArrayList<>(List.of(m.matrixWord())), out);
      }
    }
    return out;
  }

  private static void extend(Program r, List<String> vars, List<String> mats, List<Path> out) {
    out.add(new Path(vars, mats));
    String end = vars.get(vars.size() - 1);
    for (Instruction ins : r.instructions()) {
      if (ins instanceof Nonlin n && readsThroughLinCombs(r, n.arguments(), end)) {
        for (Instruction next : r.instructions()) {
          if (next instanceof MatMul m && m.argument().equals(n.target())) {
            List<String> v = new ArrayList<>(vars);
            v.add(n.target());
            v.add(m.target());
            List<String> w = new ArrayList<>(mats);
            w.add(m.matrixWord());
            extend(r, v, w, out);
          }
        }
      }
    }
  }

  private static boolean readsThroughLinCombs(Program r, List<String> args, String g) {
    for (String a : args) {
      if (a.equals(g) || r.definition(a) instanceof LinComb l
          && readsThroughLinCombs(r, l.arguments(), g)) {
        return true;
      }
    }
    return false;
  }

  /** The oracle's notion of "a path ends at v" (v a G-var, or an X-var output read through). */
  private static boolean endsAt(Program r, String pathEnd, String v) {
    if (r.definition(v) instanceof Nonlin n) {
      return readsThroughLinCombs(r, n.arguments(), pathEnd);
    }
    return readsThroughLinCombs(r, List.of(v), pathEnd);
  }

  @Test
  void dynamicProgrammingAgreesWithBruteForceOnRandomPrograms() {
    Random rnd = new Random(5_400_000_153L);
    int nonTrivial = 0;
    for (int trial = 0; trial < 300; trial++) {
      Program p = RandomPrograms.generate(rnd);
      PathAnalysis a = PathAnalysis.of(p);
      Program r = a.reducedProgram();
      List<Path> all = oraclePaths(r);
      String where = "\n" + TpPrinter.print(r);
      List<String> queries = new ArrayList<>(p.names(VarKind.G));
      queries.add(null); // the outputs
      for (String q : queries) {
        PathSet s = q == null ? a.pathsToOutputs() : a.pathsTo(q);
        List<String> targets = q == null ? p.outputs().stream()
            .filter(o -> p.kindOf(o).isVector()).toList() : List.of(q);
        List<Path> expected = all.stream()
            .filter(path -> targets.stream().anyMatch(t -> endsAt(r, path.end(), t)))
            .sorted(Comparator.comparing(Path::toString)).toList();
        List<Path> enumerated = s.paths().collect(Collectors.toList());
        assertEquals(expected.size(), new LinkedHashSet<>(enumerated).size(), "no duplicates"
            + where);
        enumerated.sort(Comparator.comparing(Path::toString));
        assertEquals(expected, enumerated, q + where);
        assertEquals(BigInteger.valueOf(expected.size()), s.count(), q + where);
        Map<List<String>, BigInteger> byWord = new HashMap<>();
        for (Path path : expected) {
          byWord.merge(path.matrices(), BigInteger.ONE, BigInteger::add);
        }
        assertEquals(byWord, classCounts(s), q + where);
        for (IsomorphismClass c : s.classes()) {
          List<Path> members = c.paths().toList();
          assertEquals(c.count(), BigInteger.valueOf(members.size()), q + where);
          assertEquals(members.size(), Set.copyOf(members).size());
          assertTrue(members.stream().allMatch(m -> m.matrices().equals(c.word())), q + where);
        }
        if (expected.size() >= 3) {
          nonTrivial++;
        }
      }
    }
    assertTrue(nonTrivial > 100, "the oracle saw enough non-trivial path sets: " + nonTrivial);
  }

  // ---- bounded listings of classes (the robustness issue) -----------------------------------

  /**
   * Residual nets of depth 200 and 2000 (the reproducers): the count is 2^L − 1 (the
   * recurrence above), every class is one increasing word with one path, and the first classes
   * by length are the one-letter words in String order (W1, W10, W100, …) — listed at once,
   * with the listing saying that there are more.
   */
  @Test
  void residualNetsOfDepth200And2000ListTheirFirstClassesWithExactCounts() {
    for (int depth : new int[] {200, 2000}) {
      PathSet s = analyse(resnet(depth, false)).pathsToOutputs();
      assertEquals(BigInteger.ONE.shiftLeft(depth).subtract(BigInteger.ONE), s.count());
      PathSet.ClassListing l = s.firstClasses(100);
      assertFalse(l.complete());
      assertEquals(100, l.classes().size());
      List<String> firstLetters = new ArrayList<>();
      for (int k = 1; k <= depth; k++) {
        firstLetters.add("W" + k);
      }
      firstLetters.sort(null);
      for (int i = 0; i < 100; i++) {
        assertEquals(List.of(firstLetters.get(i)), l.classes().get(i).word());
        assertEquals(BigInteger.ONE, l.classes().get(i).count());
      }
      assertThrows(PathLimitException.class, () -> s.classes(100));
    }
  }

  @Test
  void classOfFindsOneClassAmongExponentiallyManyWithItsMembers() {
    PathSet s = analyse(resnet(2000, false)).pathsToOutputs();
    List<String> all = new ArrayList<>();
    for (int k = 1; k <= 2000; k++) {
      all.add("W" + k);
    }
    IsomorphismClass c = s.classOf(all).orElseThrow();
    assertEquals(BigInteger.ONE, c.count());
    assertEquals(List.of(all), c.paths().map(Path::matrices).toList());
    assertTrue(s.classOf(List.of("W5", "W3")).isEmpty(), "words increase along a path");
    assertTrue(s.classOf(List.of("V")).isEmpty());
    assertEquals(BigInteger.ONE, s.classOf(List.of("W3", "W5", "W1999")).orElseThrow().count());
  }

  /**
   * A chain of 5000 MatMuls by one W (an MLP): the paths ending at the last are its suffixes,
   * one of each length, so the classes are W^1, W^2, … with one path each.
   */
  @Test
  void aChainOfFiveThousandSharedMatMulsListsOneClassPerLength() {
    int depth = 5000;
    StringBuilder sb = new StringBuilder("input W : A(n, n)\ninput u : G(n)\nx0 := relu(u)\n");
    for (int i = 1; i <= depth; i++) {
      sb.append("h").append(i).append(" := W x").append(i - 1).append("\nx").append(i)
          .append(" := relu(h").append(i).append(")\n");
    }
    PathSet s = analyse(sb.append("output h").append(depth).append("\n").toString())
        .pathsToOutputs();
    assertEquals(BigInteger.valueOf(depth), s.count());
    PathSet.ClassListing l = s.firstClasses(300);
    assertFalse(l.complete());
    for (int k = 1; k <= 300; k++) {
      IsomorphismClass c = l.classes().get(k - 1);
      assertEquals(java.util.Collections.nCopies(k, "W"), c.word());
      assertEquals(BigInteger.ONE, c.count());
    }
    assertEquals(depth, s.firstClasses(depth).classes().size());
    assertTrue(s.firstClasses(depth).complete());
  }

  @Test
  void firstClassesArePrefixesOfTheFullListOnRandomPrograms() {
    Random rnd = new Random(77);
    for (int trial = 0; trial < 200; trial++) {
      PathSet s = PathAnalysis.of(RandomPrograms.generate(rnd)).pathsToOutputs();
      List<IsomorphismClass> all = s.classes();
      for (int k = 1; k <= all.size() + 1; k++) {
        PathSet.ClassListing l = s.firstClasses(k);
        assertEquals(k >= all.size(), l.complete(), "k = " + k);
        List<IsomorphismClass> want = all.subList(0, Math.min(k, all.size()));
        assertEquals(want.stream().map(IsomorphismClass::word).toList(),
            l.classes().stream().map(IsomorphismClass::word).toList());
        assertEquals(want.stream().map(IsomorphismClass::count).toList(),
            l.classes().stream().map(IsomorphismClass::count).toList());
      }
      for (IsomorphismClass c : all) {
        assertEquals(c.count(), s.classOf(c.word()).orElseThrow().count());
      }
    }
  }

  /**
   * The shared-W residual net of depth 2000: every MatMul comes just before every later one, so
   * listing a word length set by set would cost about 2000²/2 steps. Its unions are disjoint
   * (h_l = h_{l−1} + g_l), so the listing takes one backward pass over the program per length
   * instead ({@link PathAnalysis#pushBefore}): the first 1000 classes W^1 … W^1000 are listed,
   * with their binomial counts C(2000, k) (computed here by the product formula), the listing
   * says it stopped at the limit (not for work), and {@code classes(1000)} refuses because there
   * are more classes, not because the work ran out. The class of W^1000 is found by its word.
   */
  @Test
  void sharedWeightResidualNetOfDepth2000ListsAThousandClassesByBackwardPasses() {
    int depth = 2000;
    PathSet s = analyse(resnet(depth, true)).pathsToOutputs();
    assertEquals(BigInteger.ONE.shiftLeft(depth).subtract(BigInteger.ONE), s.count());
    PathSet.ClassListing l = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(60), () -> s.firstClasses(1000));
    assertFalse(l.workBound());
    assertFalse(l.complete());
    assertEquals(1000, l.classes().size());
    BigInteger binom = BigInteger.ONE;
    for (int k = 1; k <= 1000; k++) {
      binom = binom.multiply(BigInteger.valueOf(depth - k + 1)).divide(BigInteger.valueOf(k));
      assertEquals(java.util.Collections.nCopies(k, "W"), l.classes().get(k - 1).word());
      assertEquals(binom, l.classes().get(k - 1).count(), "C(" + depth + ", " + k + ")");
    }
    PathLimitException e = assertThrows(PathLimitException.class, () -> s.classes(1000));
    assertTrue(e.getMessage().contains("more than 1000 isomorphism classes"), e.getMessage());
    assertEquals(BigInteger.valueOf(1_331_334_000L),
        s.classOf(java.util.Collections.nCopies(3, "W")).orElseThrow().count(), "C(2000, 3)");
    // binom is now C(2000, 1000): found by its word, one pass per letter
    assertEquals(binom,
        s.classOf(java.util.Collections.nCopies(1000, "W")).orElseThrow().count(), "C(2000, 1000)");
  }

  /**
   * Where two arguments of a LinComb share ends (h_l = h_{l−1} + g_l + h_{l−2}, every MatMul again
   * just before every later one) the backward pass would count a predecessor twice, so the
   * listing sums set by set and the work budget still cuts it short at whole lengths; the counts
   * listed are those of the brute-force recursion over chains.
   */
  @Test
  void overlappingUnionsListWholeLengthsWithinTheWorkBudget() {
    int depth = 2000;
    StringBuilder sb = new StringBuilder("input u : G(n)\ninput W : A(n, n)\nh0 := u\nh1 := u\n");
    for (int l = 2; l <= depth; l++) {
      sb.append("x").append(l).append(" := relu(h").append(l - 1).append(")\n");
      sb.append("g").append(l).append(" := W x").append(l).append('\n');
      sb.append("h").append(l).append(" := h").append(l - 1).append(" + g").append(l)
          .append(" + h").append(l - 2).append('\n');
    }
    sb.append("output h").append(depth).append('\n');
    PathAnalysis a = analyse(sb.toString());
    assertFalse(a.unionsDisjoint());
    PathSet s = a.pathsToOutputs();
    PathSet.ClassListing l = s.firstClasses(1000);
    assertTrue(l.workBound());
    int listed = l.classes().size();
    assertTrue(listed >= 2 && listed < 1000, "listed " + listed);
    // the MatMuls g_2 … g_depth, each just before every later one: W^k has C(depth − 1, k) chains
    BigInteger binom = BigInteger.ONE;
    for (int k = 1; k <= listed; k++) {
      binom = binom.multiply(BigInteger.valueOf(depth - 1 - k + 1)).divide(BigInteger.valueOf(k));
      assertEquals(binom, l.classes().get(k - 1).count(), "C(" + (depth - 1) + ", " + k + ")");
    }
    PathLimitException tooLong = assertThrows(PathLimitException.class,
        () -> s.classOf(java.util.Collections.nCopies(depth - 1, "W")));
    assertTrue(tooLong.getMessage().contains("shorter word"), tooLong.getMessage());
  }

  /**
   * The backward pass against the direct sum over predecessor sets, on random programs whose
   * unions are disjoint, for random start sets and weights; and the programs whose unions are not
   * disjoint are refused by the pass.
   */
  @Test
  void backwardPassAgreesWithTheDirectSumOnRandomPrograms() {
    Random rnd = new Random(1403);
    int checked = 0;
    int refused = 0;
    for (int trial = 0; trial < 400; trial++) {
      PathAnalysis a = PathAnalysis.of(RandomPrograms.generate(rnd));
      int m = a.matmulCount();
      if (m == 0) {
        continue;
      }
      if (!a.unionsDisjoint()) {
        refused++;
        assertThrows(IllegalStateException.class,
            () -> a.pushBefore(new int[] {0}, null, null, new java.util.BitSet()));
        continue;
      }
      for (int rep = 0; rep < 5; rep++) {
        List<Integer> from = new ArrayList<>();
        for (int i = 0; i < m; i++) {
          if (rnd.nextInt(3) == 0) {
            from.add(i);
          }
        }
        int[] f = from.stream().mapToInt(Integer::intValue).toArray();
        BigInteger[] w = new BigInteger[f.length];
        BigInteger[] direct = new BigInteger[m];
        for (int i = 0; i < f.length; i++) {
          w[i] = BigInteger.valueOf(1 + rnd.nextInt(1000)).shiftLeft(rnd.nextInt(100));
          EndSet b = a.before(f[i]);
          for (int p = b.nextSetBit(0); p >= 0; p = b.nextSetBit(p + 1)) {
            direct[p] = direct[p] == null ? w[i] : direct[p].add(w[i]);
          }
        }
        BigInteger[] acc = new BigInteger[m];
        java.util.BitSet reached = new java.util.BitSet();
        a.pushBefore(f, w, acc, reached);
        java.util.BitSet marked = new java.util.BitSet();
        a.pushBefore(f, null, null, marked);
        for (int p = 0; p < m; p++) {
          assertEquals(direct[p], acc[p], "MatMul " + p);
          assertEquals(direct[p] != null, reached.get(p));
          assertEquals(direct[p] != null, marked.get(p));
        }
        checked++;
      }
    }
    assertTrue(checked > 200 && refused > 10, checked + " checked, " + refused + " refused");
  }

  /**
   * With any work budget the listing is a prefix of the full one made of whole word lengths, the
   * counts are the full listing's, and it is cut short by work only when classes are missing.
   */
  @Test
  void aListingCutShortByWorkIsAPrefixOfWholeLengths() {
    Random rnd = new Random(78);
    int cut = 0;
    for (int trial = 0; trial < 200; trial++) {
      PathSet s = PathAnalysis.of(RandomPrograms.generate(rnd)).pathsToOutputs();
      List<IsomorphismClass> all = s.classes();
      for (long budget : new long[] {0, 1, 3, 10, 40}) {
        PathSet.ClassListing l = s.firstClasses(all.size() + 1, budget);
        int k = l.classes().size();
        assertEquals(all.subList(0, k).stream().map(IsomorphismClass::word).toList(),
            l.classes().stream().map(IsomorphismClass::word).toList());
        assertEquals(all.subList(0, k).stream().map(IsomorphismClass::count).toList(),
            l.classes().stream().map(IsomorphismClass::count).toList());
        assertEquals(!l.workBound(), l.complete(), "the limit is never reached here");
        assertEquals(l.complete(), k == all.size());
        if (l.workBound()) {
          cut++;
          int lastLength = l.classes().isEmpty() ? 0 : l.classes().get(k - 1).word().size();
          assertTrue(all.get(k).word().size() > lastLength, "whole lengths only");
        }
      }
    }
    assertTrue(cut > 50, "the budgets cut enough listings short: " + cut);
  }

  /**
   * classes(max) lists the words without counts first and refuses from that alone: on random
   * programs, every bound and work budget, it returns what the counted listing firstClasses(max)
   * holds when that is complete, and otherwise refuses with the message that listing's outcome
   * gives (past the first k for work, more than max classes for the bound) — the rule classes
   * followed before the words-only probe.
   */
  @Test
  void classesRefusesFromTheWordsAloneAsTheCountedListingWould() {
    Random rnd = new Random(91);
    int refusedForWork = 0;
    int refusedForBound = 0;
    int listed = 0;
    for (int trial = 0; trial < 300; trial++) {
      PathSet s = PathAnalysis.of(RandomPrograms.generate(rnd)).pathsToOutputs();
      int all = s.firstClasses(100_000).classes().size();
      for (int max : new int[] {1, 2, 3, Math.max(1, all - 1), Math.max(1, all), all + 1}) {
        for (long budget : new long[] {0, 3, 40, ClassLister.WORK_BUDGET}) {
          PathSet.ClassListing counted = s.firstClasses(max, budget);
          if (counted.workBound() || !counted.complete()) {
            PathLimitException e = assertThrows(PathLimitException.class,
                () -> s.classes(max, budget));
            String expected = counted.workBound()
                ? "past the first " + counted.classes().size() + " would take more than"
                : "fall into more than " + max + " isomorphism classes";
            assertTrue(e.getMessage().contains(expected), e.getMessage() + " / " + expected);
            if (counted.workBound()) {
              refusedForWork++;
            } else {
              refusedForBound++;
            }
          } else {
            List<IsomorphismClass> got = s.classes(max, budget);
            assertEquals(counted.classes().stream().map(IsomorphismClass::word).toList(),
                got.stream().map(IsomorphismClass::word).toList());
            assertEquals(counted.classes().stream().map(IsomorphismClass::count).toList(),
                got.stream().map(IsomorphismClass::count).toList());
            listed++;
          }
        }
      }
    }
    assertTrue(refusedForWork > 50 && refusedForBound > 50 && listed > 50, refusedForWork
        + " refused for work, " + refusedForBound + " for the bound, " + listed + " listed");
  }
}
