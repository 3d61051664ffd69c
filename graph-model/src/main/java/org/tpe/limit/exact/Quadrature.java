package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.integrate.GaussianExpectation;
import org.tpe.limit.integrate.GaussianExpectations;
import org.tpe.limit.integrate.GaussianIntegrand;
import org.tpe.limit.integrate.Hyperplane;
import org.tpe.limit.integrate.IntegrationFailure;
import org.tpe.limit.integrate.IntegrationResult;
import org.tpe.limit.integrate.Smoothness;
import org.tpe.limit.integrate.Tolerance;

/**
 * The one place where the exact engine calls a Gaussian integrator: E f(z), z ~ N(0, I_r), by
 * {@link GaussianExpectations#standard()} — whole-line nested adaptive Gauss–Kronrod in 1–3
 * dimensions (an error meant as a bound; analytic integrands try a Gauss–Hermite ladder first at
 * every level, and are nested up to 4-D), scrambled-Sobol randomized quasi-Monte Carlo above (a
 * 99 % Student-t half-width over 16 randomizations). This is the numerical end of the Master
 * Theorem (TP IIb Thm. 6.4): every expectation the engine cannot do in closed form comes here.
 *
 * <p><b>Tolerances.</b> Relative {@link #relativeTolerance(int, double)} (by default 10⁻¹² in
 * 1-D, 10⁻¹⁰ in 2-D, 10⁻⁸ in 3-D, 10⁻⁷ above; a tenth of the user's target when one is set,
 * {@code LimitOptions.tolerance}), and, where the caller knows the scale s of the quantity (for
 * E[Z^a Z^b] the Cauchy–Schwarz scale ‖a‖‖b‖), an absolute tolerance of the same relative size
 * times s, so that a value that cancels to 0 stops at an error small against its scale. If a rule
 * reaches neither within its budget but its honest best estimate has an error below {@link
 * #ACCEPTABLE_RELATIVE} of max(|value|, s), that estimate is used with its (larger) error and
 * the rule's name says so; otherwise the failure is an engine limit (another engine may take
 * over).
 *
 * <p><b>Budgets.</b> One integral may use at most {@link #MAX_EVALUATIONS_PER_INTEGRAL}
 * evaluations; a whole run shares {@link Budget} (default {@link Budget#DEFAULT_EVALUATIONS}),
 * so that no program makes the engine work for more than a few seconds before it gives up.
 *
 * <p><b>Failures.</b> A non-finite integrand (overflow of exp, a pole, a domain error inside the
 * ball |z| ≤ 37.5 where the rules evaluate) or a non-integrable one (f·φ does not decay) are the
 * program's numbers being bad: an {@link ExactFailure} that names the variable. An exhausted
 * budget or a rule that cannot converge is an engine limit ({@link ExactFailure#engineLimit()}).
 */
final class Quadrature {
  /** The most evaluations one integral may use. */
  static final long MAX_EVALUATIONS_PER_INTEGRAL = 30_000_000L;
  /** A best estimate short of the tolerance is used if its error is below this, relatively. */
  static final double ACCEPTABLE_RELATIVE = 1e-6;

  private static final int PILOT = 2048;
  /**
   * The fewest evaluations nested Gauss–Kronrod makes in 1, 2, 3 dimensions (the first partition
   * of 8 pieces of 21 nodes per level, 168^r), with r = 0 costing one: a run with less left
   * refuses at once rather than starting an integral it cannot finish.
   */
  private static final long[] MIN_EVALUATIONS = {1, 168, 168L * 168, 168L * 168 * 168};
  /** The same for analytic integrands: the first two Gauss–Hermite rungs, 30^r. */
  private static final long[] MIN_ANALYTIC = {1, 30, 30 * 30, 30 * 30 * 30};
  private static final GaussianExpectation RULE = GaussianExpectations.standard();
  private static final GaussianExpectation LOOSE = GaussianExpectations.quasiMonteCarlo();

  /** The most evaluations of one integral of {@link #integrateLoose}. */
  static final long LOOSE_EVALUATIONS = 1L << 21;


  private Quadrature() {}

  /** f(z) for z ∈ R^r; may be called from several threads at once. */
  @FunctionalInterface
  interface Integrand {
    double value(double[] z);
  }

  /** The value, its error (see {@link Quadrature}) and the rule that made it. */
  record Result(double value, double error, String rule, long evaluations) {}

  /**
   * The work left to one run of the engine, shared by all its integrals, counted in operations:
   * an evaluation of an integrand costs as many operations as its compiled expression has nodes
   * (so a chain of 40 Nonlins, each evaluation thousands of nodes, exhausts it 1000× sooner than
   * tanh of a linear form).
   */
  static final class Budget {
    /**
     * 4·10⁹ operations: measured at 1–4 ns per node (shared 2-core machine), a few seconds to
     * about fifteen; then the engine gives up (an engine limit: another engine may take over).
     */
    static final long DEFAULT_OPERATIONS = 1_000_000_000L;
    private final long total;
    private final AtomicLong left;
    private final double tolerance;

    Budget(long operations) {
      this(operations, 0);
    }

    /**
     * @param tolerance the accuracy the user asked of the run's numbers, relative to their scale
     *     (0: the engine's defaults, {@link #relativeTolerance(int, double)})
     */
    Budget(long operations, double tolerance) {
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw new IllegalArgumentException("tolerance must be finite and ≥ 0: " + tolerance);
      }
      this.total = operations;
      this.left = new AtomicLong(operations);
      this.tolerance = tolerance;
    }

    /** The accuracy asked of the run (0: the defaults). */
    double tolerance() {
      return tolerance;
    }

    /** The evaluations left of an integrand costing {@code cost} operations each. */
    long left(int cost) {
      return Math.max(0, left.get()) / Math.max(1, cost);
    }

    long total() {
      return total;
    }

    void spend(long evaluations, int cost) {
      left.addAndGet(-evaluations * Math.max(1, cost));
    }
  }

  /**
   * √(mean f²) over {@value #PILOT} pseudo-random normal points (fixed seed): the scale of f,
   * for an absolute tolerance in 2 or more dimensions when the caller knows none (a relative
   * tolerance alone is never met by an expectation that cancels to 0, such as E[xy] of
   * independent factors, and the rules would run to their budget). The error asked is then
   * relative to ‖f‖₂, which bounds |E f|. Non-finite values are left to the rule to report.
   */
  private static double pilotScale(Integrand f, int r) {
    org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian g =
        org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(
            org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(
                new long[] {0x9170_7L, r}));
    double[] z = new double[r];
    double ss = 0;
    for (int i = 0; i < PILOT; i++) {
      for (int j = 0; j < r; j++) {
        z[j] = g.sample();
      }
      double v = f.value(z);
      if (Double.isFinite(v)) {
        ss += v * v;
      }
    }
    return Math.sqrt(ss / PILOT);
  }

  /**
   * E f(z) to about 1 %, for the factors of error propagation (whose value only scales an
   * error): nested Gauss–Kronrod at 10⁻³ in 1-D, quasi-Monte Carlo at 10⁻² (of max(|E f|, the
   * pilot scale)) above, within {@value #LOOSE_EVALUATIONS} evaluations; failures as in {@link
   * #integrate}.
   */
  static Result integrateLoose(Integrand f, int r, int cost, List<Hyperplane> kinks,
      Smoothness smoothness, Budget budget, CancellationToken cancel, String owner, Object what) {
    if (r <= 1) {
      return integrate(f, r, cost, kinks, smoothness, 0, 1e-3, budget, cancel, owner, what);
    }
    double rel = 1e-2;
    long cap = Math.min(LOOSE_EVALUATIONS, budget.left(cost));
    Tolerance tol = new Tolerance(rel * pilotScale(f, r), rel, Math.max(1, cap));
    GaussianIntegrand g = GaussianIntegrand.of(r, f::value, dedupe(kinks), smoothness);
    return run(LOOSE, g, cost, tol, rel, budget, cancel, owner, what);
  }

  /**
   * The relative tolerance asked of an r-dimensional integral: with no target (0), 10⁻¹² in 1-D,
   * 10⁻¹⁰ in 2-D, 10⁻⁸ in 3-D, 10⁻⁷ above; with a target T, T/{@value #TARGET_SHARE} in every
   * dimension (within [10⁻¹³, 10⁻²]), so that the few integrals a reported number combines leave
   * it within T unless the program amplifies their errors (the error reached is stated either
   * way).
   */
  static double relativeTolerance(int r, double target) {
    if (target > 0) {
      return Math.min(1e-2, Math.max(1e-13, target / TARGET_SHARE));
    }
    return r <= 1 ? 1e-12 : r == 2 ? 1e-10 : r == 3 ? 1e-8 : 1e-7;
  }

  /** The share of a user's target asked of each integral (see {@link #relativeTolerance}). */
  static final double TARGET_SHARE = 10;

  /**
   * E f(z) over N(0, I_r).
   *
   * @param kinks hyperplanes where f or f' jumps or f turns steeply (zero normals are dropped)
   * @param smoothness what is known of f (never {@link Smoothness#UNKNOWN} when every kink is
   *     declared)
   * @param scale the scale of the result when known (0 if not): absolute tolerance = relative ·
   *     scale
   */
  static Result integrate(Integrand f, int r, int cost, List<Hyperplane> kinks,
      Smoothness smoothness, double scale, Budget budget, CancellationToken cancel, String owner,
      Object what) {
    return integrate(f, r, cost, kinks, smoothness, scale,
        relativeTolerance(r, budget.tolerance()), budget, cancel, owner, what);
  }

  private static List<Hyperplane> dedupe(List<Hyperplane> kinks) {
    List<Hyperplane> planes = new ArrayList<>();
    for (Hyperplane h : kinks) {
      if (!planes.contains(h)) {
        planes.add(h);
      }
    }
    return planes;
  }

  private static Result integrate(Integrand f, int r, int cost, List<Hyperplane> kinks,
      Smoothness smoothness, double scale, double rel, Budget budget, CancellationToken cancel,
      String owner, Object what) {
    if (r == 0) {
      double v = f.value(new double[0]);
      if (!Double.isFinite(v)) {
        throw new ExactFailure(owner, what + " is " + v + " (overflow or a domain error)",
            false);
      }
      return new Result(v, 0, "exact (constant)", 1);
    }
    List<Hyperplane> planes = dedupe(kinks);
    long cap = Math.min(MAX_EVALUATIONS_PER_INTEGRAL, budget.left(cost));
    long least = (smoothness == Smoothness.ANALYTIC && planes.isEmpty() ? MIN_ANALYTIC
        : MIN_EVALUATIONS)[Math.min(r, 3)];
    if (cap < least) {
      throw new ExactFailure(owner, what + " is beyond the exact engine's budget: a "
          + r + "-dimensional integral of an integrand of " + cost + " operations needs at least "
          + least + " evaluations, and the run has "
          + budget.left(cost) + " left of its " + budget.total() + " operations", true);
    }
    double s = Double.isFinite(scale) && scale > 0 ? scale : r > 1 ? pilotScale(f, r) : 0;
    Tolerance tol = new Tolerance(rel * s, rel, cap);
    GaussianIntegrand g = GaussianIntegrand.of(r, f::value, planes, smoothness);
    return run(RULE, g, cost, tol, rel, budget, cancel, owner, what);
  }

  private static Result run(GaussianExpectation rule, GaussianIntegrand g, int cost,
      Tolerance tol, double rel, Budget budget, CancellationToken cancel, String owner,
      Object what) {
    int r = g.dimension();
    long cap = tol.maxEvaluations();
    double s = tol.absolute() / rel;
    try {
      IntegrationResult res = rule.integrate(g, tol, cancel);
      budget.spend(res.evaluations(), cost);
      return new Result(res.value(), res.error(), res.method(), res.evaluations());
    } catch (IntegrationFailure e) {
      IntegrationResult best = e.bestEstimate().orElse(null);
      budget.spend(e.reason() == IntegrationFailure.Reason.BUDGET_EXCEEDED ? cap
          : best != null ? best.evaluations() : 0, cost);
      switch (e.reason()) {
        case NON_FINITE_INTEGRAND:
          throw new ExactFailure(owner, what + " cannot be computed: the integrand is not"
              + " finite (overflow of exp, a pole or a domain error) at some Gaussian value"
              + " within 37.5 standard deviations", false);
        case NOT_INTEGRABLE:
          throw new ExactFailure(owner, what + " does not converge: the function is not"
              + " integrable against a Gaussian (" + e.getMessage() + ")", false);
        default:
          if (best != null && best.error() <= 10 * rel
              * Math.max(Math.abs(best.value()), s)) {
            return new Result(best.value(), best.error(), best.method() + " (short of its"
                + " tolerance " + rel + ", error as stated)", best.evaluations());
          }
          throw new ExactFailure(owner, what + " is too costly for the exact engine (" + r
              + "-dimensional integral: " + e.getMessage() + ")", true);
      }
    }
  }
}
