package org.tpe.limit.integrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * ∫ g(x) φ(x) dx over [lo, hi] ⊆ [−{@value #RANGE}, {@value #RANGE}] by globally adaptive
 * Gauss–Kronrod G10K21 (QUADPACK's qag strategy: always bisect the piece with the largest error),
 * the one-dimensional engine of {@link NestedGaussKronrod}.
 *
 * <p>The pieces start at the breakpoints (declared kinks of g), at 0, ±3, ±6, ±9 and at the
 * ends, so the rule sees where a Gaussian weight lives; steep features that are not declared are
 * found by bisection. A piece's error is the largest of the first three estimates (plus the fourth), so that no single
 * accident can make it small:
 *
 * <ul>
 *   <li>|K21 − G10|, the difference of the embedded rules: once the piece resolves g it estimates
 *       the 10-point rule's error, far above the 21-point value's;
 *   <li>the null rules of Berntsen &amp; Espelid (1991): the top Legendre coefficients c₁₅ … c₂₀
 *       of the 21-point interpolant, in pairs E₁ = |(c₂₀, c₁₉)|, E₂, E₃. When they do not decay
 *       (ratio r = max(E₁/E₂, E₂/E₃) &gt; ½: a kink or a jump inside the piece) the estimate is
 *       10·max Eᵢ; when they do, max(1, 40·r³)·E₁ (the two agree at r = ½; the floor E₁
 *       keeps a small kink visible under a fast-decaying smooth part);
 *   <li>for a piece made by bisection, the refinement difference |K(parent) − K(left) − K(right)|,
 *       which compares two discretisations (a kink near the end of a piece, seen by two or three
 *       nodes, can leave the top coefficients decaying as if the piece were resolved);
 *   <li>a jump hidden in the gap between a piece's outermost node and its end (no node sees it):
 *       where two pieces meet at a point that is not a declared kink, their interpolants
 *       extrapolated to it must agree, and |difference|·(sum of the two gaps) is charged to them.
 * </ul>
 *
 * To the pieces' errors are added: the errors of g's values (inner integrals of a nested rule),
 * integrated with the Kronrod weights; rounding, (50 + 2x²)ε|gφ| integrated over each piece
 * (QUADPACK's floor, and the rounding of e^{−x²/2} far out); and the
 * tails beyond the ends, extrapolated from the decay of |g|φ at the two outermost nodes. Beyond
 * ±{@value #RANGE} the Gaussian density is below 2.3·10⁻³⁰⁶, so the tail term is negligible
 * unless g grows nearly as fast as e^{x²/2}; when |g|φ does not decay there the caller is told
 * (E g may be infinite).
 *
 * <p>Cost: 21 evaluations per piece; a smooth g typically needs 8–20 pieces for 10⁻¹².
 */
final class GaussKronrodLine {
  /** Half-width, in standard deviations, of the range integrated; φ(37.5) ≈ 2.3·10⁻³⁰⁶. */
  static final double RANGE = 37.5;

  /**
   * Where every integration starts to split, besides the kinks: the Gaussian's core, shoulders
   * and tails get pieces of their own, and nodes cluster near 0, where kinks of the forms the
   * engines build (relu(a·z)) meet. Coarser partitions were measured to miss undeclared thin
   * wedges (relu(z₀)·relu(−0.999z₀ + 0.045z₁)).
   */
  private static final double[] CUTS = {-9, -6, -3, 0, 3, 6, 9};
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
  private static final double EPS = Math.ulp(1.0);
  private static final int N = GaussKronrodRule.SIZE;
  /** Distance from the outermost node to the end, per unit of half-width. */
  private static final double GAP = 1 - GaussKronrodRule.NODES[N - 1];
  
  /** g on a block of points, with the error of each value and its irreducible (rounding) part. */
  interface Function {
    void evaluate(double[] x, int n, double[] values, double[] errors, double[] floors);
  }

  /**
   * The integral and the parts of its error: the rule's own (pieces' estimates and hidden-jump
   * terms), the integrated errors of g's values, rounding (own and g's), the tails beyond the
   * ends; whether |g|φ decays at both ends; the worst piece, for messages.
   */
  record Outcome(double value, double quadratureError, double innerError, double roundingError,
      double tailError, boolean decays, String worst) {
    static final Outcome ZERO = new Outcome(0, 0, 0, 0, 0, true, "");

    double error() {
      return quadratureError + innerError + roundingError + tailError;
    }
  }

  /** The state of one adaptive integration. */
  private static final class Run {
    final Function g;
    final double[] x = new double[N];
    final double[] v = new double[N];
    final double[] e = new double[N];
    final double[] fl = new double[N];
    final double[] y = new double[N];
    private final TreeSet<LinePiece> open = new TreeSet<>((p, q) -> {
      int c = Double.compare(q.error(), p.error());
      return c != 0 ? c : Long.compare(p.id, q.id);
    });
    /** Σ error() over the open pieces: what bisection can still reduce. */
    double openError;
    long ids;
    LinePiece first;
    LinePiece last;
    double k;
    double quad;
    double jumps;
    double inner;
    double round;
    double absSum;
    int pieces;

    Run(Function g) {
      this.g = g;
    }

    void add(LinePiece p) {
      k += p.kronrod;
      quad += p.quadrature;
      inner += p.inner;
      round += p.floor;
      absSum += Math.abs(p.kronrod);
      pieces++;
    }

    void remove(LinePiece p) {
      k -= p.kronrod;
      quad -= p.quadrature;
      inner -= p.inner;
      round -= p.floor;
      absSum -= Math.abs(p.kronrod);
      pieces--;
    }

    void open(LinePiece p) {
      open.add(p);
      openError += p.error();
    }

    boolean close(LinePiece p) {
      if (open.remove(p)) {
        openError -= p.error();
        return true;
      }
      return false;
    }

    LinePiece pollWorst() {
      LinePiece p = open.pollFirst();
      if (p != null) {
        openError -= p.error();
      }
      return p;
    }

    boolean hasOpen() {
      return !open.isEmpty();
    }

    /** Recomputes the running sums from the pieces. */
    void resum() {
      k = 0;
      quad = 0;
      jumps = 0;
      inner = 0;
      round = 0;
      absSum = 0;
      pieces = 0;
      for (LinePiece p = first; p != null; p = p.next) {
        add(p);
        jumps += p.jumpB;
      }
      openError = 0;
      for (LinePiece p : open) {
        openError += p.error();
      }
    }

    /** The error as {@link #finish} will count it (up to the drift of these running sums). */
    double total(double lo, double hi) {
      return quad + jumps + inner + round + summationRounding(pieces, absSum) + tail(lo, hi);
    }

    /**
     * Makes q the right neighbour of p and sets the hidden-jump term of their boundary,
     * replacing p.jumpB in the running sum; both are taken out of the queue before their
     * errors (the queue's keys) change, and put back.
     */
    void link(LinePiece p, LinePiece q) {
      boolean pOpen = close(p);
      boolean qOpen = close(q);
      p.next = q;
      q.prev = p;
      double gaps = GAP * 0.5 * ((p.b - p.a) + (q.b - q.a));
      double term = q.declaredA ? 0 : Math.abs(p.atB - q.atA) * gaps;
      double termNoise = q.declaredA ? 0 : (p.atBNoise + q.atANoise) * gaps;
      jumps += term - p.jumpB;
      p.jumpB = term;
      q.jumpA = term;
      p.jumpNoiseB = termNoise;
      q.jumpNoiseA = termNoise;
      if (pOpen) {
        open(p);
      }
      if (qOpen) {
        open(q);
      }
    }

    double tail(double lo, double hi) {
      return GaussKronrodLine.tail(first.xl1, first.yl1, first.xl0, first.yl0, lo)
          + GaussKronrodLine.tail(last.xr1, last.yr1, last.xr0, last.yr0, hi);
    }

    LinePiece evaluate(double a, double b) {
      double c = 0.5 * (a + b);
      double h = 0.5 * (b - a);
      for (int j = 0; j < N; j++) {
        x[j] = c + h * GaussKronrodRule.NODES[j];
        e[j] = 0;
        fl[j] = 0;
      }
      g.evaluate(x, N, v, e, fl);
      double kr = 0;
      double gauss = 0;
      double abs = 0;
      double in = 0;
      double inFloor = 0;
      boolean noisy = false;
      double atA = 0;
      double atB = 0;
      double roundingSum = 0;
      for (int j = 0; j < N; j++) {
        double w = Math.exp(-0.5 * x[j] * x[j]) * INV_SQRT_2PI;
        double fw = v[j] * w;
        v[j] = fw;
        y[j] = Math.abs(fw);
        kr += GaussKronrodRule.KRONROD[j] * fw;
        gauss += GaussKronrodRule.GAUSS[j] * fw;
        abs += GaussKronrodRule.KRONROD[j] * y[j];
        roundingSum += GaussKronrodRule.KRONROD[j] * y[j] * roundingFactor(x[j]);
        in += GaussKronrodRule.KRONROD[j] * w * e[j];
        inFloor += GaussKronrodRule.KRONROD[j] * w * fl[j];
        noisy |= e[j] > 0;
        // from here on: the error bar of gφ, inherited and from rounding
        e[j] = e[j] * w + 0.1 * roundingFactor(x[j]) * EPS * y[j];
        atA += GaussKronrodRule.AT_LEFT[j] * fw;
        atB += GaussKronrodRule.AT_RIGHT[j] * fw;
      }
      kr *= h;
      gauss *= h;
      abs *= h;
      in *= h;
      inFloor *= h;
      if (!Double.isFinite(kr) || !Double.isFinite(abs) || !Double.isFinite(atA)
          || !Double.isFinite(atB)) {
        throw new IntegrationFailure(IntegrationFailure.Reason.NON_FINITE_INTEGRAND,
            "the integral overflows on [" + a + ", " + b + "]: the integrand is too large for"
                + " double precision; rescale it", null, null);
      }
      double atANoise = 0;
      double atBNoise = 0;
      for (int j = 0; j < N; j++) {
        atANoise += Math.abs(GaussKronrodRule.AT_LEFT[j]) * e[j];
        atBNoise += Math.abs(GaussKronrodRule.AT_RIGHT[j]) * e[j];
      }
      double[] nulls = NullRules.estimate(v, e, h);
      double quadrature = Math.max(Math.abs(kr - gauss), nulls[0]);
      double rounding = EPS * h * roundingSum;
      // Noise of the values: the null rules at their worst on the error bars (rounding
      // included), or the refinement difference (parent's and children's inner errors, ≈ 3·in).
      double noise = Math.max(nulls[1], noisy ? 3 * in : 0);
      return new LinePiece(ids++, a, b, kr, quadrature, in, rounding, rounding + inFloor, noise, atA,
          atB, atANoise, atBNoise, x, y);
    }
  }

  private GaussKronrodLine() {}

  /**
   * ∫_lo^hi g φ with error ≤ max(absTol, relTol·|value|) when reachable; never throws for
   * non-convergence (the outcome's error says how far it got), only for the budget, a non-finite
   * g (from g itself) or cancellation.
   *
   * @param breaks declared kinks of g (any order; those outside (lo, hi) are ignored)
   * @param verify bisect every first piece at once (g may have kinks that were not declared)
   * @param method the rule's name for the best estimate attached to a budget failure, or null for
   *     an inner level (whose caller reports)
   */
  static Outcome integrate(Function g, double lo, double hi, double[] breaks, double absTol,
      double relTol, boolean verify, Effort effort, String method) {
    if (!(hi > lo)) {
      return Outcome.ZERO;
    }
    Run run = new Run(g);
    try {
      initialPartition(run, lo, hi, breaks, verify);
      while (true) {
        double allowed = Math.max(absTol, relTol * Math.abs(run.k));
        // Done when what bisection can still reduce (the open pieces' errors; pieces at their
        // rounding or noise floor are closed) is well below the tolerance, or within a few
        // times the rounding floor of the whole sum (estimates do not fall below that).
        if (run.openError <= Math.max(allowed / 8, 4 * run.round) || !run.hasOpen()) {
          break;
        }
        if (run.total(lo, hi) <= allowed) {
          // The running sums drift by rounding over many splits: decide on exact ones.
          Outcome o = finish(run, lo, hi);
          if (o.error() <= Math.max(absTol, relTol * Math.abs(o.value()))) {
            return o;
          }
          run.resum();
        }
        LinePiece p = run.pollWorst();
        if (p.worthSplitting()) { // else at its rounding or inner-error floor, or too short
          split(run, p);
        }
      }
    } catch (IntegrationFailure e) {
      if (method == null || e.reason() != IntegrationFailure.Reason.BUDGET_EXCEEDED
          || run.last == null) {
        throw e;
      }
      double err = run.total(lo, hi);
      throw e.withBestEstimate(Double.isFinite(run.k) && Double.isFinite(err)
          ? new IntegrationResult(run.k, err, method, effort.used()) : null);
    }
    return finish(run, lo, hi);
  }

  /**
   * Evaluates the first pieces. With {@code verify}, each is evaluated and bisected at once, so
   * that every piece carries a refinement difference: without one, a kink the caller did not
   * declare, seen by only two nodes near a piece's end, can leave all of its single-piece
   * estimates below the true error (measured: up to 18 times).
   */
  private static void initialPartition(Run run, double lo, double hi, double[] breaks,
      boolean verify) {
    double[] declared = breaks.clone();
    Arrays.sort(declared);
    double[] pts = partition(lo, hi, breaks);
    List<LinePiece> pieces = new ArrayList<>();
    for (int i = 0; i + 1 < pts.length; i++) {
      LinePiece p = run.evaluate(pts[i], pts[i + 1]);
      p.declaredA = i == 0 || Arrays.binarySearch(declared, pts[i]) >= 0;
      double c = 0.5 * (p.a + p.b);
      if (verify && c > p.a && c < p.b) {
        LinePiece[] halves = bisect(run, p);
        pieces.add(halves[0]);
        pieces.add(halves[1]);
      } else {
        pieces.add(p);
      }
    }
    LinePiece prev = null;
    for (LinePiece p : pieces) {
      run.add(p);
      run.open(p);
      if (prev == null) {
        run.first = p;
      } else {
        run.link(prev, p);
      }
      prev = p;
    }
    run.last = prev; // set last: a budget failure above leaves it null (no estimate yet)
  }

  /**
   * The two halves of p, evaluated, each charged with the refinement difference |K(p) − K(l) −
   * K(r)|: an estimate from two discretisations, which no feature wider than the halves' node
   * spacing escapes (the half holding a kink may err by as much as the difference itself). The
   * difference carries the inner errors of all three pieces, so that much is noise.
   */
  private static LinePiece[] bisect(Run run, LinePiece p) {
    double c = 0.5 * (p.a + p.b);
    LinePiece l = run.evaluate(p.a, c);
    LinePiece r = run.evaluate(c, p.b);
    double refinement = Math.abs(p.kronrod - (l.kronrod + r.kronrod));
    double carried = 2 * (p.inner + l.inner + r.inner);
    for (LinePiece half : new LinePiece[] {l, r}) {
      half.quadrature = Math.max(half.quadrature, refinement);
      half.noise = Math.max(half.noise, carried);
    }
    l.declaredA = p.declaredA;
    return new LinePiece[] {l, r};
  }

  private static void split(Run run, LinePiece p) {
    LinePiece[] halves = bisect(run, p);
    LinePiece l = halves[0];
    LinePiece r = halves[1];
    run.remove(p);
    run.add(l);
    run.add(r);
    run.open(l);
    run.open(r);
    // link(a, b) replaces the term a.jumpB of the boundary it sets: prev.jumpB is p's left
    // boundary, l.jumpB and r.jumpB start at 0, and p's right boundary is dropped here.
    run.jumps -= p.jumpB;
    if (p.prev != null) {
      run.link(p.prev, l);
    } else {
      run.first = l;
    }
    run.link(l, r);
    if (p.next != null) {
      run.link(r, p.next);
    } else {
      run.last = r;
    }
  }

  private static Outcome finish(Run run, double lo, double hi) {
    // Neumaier summation from the left: the running sums drift by rounding over many splits.
    double k = 0;
    double comp = 0;
    double quad = 0;
    double inner = 0;
    double round = 0;
    double absSum = 0;
    int n = 0;
    LinePiece worst = run.first;
    for (LinePiece p = run.first; p != null; p = p.next) {
      double t = k + p.kronrod;
      comp += Math.abs(k) >= Math.abs(p.kronrod) ? (k - t) + p.kronrod : (p.kronrod - t) + k;
      k = t;
      quad += p.quadrature + p.jumpB;
      inner += p.inner;
      round += p.floor;
      absSum += Math.abs(p.kronrod);
      n++;
      if (p.error() + p.inner > worst.error() + worst.inner) {
        worst = p;
      }
    }
    round += summationRounding(n, absSum);
    boolean decays = decays(run.first.yl1, run.first.yl0) && decays(run.last.yr1, run.last.yr0);
    String where = String.format("[%.6g, %.6g]", worst.a, worst.b);
    return new Outcome(k + comp, quad, inner, round, run.tail(lo, hi), decays, where);
  }

  /**
   * The rounding of one value of gφ at x, in units of ε·|gφ|, as QUADPACK's 50 plus the
   * weight's: φ(x) = e^{−x²/2} computed at a node x = c + hξ that is itself rounded by ≈ ε|x|
   * errs by ≈ ε·x² relative (ε·600 at x = 25).
   */
  private static double roundingFactor(double x) {
    return 50 + 2 * x * x;
  }

  /**
   * Rounding of adding n piece values of total size absSum with Neumaier's compensated sum
   * (as {@link #finish} does): 2ε·absSum plus a second-order term.
   */
  private static double summationRounding(int n, double absSum) {
    return (2 + n * n * EPS) * EPS * absSum;
  }

  /** The sorted breakpoints in (lo, hi), the default cuts and the ends, without duplicates. */
  static double[] partition(double lo, double hi, double[] breaks) {
    double[] pts = new double[breaks.length + CUTS.length + 2];
    int n = 0;
    pts[n++] = lo;
    pts[n++] = hi;
    for (double c : CUTS) {
      if (c > lo && c < hi) {
        pts[n++] = c;
      }
    }
    for (double b : breaks) {
      if (b > lo && b < hi) { // false for NaN
        pts[n++] = b;
      }
    }
    Arrays.sort(pts, 0, n);
    int m = 1;
    for (int i = 1; i < n; i++) {
      if (pts[i] > pts[m - 1]) {
        pts[m++] = pts[i];
      }
    }
    return Arrays.copyOf(pts, m);
  }

  private static boolean decays(double yNear, double yFar) {
    return yFar == 0 || yFar < yNear;
  }

  /**
   * ∫ beyond {@code end} of |g|φ, assuming it keeps decaying at least exponentially at the rate
   * it has between the two outermost nodes (a Gaussian-decaying |g|φ decays faster and faster,
   * so this over-estimates it); |g|φ·{@value #RANGE} when it does not decay there.
   */
  private static double tail(double xNear, double yNear, double xFar, double yFar, double end) {
    if (yFar == 0) {
      return 0;
    }
    double gap = Math.abs(end - xFar);
    if (!(yFar < yNear)) {
      return yFar * (gap + RANGE);
    }
    double rate = Math.log(yNear / yFar) / Math.abs(xFar - xNear);
    return yFar * (gap + 1 / rate);
  }
}
