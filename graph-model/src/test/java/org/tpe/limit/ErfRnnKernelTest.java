package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The erf RNN s_t = erf(W s_{t−1} + U x_t + b) of TP I on two token sequences (the program of
 * {@code bench/rnn_program.py}), against the published kernel recursion (Yang, GP4A: the RNN
 * kernel) written out here: over all 2T tokens of both sequences,
 *
 * <pre>
 *   H_ij = σ_W² S_{i−1,j−1} + σ_U² G_ij + σ_b²     (S_{i−1,j−1} = 0 when i or j starts its sequence)
 *   S_ij = E[erf(h_i) erf(h_j)] = (2/π) asin(2 H_ij / √((1 + 2 H_ii)(1 + 2 H_jj)))   (Williams)
 * </pre>
 *
 * iterated T times on the whole matrix. The exact engine derives the same numbers through ZHat
 * covariances σ_W² E[Z^s Z^s'] of the shared W: they must agree to 1e-12 for every pair of
 * states, whether every pair of the program is asked for or only the states' kernel, and whatever
 * the number of threads.
 */
class ErfRnnKernelTest {
  static final double VARW = 1.0;
  static final double VARU = 1.0;
  static final double VARB = 0.05;

  /** G_ij = (δ_ij + exp(−|p_i − p_j| / 3)) / 2, positions x_t at t, y_t at t + 0.3. */
  static double[][] gram(int t) {
    double[] pos = new double[2 * t];
    for (int i = 0; i < t; i++) {
      pos[i] = i;
      pos[t + i] = i + 0.3;
    }
    double[][] g = new double[2 * t][2 * t];
    for (int i = 0; i < 2 * t; i++) {
      for (int j = 0; j < 2 * t; j++) {
        g[i][j] = ((i == j ? 1.0 : 0.0) + Math.exp(-Math.abs(pos[i] - pos[j]) / 3)) / 2;
      }
    }
    return g;
  }

  /** The program of bench/rnn_program.py for T tokens a sequence. */
  static String program(int t) {
    double[][] g = gram(t);
    List<String> emb = new ArrayList<>();
    for (int i = 1; i <= t; i++) {
      emb.add("Ux" + i);
    }
    for (int i = 1; i <= t; i++) {
      emb.add("Uy" + i);
    }
    StringBuilder b = new StringBuilder();
    b.append("input W : A(n, n) ~ N(0, ").append(VARW).append("/n)\n");
    b.append("input b : G(n) ~ N(0, ").append(VARB).append(")\n");
    for (int i = 0; i < emb.size(); i++) {
      b.append("input ").append(emb.get(i)).append(" : G(n) ~ N(0, ").append(VARU * g[i][i])
          .append(")\n");
    }
    for (int i = 0; i < emb.size(); i++) {
      for (int j = i + 1; j < emb.size(); j++) {
        b.append("cov(").append(emb.get(i)).append(", ").append(emb.get(j)).append(") = ")
            .append(VARU * g[i][j]).append('\n');
      }
    }
    for (String p : List.of("", "'")) {
      String seq = p.isEmpty() ? "x" : "y";
      for (int k = 1; k <= t; k++) {
        String u = "U" + seq + k;
        if (k == 1) {
          b.append("s1").append(p).append(" := erf(").append(u).append(" + b)\n");
        } else {
          b.append("g").append(k).append(p).append(" := W s").append(k - 1).append(p)
              .append('\n');
          b.append("s").append(k).append(p).append(" := erf(g").append(k).append(p)
              .append(" + ").append(u).append(" + b)\n");
        }
      }
    }
    b.append("output s").append(t).append(", s").append(t).append("'\n");
    return b.toString();
  }

  /** The state vectors in the order of the Gram matrix's tokens. */
  static List<String> states(int t) {
    List<String> out = new ArrayList<>();
    for (int k = 1; k <= t; k++) {
      out.add("s" + k);
    }
    for (int k = 1; k <= t; k++) {
      out.add("s" + k + "'");
    }
    return out;
  }

  /** The GP4A recursion: T rounds over the whole (2T × 2T) matrix. */
  static double[][] recursion(int t) {
    double[][] g = gram(t);
    int m = 2 * t;
    double[][] s = new double[m][m];
    for (int round = 0; round < t; round++) {
      double[][] h = new double[m][m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          boolean start = i == 0 || i == t || j == 0 || j == t;
          h[i][j] = (start ? 0 : VARW * s[i - 1][j - 1]) + VARU * g[i][j] + VARB;
        }
      }
      double[][] next = new double[m][m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          next[i][j] = 2 / Math.PI * Math.asin(2 * h[i][j]
              / Math.sqrt((1 + 2 * h[i][i]) * (1 + 2 * h[j][j])));
        }
      }
      s = next;
    }
    return s;
  }

  static void assertKernel(int t, CoordinateStatistics s) {
    double[][] want = recursion(t);
    List<String> st = states(t);
    for (int i = 0; i < st.size(); i++) {
      for (int j = 0; j < st.size(); j++) {
        Estimate e = s.secondMoment(st.get(i), st.get(j));
        assertEquals(want[i][j], e.value(), 1e-12, "E[" + st.get(i) + " " + st.get(j) + "]");
        assertEquals(0.0, e.error(), "closed forms: error 0");
      }
    }
  }

  @Test
  void stateKernelOfTwelveTokenSequencesMatchesTheRecursionTo1e12() {
    int t = 12;
    Program p = TpParser.parse(program(t));
    CoordinateStatistics among = Limits.compute(p, LimitRequest.among(states(t)),
        LimitOptions.defaults(), Set.of(), ProgressListener.NONE, CancellationToken.NONE);
    assertKernel(t, among);
    // only the states are reported: their statistics and the 24·25/2 pairs among them
    assertEquals(states(t).size(), among.vectors().size());
    assertEquals(24L * 25 / 2, among.secondMomentTable().pairCount());
    assertNull(among.secondMoment("s1", "g2"));
    CoordinateStatistics all = Limits.compute(p);
    assertKernel(t, all);
    assertTrue(all.secondMomentTable().complete());
    assertEquals(p.vectors().size(), all.secondMomentTable().names().size());
  }

  @Test
  void parallelPairsEqualSequentialBitForBitAndTheNotesToo() {
    // 40 tokens a sequence: 81 inputs + 158 instructions, 28 680 pairs (parallel above 4 096)
    int t = 40;
    Program p = TpParser.parse(program(t));
    LimitOptions one = LimitOptions.defaults().withThreads(1).withHistogramBins(0);
    CoordinateStatistics seq = Limits.compute(p, one);
    CoordinateStatistics par = Limits.compute(p, one.withThreads(4));
    assertEquals(seq.secondMomentTable(), par.secondMomentTable());
    assertEquals(seq.notes(), par.notes());
    assertKernel(t, par);
  }

  @Test
  void requestsForVectorsTheProgramLacksAreErrorsNamingThem() {
    Program p = TpParser.parse(program(2));
    LimitException e = assertThrows(LimitException.class, () -> Limits.compute(p,
        LimitRequest.among(List.of("s1", "s9")), LimitOptions.defaults(), Set.of(),
        ProgressListener.NONE, CancellationToken.NONE));
    assertTrue(e.problems().get(0).message().contains("s9 is not a vector"), e.getMessage());
    assertThrows(LimitException.class, () -> Limits.compute(p, LimitRequest.pairs(List.of(
        new LimitRequest.Pair("s1", "W"))), LimitOptions.defaults(), Set.of(),
        ProgressListener.NONE, CancellationToken.NONE));
  }

  @Test
  void givenPairsAreTheOnlyOnesComputedAndHistogramsOnlyWhenAsked() {
    Program p = TpParser.parse(program(3));
    CoordinateStatistics s = Limits.compute(p, LimitRequest.pairs(List.of(
        new LimitRequest.Pair("s3", "s3'"), new LimitRequest.Pair("g2", "g2"))),
        LimitOptions.defaults(), Set.of(), ProgressListener.NONE, CancellationToken.NONE);
    assertEquals(List.of("g2", "s3", "s3'"), s.secondMomentTable().names(), "program order");
    assertEquals(2, s.secondMomentTable().pairCount());
    assertEquals(recursion(3)[2][5], s.secondMoment("s3'", "s3").value(), 1e-12);
    assertNull(s.secondMoment("s3", "s3"));
    assertTrue(s.vectors().values().stream().allMatch(v -> v.histogram() == null));
    CoordinateStatistics h = Limits.compute(p, LimitRequest.outputs().withHistograms(true),
        LimitOptions.defaults(), Set.of(), ProgressListener.NONE, CancellationToken.NONE);
    assertEquals(List.of("s3", "s3'"), List.copyOf(h.vectors().keySet()));
    assertFalse(h.vectors().values().stream().anyMatch(v -> v.histogram() == null));
  }
}
