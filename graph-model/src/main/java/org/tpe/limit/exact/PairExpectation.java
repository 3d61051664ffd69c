package org.tpe.limit.exact;

import java.util.List;
import org.tpe.expr.Expr;
import org.tpe.limit.Estimate;
import org.tpe.limit.exact.Expansion.Term;
import org.tpe.limit.gauss.GaussianIntegrals;

/**
 * E[Z^a Z^b] for two vectors: the product of their expansions (one closed form in the common case
 * of a G-var or ψ of one G-var against another), integrated by {@link Expectations}; plus the
 * first-order error from the vectors' L² error bounds, ‖a‖δ_b + ‖b‖δ_a + δ_aδ_b.
 */
final class PairExpectation {
  private final ExactEngine engine;
  private final Expectations expectations;
  private final boolean logged;

  PairExpectation(ExactEngine engine) {
    this(engine, engine.expectations, true);
  }

  /**
   * Second moments integrated by {@code expectations} (another thread's, whose counts its owner
   * adds to the engine's log), with the engine's method log only when {@code logged}.
   */
  PairExpectation(ExactEngine engine, Expectations expectations, boolean logged) {
    this.engine = engine;
    this.expectations = expectations;
    this.logged = logged;
  }

  /**
   * E[(Z^v)²] for the absolute tolerance's scale: computed (and cached) on the engine's own
   * thread; on another thread only if already known (0, no scale, otherwise: the integrator then
   * takes a pilot scale), since the engine's cache is not shared between threads.
   */
  private double ownMoment(int v) {
    if (logged) {
      return engine.secondMoment(v, v).value();
    }
    Estimate known = engine.knownSecondMoment(v, v);
    return known == null ? 0 : known.value();
  }

  /** E[Z^a Z^b] of the vectors a, b whose {@link ExactEngine#vectorId}s are i, j. */
  Estimate of(String a, int i, String b, int j, String owner) {
    List<Term> ea = engine.expansionOf(i);
    List<Term> eb = engine.expansionOf(j);
    double da = engine.delta(i);
    double db = engine.delta(j);
    if (da == 0 && db == 0) {
      // the common case, two one-atom vectors without errors of their own (every pair of the
      // states of a recurrent program): the closed form, counted as the frame below would
      double r = closedForm(engine.basis, engine.oneAtom(i), engine.oneAtom(j), owner, a, b);
      if (!Double.isNaN(r)) {
        if (logged) {
          engine.log.closedForm(MethodLog.Quantity.SECOND_MOMENT, engine);
        } else {
          expectations.closedForms++;
        }
        return Estimate.exact(r);
      }
    }
    if (logged) {
      engine.log.begin(MethodLog.Quantity.SECOND_MOMENT, engine);
    }
    // (with no errors of their own the closed form was tried above)
    Estimate e = da == 0 && db == 0 ? null
        : singleAtoms(engine.oneAtom(i), engine.oneAtom(j), owner, a, b);
    if (e == null) {
      List<Term> p = Expansion.multiply(ea, eb);
      if (p == null) {
        p = engine.expandChecked(Expr.bin('*', engine.exprOf(a), engine.exprOf(b)), owner);
      }
      // the Cauchy–Schwarz scale ‖a‖‖b‖ (for a ≠ b; E a² is its own scale)
      double scale = i == j ? 0 : Math.sqrt(Math.max(0, ownMoment(i)))
          * Math.sqrt(Math.max(0, ownMoment(j)));
      e = expectations.expect(p, scale, owner, new PairName(a, b));
    }
    if (logged) {
      engine.log.end(engine);
    }
    if (da == 0 && db == 0) {
      return e;
    }
    double na = i == j ? Math.sqrt(Math.max(0, e.value()))
        : Math.sqrt(Math.max(0, engine.secondMoment(i, i).value()));
    double nb = i == j ? na : Math.sqrt(Math.max(0, engine.secondMoment(j, j).value()));
    double err = e.error() + na * db + nb * da + da * db;
    // 0 · ∞ (a vector of norm 0 whose error bound could not be propagated) is no bound at all
    return new Estimate(e.value(), Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
  }

  /** "E[a b]", built only when a message needs it. */
  private record PairName(String a, String b) {
    @Override
    public String toString() {
      return "E[" + a + " " + b + "]";
    }
  }

  /**
   * E[Z^a Z^b] as one closed form when each is one atom (x, y; null when not), else null (the
   * closed form too, when it is not known for these means).
   */
  private Estimate singleAtoms(ExactEngine.OneAtom x, ExactEngine.OneAtom y, String owner,
      String a, String b) {
    double r = closedForm(engine.basis, x, y, owner, a, b);
    if (Double.isNaN(r)) {
      return null;
    }
    expectations.closedForms++;
    return Estimate.exact(r);
  }

  /**
   * E[Z^a Z^b] of two one-atom vectors x, y (null: not one atom) as one closed form ({@link
   * GaussianIntegrals}), or NaN when there is none (for these means, say).
   *
   * @throws ExactFailure when it overflows
   */
  static double closedForm(Basis basis, ExactEngine.OneAtom x, ExactEngine.OneAtom y,
      String owner, String a, String b) {
    if (x == null || y == null) {
      return Double.NaN;
    }
    double v = GaussianIntegrals.expect(x.psi(), y.psi(), x.mean(), y.mean(), x.variance(),
        basis.cov(x.lin(), y.lin()), y.variance());
    if (Double.isNaN(v)) {
      return Double.NaN;
    }
    double r = x.coef() * y.coef() * v;
    if (!Double.isFinite(r)) {
      throw new ExactFailure(owner, new PairName(a, b) + " overflows (the numbers of the program"
          + " are too large for double precision)", false);
    }
    return r;
  }
}
