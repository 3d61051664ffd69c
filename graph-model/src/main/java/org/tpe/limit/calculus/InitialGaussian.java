package org.tpe.limit.calculus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tpe.model.Covariance;
import org.tpe.model.CovarianceInputs;
import org.tpe.model.Program;
import org.tpe.model.VectorInput;

/**
 * ZInit (TP IIb App. B, Def. B.3; DESIGN §7): the initial vectors' coordinates are iid N(μ_in,
 * Σ_in). This class is the one place where Σ_in is checked and factored, for the validator, every
 * limit engine and the finite-width simulator alike.
 *
 * <p>The factorisation is a Cholesky decomposition Σ_in = L Lᵀ (in input order for Σ_in, so that
 * seeded samplers draw reproducibly; largest pivot first for {@link #factor(double[][], List,
 * double)}) of the matrix scaled by its
 * largest entry (so that entries near the largest double do not overflow): O(k²·r) for k inputs of
 * rank r, fine for k in the thousands. A variable whose remaining variance is at most {@link
 * #PSD_TOLERANCE} of its own variance is not a pivot (it is a linear combination of the pivots);
 * Σ_in is then positive semidefinite when the remaining Schur complement S is, within that
 * tolerance relative to the variables' own variances: S_ii ≥ −tol·Σ_ii and |S_ij| ≤ √(S_ii⁺ S_jj⁺)
 * + tol·√(Σ_ii Σ_jj). So the verdict does not depend on units, and a tiny variance next to a
 * large one is kept, not dropped. A matrix that fails names the input whose remaining variance or
 * covariance breaks the test and the pivots it is correlated with.
 */
public final class InitialGaussian {
  /**
   * Relative PSD tolerance, on the Schur complement of the pivoted Cholesky factorisation
   * relative to the largest entry: far above rounding (1e-16 per operation) and far below any
   * covariance a user means. A declared {@code cov(u, v) = 1.0000000005} with unit variances (a
   * complement of −1e-9) is accepted and factored as the rank-one u = v; {@code 1.00000001}
   * (−2e-8) is refused.
   */
  public static final double PSD_TOLERANCE = 1e-8;

  private final List<String> names;
  private final double[] mean;
  private final double[][] cov;
  private final double[][] factor;

  private InitialGaussian(List<String> names, double[] mean, double[][] cov, double[][] factor) {
    this.names = List.copyOf(names);
    this.mean = mean;
    this.cov = cov;
    this.factor = factor;
  }

  /** Why Σ_in is not a Gaussian's covariance: the inputs involved and a sentence for the user. */
  public record Failure(List<String> inputs, String message) {
    public Failure {
      inputs = List.copyOf(inputs);
    }
  }

  /** Thrown by {@link #of(Program)} when Σ_in is not usable. */
  public static final class NotGaussianException extends RuntimeException {
    private final transient Failure failure;

    NotGaussianException(Failure f) {
      super(f.message());
      this.failure = f;
    }

    public Failure failure() {
      return failure;
    }
  }

  /**
   * The initial Gaussian of {@code program} (whose variances and covariances must be well formed
   * numbers: the validator checks that first).
   *
   * @throws NotGaussianException when an entry is not finite or Σ_in is not PSD
   */
  public static InitialGaussian of(Program program) {
    List<VectorInput> vins = program.vectorInputs();
    int k = vins.size();
    List<String> names = new ArrayList<>(k);
    double[] mean = new double[k];
    double[][] c = new double[k][k];
    for (int i = 0; i < k; i++) {
      names.add(vins.get(i).name());
      mean[i] = vins.get(i).mean();
      c[i][i] = vins.get(i).variance();
    }
    // the cov lines in order, so the last one about a pair wins (as Program#initialCovariance):
    // O(lines), not k² lookups; their names resolved by the program, once
    List<Covariance> covs = program.covariances();
    CovarianceInputs at = program.covarianceInputs();
    for (int l = 0; l < covs.size(); l++) {
      int i = at.first(l);
      int j = at.second(l);
      if (i >= 0 && j >= 0 && i != j) {
        double v = covs.get(l).value();
        c[i][j] = v;
        c[j][i] = v;
      }
    }
    Failure f = check(names, mean, c);
    if (f != null) {
      throw new NotGaussianException(f);
    }
    return new InitialGaussian(names, mean, c, inOrderCholesky(names, c, PSD_TOLERANCE));
  }

  /** The failure of {@link #of(Program)}, or null when Σ_in is fine; never throws. */
  public static Failure verdict(Program program) {
    try {
      of(program);
      return null;
    } catch (NotGaussianException e) {
      return e.failure();
    }
  }

  private static Failure check(List<String> names, double[] mean, double[][] c) {
    for (int i = 0; i < names.size(); i++) {
      if (!Double.isFinite(mean[i])) {
        return new Failure(List.of(names.get(i)), "the mean of " + names.get(i)
            + " is not a finite number");
      }
      for (int j = 0; j <= i; j++) {
        if (!Double.isFinite(c[i][j])) {
          List<String> who = i == j ? List.of(names.get(i)) : List.of(names.get(j), names.get(i));
          return new Failure(who, (i == j ? "the variance of " + names.get(i)
              : "cov(" + names.get(j) + ", " + names.get(i) + ")") + " is not a finite number");
        }
      }
    }
    return null;
  }

  /**
   * The factorisation of any covariance matrix c (of the Gaussians an expectation reads, say):
   * L (k × r) with c = L Lᵀ, dropping variables whose remaining variance is at most {@code drop}
   * times their own (so the relative error in c is at most that), and checking positive
   * semidefiniteness with {@link #PSD_TOLERANCE}.
   *
   * @param names the variables of the rows, for the message when c is not PSD
   * @throws NotGaussianException when c is not PSD within the tolerance
   */
  public static double[][] factor(double[][] c, List<String> names, double drop) {
    return pivotedCholesky(names, c, drop, false);
  }

  /** max |c_ij|: the scale both factorizations work in. */
  private static double largestAbs(double[][] c) {
    double scale = 0;
    for (double[] row : c) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    return scale;
  }

  /**
   * L (k × r) with Σ = L Lᵀ up to {@code drop} of the largest entry; the columns are the pivots in
   * the order chosen.
   */
  static double[][] pivotedCholesky(List<String> names, double[][] c, double drop,
      boolean inOrder) {
    int k = c.length;
    double scale = largestAbs(c);
    if (k == 0 || scale == 0) {
      return new double[k][0];
    }
    double[][] s = new double[k][k]; // the Schur complement, scaled
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        s[i][j] = c[i][j] / scale;
      }
    }
    double tol = PSD_TOLERANCE;
    double[] d0 = new double[k]; // each variable's own (scaled) variance: tolerances are relative
    for (int i = 0; i < k; i++) {
      d0[i] = Math.max(0, s[i][i]);
    }
    boolean[] used = new boolean[k];
    List<double[]> cols = new ArrayList<>();
    List<Integer> pivots = new ArrayList<>();
    // the variables not yet pivots, in index order: only their block of s is updated and read
    // (k³/3 multiply-adds in all, not k³)
    int[] rest = new int[k];
    for (int i = 0; i < k; i++) {
      rest[i] = i;
    }
    int left = k;
    while (true) {
      int p = -1;
      int at = -1;
      for (int q = 0; q < left; q++) {
        int i = rest[q];
        if (s[i][i] > drop * d0[i] && s[i][i] > 0 && (p < 0 || s[i][i] > s[p][p])) {
          p = i;
          at = q;
          if (inOrder) {
            break;
          }
        }
      }
      if (p < 0) {
        break;
      }
      used[p] = true;
      pivots.add(p);
      System.arraycopy(rest, at + 1, rest, at, left - at - 1);
      left--;
      double d = Math.sqrt(s[p][p]);
      double[] col = new double[k];
      col[p] = s[p][p] / d;
      for (int q = 0; q < left; q++) {
        col[rest[q]] = s[rest[q]][p] / d;
      }
      for (int q = 0; q < left; q++) {
        int i = rest[q];
        double ci = col[i];
        if (ci == 0) {
          continue;
        }
        double[] row = s[i];
        for (int r = 0; r < left; r++) {
          int j = rest[r];
          row[j] -= ci * col[j];
        }
      }
      cols.add(col);
    }
    // the remaining Schur complement must be PSD within the tolerance (relative to each
    // variable's own variance, so that the verdict does not depend on units)
    for (int i = 0; i < k; i++) {
      if (used[i]) {
        continue;
      }
      if (s[i][i] < -tol * d0[i]) {
        throw new NotGaussianException(notPsd(names, c, i, -1, s[i][i] * scale, cols, pivots));
      }
      for (int j = 0; j < i; j++) {
        if (!used[j] && Math.abs(s[i][j]) > Math.sqrt(Math.max(0, s[i][i]) * Math.max(0, s[j][j]))
            + tol * Math.sqrt(d0[i] * d0[j])) {
          double[][] m = {{s[j][j], s[i][j]}, {s[i][j], s[i][i]}};
          double ev = 0.5 * (m[0][0] + m[1][1])
              - Math.sqrt(0.25 * (m[0][0] - m[1][1]) * (m[0][0] - m[1][1]) + m[0][1] * m[0][1]);
          throw new NotGaussianException(notPsd(names, c, i, j, ev * scale, cols, pivots));
        }
      }
    }
    double root = Math.sqrt(scale);
    // in order: column j belongs to input j (zero for an input that depends on earlier ones), so
    // L is lower triangular and a sampler that draws k normals per coordinate is reproducible
    double[][] l = new double[k][inOrder ? k : cols.size()];
    for (int q = 0; q < cols.size(); q++) {
      int col = inOrder ? pivots.get(q) : q;
      for (int i = 0; i < k; i++) {
        l[i][col] = cols.get(q)[i] * root;
      }
    }
    return l;
  }

  /**
   * {@link #pivotedCholesky} in order (the factor of {@link #of(Program)}), the same numbers bit
   * for bit, left-looking: each pivot's column is computed when its turn comes, as dot products
   * of contiguous rows of L with the earlier pivots, in their order ({@code s_ij − L_i1 L_j1 −
   * L_i2 L_j2 − …}, a term skipped where the right-looking update skips it: where L_i of the
   * row is 0), instead of updating the whole remaining Schur complement after every pivot. That
   * is k³/6 multiply-adds instead of k³/3, along arrays instead of through an index list: a
   * fraction of the time of {@code pivotedCholesky(…, true)} for the 201 initial vectors of
   * the 200-token RNN, most of the validation of that program. InitialGaussianTest compares the
   * two on random matrices of every rank, PSD or not.
   */
  static double[][] inOrderCholesky(List<String> names, double[][] c, double drop) {
    int k = c.length;
    double scale = largestAbs(c);
    if (k == 0 || scale == 0) {
      return new double[k][0];
    }
    double[] d0 = new double[k];
    for (int i = 0; i < k; i++) {
      d0[i] = Math.max(0, c[i][i] / scale);
    }
    // row i of L over the pivots so far (column m: the m-th pivot), and the pivots in order
    double[][] l = new double[k][k];
    int[] pivots = new int[k];
    boolean[] used = new boolean[k];
    int np = 0;
    for (int p = 0; p < k; p++) {
      double spp = remaining(c[p][p] / scale, l[p], l[p], np);
      if (!(spp > drop * d0[p] && spp > 0)) {
        continue; // not a pivot: a linear combination of the earlier ones (checked below)
      }
      double d = Math.sqrt(spp);
      double[] lp = l[p];
      double[] cp = c[p];
      for (int i = 0; i < k; i++) {
        if (i != p && !used[i]) {
          l[i][np] = remaining(c[i][p] / scale, l[i], lp, np) / d;
        }
      }
      lp[np] = spp / d;
      used[p] = true;
      pivots[np++] = p;
    }
    if (np < k) {
      // the remaining Schur complement among the variables that are not pivots
      double tol = PSD_TOLERANCE;
      for (int i = 0; i < k; i++) {
        if (used[i]) {
          continue;
        }
        double sii = remaining(c[i][i] / scale, l[i], l[i], np);
        if (sii < -tol * d0[i]) {
          throw new NotGaussianException(notPsd(names, c, i, -1, sii * scale,
              columns(l, np), List.of(Arrays.stream(pivots, 0, np).boxed()
                  .toArray(Integer[]::new))));
        }
        for (int j = 0; j < i; j++) {
          if (used[j]) {
            continue;
          }
          double sjj = remaining(c[j][j] / scale, l[j], l[j], np);
          double sij = remaining(c[i][j] / scale, l[i], l[j], np);
          if (Math.abs(sij) > Math.sqrt(Math.max(0, sii) * Math.max(0, sjj))
              + tol * Math.sqrt(d0[i] * d0[j])) {
            double ev = 0.5 * (sjj + sii)
                - Math.sqrt(0.25 * (sjj - sii) * (sjj - sii) + sij * sij);
            throw new NotGaussianException(notPsd(names, c, i, j, ev * scale, columns(l, np),
                List.of(Arrays.stream(pivots, 0, np).boxed().toArray(Integer[]::new))));
          }
        }
      }
    }
    // in input order: column j belongs to input j (zero for an input that is not a pivot)
    double root = Math.sqrt(scale);
    double[][] out = new double[k][k];
    for (int i = 0; i < k; i++) {
      double[] li = l[i];
      double[] oi = out[i];
      for (int m = 0; m < np; m++) {
        oi[pivots[m]] = li[m] * root;
      }
    }
    return out;
  }

  /**
   * {@code x − a_0 b_0 − a_1 b_1 − …} over the first {@code n} pivots, in order, each term
   * skipped where {@code a_m} is 0 (as the right-looking update skips a row whose L entry is 0:
   * the same signed zeros).
   */
  private static double remaining(double x, double[] a, double[] b, int n) {
    for (int m = 0; m < n; m++) {
      double am = a[m];
      if (am != 0) {
        x -= am * b[m];
      }
    }
    return x;
  }

  /** The first {@code n} columns of the row-major {@code l}, one array each. */
  private static List<double[]> columns(double[][] l, int n) {
    List<double[]> cols = new ArrayList<>(n);
    for (int m = 0; m < n; m++) {
      double[] col = new double[l.length];
      for (int i = 0; i < l.length; i++) {
        col[i] = l[i][m];
      }
      cols.add(col);
    }
    return cols;
  }

  private static Failure notPsd(List<String> names, double[][] c, int i, int j, double value,
      List<double[]> cols, List<Integer> pivots) {
    List<String> who = new ArrayList<>();
    for (int q = 0; q < pivots.size(); q++) {
      double li = cols.get(q)[i];
      double lj = j >= 0 ? cols.get(q)[j] : 0;
      if (Math.abs(li) > 1e-6 || Math.abs(lj) > 1e-6) {
        who.add(names.get(pivots.get(q)));
      }
    }
    if (j >= 0) {
      who.add(names.get(j));
    }
    who.add(names.get(i));
    String detail = "";
    for (String a : who) {
      for (String b : who) {
        int ia = names.indexOf(a);
        int ib = names.indexOf(b);
        if (ia < ib && c[ia][ib] * c[ia][ib] > c[ia][ia] * c[ib][ib] * (1 + 2 * PSD_TOLERANCE)
            && detail.isEmpty()) {
          detail = ": |cov(" + a + ", " + b + ")| = " + Math.abs(c[ia][ib]) + " exceeds √(var "
              + a + " · var " + b + ") = " + Math.sqrt(c[ia][ia] * c[ib][ib]);
        }
      }
    }
    return new Failure(who, "the covariance of the initial vectors " + String.join(", ", who)
        + " is not positive semidefinite (a direction of variance " + String.format("%.3g", value)
        + ")" + detail + "; no Gaussian has these covariances: lower the cov(…) entries between"
        + " them or raise their variances");
  }

  /** The initial vectors, in program order. */
  public List<String> names() {
    return names;
  }

  /** Index of an initial vector in {@link #names()}, or -1. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }

  public double mean(int i) {
    return mean[i];
  }

  /** Σ_in[i][j] as declared. */
  public double covariance(int i, int j) {
    return cov[i][j];
  }

  /** Row i of Σ_in up to the diagonal, Σ_in[i][0..i], in a new array. */
  public double[] covarianceRow(int i) {
    return Arrays.copyOf(cov[i], i + 1);
  }

  /** L's number of columns: k, one per input (zero columns for dependent inputs). */
  public int rank() {
    return factor.length == 0 ? 0 : factor[0].length;
  }

  /**
   * L (k × k lower triangular, a copy) with Σ_in = L Lᵀ within {@link #PSD_TOLERANCE}: the
   * Cholesky factor in input order, column j zero when input j is a linear combination of the
   * earlier ones.
   */
  public double[][] factor() {
    double[][] out = new double[factor.length][];
    for (int i = 0; i < factor.length; i++) {
      out[i] = factor[i].clone();
    }
    return out;
  }

  /** Row i of L (a copy): input i is μ_i + Σ_q L_iq ξ_q for k iid standard normals ξ. */
  public double[] factorRow(int i) {
    return Arrays.copyOf(factor[i], factor[i].length);
  }
}
