package org.tpe.limit.integrate;

import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.tpe.limit.CancellationToken;

/**
 * E f(Z), Z ~ N(0, I_r), by randomized quasi-Monte Carlo: M independent randomizations of the
 * Sobol sequence ({@link ScrambledSobol}: Matoušek's linear scrambling plus a digital shift),
 * mapped to normals by {@link NormalQuantile}; the estimate is the mean of the M averages, the
 * error the two-sided {@value #CONFIDENCE_PERCENT} % Student-t half-width t_{M−1}·s/√M of their
 * spread s. The number N of points per randomization starts at {@code initialPoints} and doubles
 * (reusing the points already summed, so each step is again a (t, m, r)-net) until the error is
 * within tolerance or the next doubling would exceed the budget.
 *
 * <p><b>What the error means.</b> Each randomization's average is an unbiased estimate of E f
 * (up to the midpoint cells of width 2⁻⁵², i.e. |z| ≤ 8.3: the mass beyond, 1.1·10⁻¹⁶, is left
 * out); for square-integrable f the M averages are independent and, for smooth f, close to
 * normal, so the interval covers E f with probability ≈ {@value #CONFIDENCE_PERCENT} % at a
 * fixed N (the tests check it over many seeds). Stopping at the first N whose interval is small
 * enough makes the coverage of the returned interval a little lower than nominal. For heavy-
 * tailed |f|φ (e^{a·z} with large |a|) the spread of M averages under-estimates the error; a
 * feature of probability well below 1/(M·N) may be missed entirely. Use the deterministic rules
 * when they can be afforded. Convergence: error ≈ N^{−1} to N^{−3/2} for smooth f of moderate
 * dimension, N^{−1/2} at worst.
 *
 * <p>Deterministic: the randomizations are drawn from a seeded generator, so a call returns the
 * same result every time (the M randomizations are evaluated in parallel).
 */
public final class RandomizedQuasiMonteCarlo implements GaussianExpectation {
  /** Largest dimension of Commons Math's Joe–Kuo direction numbers. */
  public static final int MAX_DIMENSION = 1000;
  static final int CONFIDENCE_PERCENT = 99;
  private static final int BLOCK = 256;

  private final long seed;
  private final int randomizations;
  private final int initialPoints;
  private final double t;

  /** 16 randomizations, from 1024 points each, with a fixed seed. */
  public RandomizedQuasiMonteCarlo() {
    this(0x5eed_50b0_1L, 16, 1024);
  }

  /**
   * @param seed seeds the randomizations
   * @param randomizations M ≥ 4 (the error's degrees of freedom are M − 1)
   * @param initialPoints the first N, a power of two
   */
  public RandomizedQuasiMonteCarlo(long seed, int randomizations, int initialPoints) {
    if (randomizations < 4) {
      throw new IllegalArgumentException("at least 4 randomizations are needed: "
          + randomizations);
    }
    if (initialPoints < 1 || Integer.bitCount(initialPoints) != 1) {
      throw new IllegalArgumentException("initialPoints must be a power of two: "
          + initialPoints);
    }
    this.seed = seed;
    this.randomizations = randomizations;
    this.initialPoints = initialPoints;
    this.t = new TDistribution(null, randomizations - 1)
        .inverseCumulativeProbability(1 - (1 - CONFIDENCE_PERCENT / 100.0) / 2);
  }

  /** This rule with another seed. */
  public RandomizedQuasiMonteCarlo withSeed(long newSeed) {
    return new RandomizedQuasiMonteCarlo(newSeed, randomizations, initialPoints);
  }

  /** The Student-t factor of the error: t_{M−1} at the two-sided confidence level. */
  double studentT() {
    return t;
  }

  @Override
  public IntegrationResult integrate(GaussianIntegrand f, Tolerance tol,
      CancellationToken cancel) {
    int r = f.dimension();
    if (r < 1 || r > MAX_DIMENSION) {
      throw new IllegalArgumentException("randomized quasi-Monte Carlo integrates 1 to "
          + MAX_DIMENSION + " dimensions, not " + r);
    }
    Effort effort = new Effort(tol.maxEvaluations(), cancel);
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed,
        0x9e37_79b9_7f4a_7c15L ^ r});
    ScrambledSobol.Cursor[] cursors = new ScrambledSobol.Cursor[randomizations];
    for (int m = 0; m < randomizations; m++) {
      cursors[m] = ScrambledSobol.random(r, rng).cursor();
    }
    double[] sums = new double[randomizations];
    double[] comps = new double[randomizations];
    long n = 0;
    long target = Math.min(initialPoints, 1L << ScrambledSobol.MAX_LOG_POINTS);
    String method = "randomized quasi-Monte Carlo (scrambled Sobol, " + randomizations + " × ";
    if ((long) randomizations * target > tol.maxEvaluations()) {
      throw IntegrationFailure.budget(tol.maxEvaluations());
    }
    while (true) {
      long from = n;
      long to = target;
      IntStream.range(0, randomizations).parallel().forEach(m -> {
        double[] s = sum(f, cursors[m], to - from, effort);
        double total = sums[m] + s[0];
        comps[m] += Math.abs(sums[m]) >= Math.abs(s[0]) ? (sums[m] - total) + s[0]
            : (s[0] - total) + sums[m];
        comps[m] += s[1];
        sums[m] = total;
      });
      n = target;
      double mean = 0;
      double[] est = new double[randomizations];
      for (int m = 0; m < randomizations; m++) {
        est[m] = (sums[m] + comps[m]) / n;
        mean += est[m];
      }
      mean /= randomizations;
      double ss = 0;
      for (double e : est) {
        ss += (e - mean) * (e - mean);
      }
      double error = t * Math.sqrt(ss / (randomizations - 1) / randomizations);
      IntegrationResult result = new IntegrationResult(mean, error, method + n + " points, "
          + CONFIDENCE_PERCENT + " % t-interval)", effort.used());
      if (error <= tol.allowedError(mean)) {
        return result;
      }
      if (2 * n > 1L << ScrambledSobol.MAX_LOG_POINTS
          || randomizations * n > effort.remaining()) {
        throw IntegrationFailure.budget(tol.maxEvaluations()).withBestEstimate(result);
      }
      target = 2 * n;
    }
  }

  /** {sum, compensation} of f over the cursor's next {@code count} points. */
  private static double[] sum(GaussianIntegrand f, ScrambledSobol.Cursor cursor, long count,
      Effort effort) {
    int r = f.dimension();
    double[] pts = new double[BLOCK * r];
    double[] vals = new double[BLOCK];
    double sum = 0;
    double comp = 0;
    for (long done = 0; done < count; done += BLOCK) {
      int b = (int) Math.min(BLOCK, count - done);
      effort.charge(b);
      for (int i = 0; i < b; i++) {
        cursor.next(pts, i * r);
      }
      for (int i = 0; i < b * r; i++) {
        pts[i] = NormalQuantile.of(pts[i]);
      }
      f.values(pts, b, vals);
      for (int i = 0; i < b; i++) {
        double v = vals[i];
        if (!Double.isFinite(v)) {
          double[] z = new double[r];
          System.arraycopy(pts, i * r, z, 0, r);
          throw IntegrationFailure.nonFinite(z, v);
        }
        double s = sum + v;
        comp += Math.abs(sum) >= Math.abs(v) ? (sum - s) + v : (v - s) + sum;
        sum = s;
      }
    }
    return new double[] {sum, comp};
  }
}
