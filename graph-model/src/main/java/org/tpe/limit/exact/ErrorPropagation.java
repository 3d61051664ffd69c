package org.tpe.limit.exact;

import java.util.HashMap;
import java.util.Map;
import org.tpe.expr.Derivative;
import org.tpe.expr.Expr;
import org.tpe.limit.Estimate;
import org.tpe.model.ScalarOp;
import org.tpe.model.VarKind;

/**
 * First-order propagation of errors into later quantities: a Nonlin's L² error bound δ from its
 * arguments' δ and its scalar parameters' errors (Σ √E[(∂φ/∂a)²] δ_a + Σ √E[(∂φ/∂θ)²] Δθ), a
 * Moment's error (Σ √E[(∂φ/∂a)²] δ_a + Σ |E ∂φ/∂θ| Δθ, by Cauchy–Schwarz), and a ScalarOp's
 * (|∇f|·Δθ). Derivatives are taken almost everywhere ({@link Derivative}): the jump of a step
 * function is not seen, which is why this is first order and not a bound for discontinuous φ.
 * Costs one expectation per (instruction, input with a nonzero error); none when all errors are 0.
 */
final class ErrorPropagation {
  /** How the integrals of the propagation are named (they are not results of their own). */
  static final String WHAT = "the error propagation of ";

  private final ExactEngine engine;

  ErrorPropagation(ExactEngine engine) {
    this.engine = engine;
  }

  double nonlin(Expr phi, String owner) {
    return propagate(phi, owner, false);
  }

  double moment(Expr phi, String owner) {
    return propagate(phi, owner, true);
  }

  private double propagate(Expr phi, String owner, boolean moment) {
    double out = 0;
    for (String r : phi.references()) {
      VarKind k = engine.program.kindOf(r);
      double err = k == VarKind.SCALAR ? engine.scalars.get(r).error() : engine.delta(r);
      if (err == 0) {
        continue;
      }
      if (!Double.isFinite(err)) {
        return Double.POSITIVE_INFINITY;
      }
      Expr d = Derivative.of(phi, r);
      double factor;
      try {
        if (moment && k == VarKind.SCALAR) {
          factor = Math.abs(expect(d, owner));
        } else {
          factor = Math.sqrt(Math.max(0, expect(Expr.bin('*', d, d), owner)));
        }
      } catch (ExactFailure f) {
        return Double.POSITIVE_INFINITY; // the error cannot be propagated: say so, not 0
      }
      out += factor * err;
    }
    return out;
  }

  private double expect(Expr e, String owner) {
    Expr s = engine.substitute(e, owner);
    return engine.expectations.expect(engine.expandChecked(s, owner), owner,
        WHAT + owner).value();
  }

  /** Value of f(θ…) and |∇f|·errors as its error. */
  static Estimate scalarOp(ScalarOp so, Map<String, Estimate> scalars) {
    Map<String, Double> vals = new HashMap<>();
    scalars.forEach((k, v) -> vals.put(k, v.value()));
    double v = so.f().evaluate(vals);
    if (!Double.isFinite(v)) {
      throw new ExactFailure(so.target(), so.target() + " := " + so.f().toText() + " is " + v
          + " (a function is evaluated outside its domain or overflows)", false);
    }
    double err = 0;
    for (String r : so.f().references()) {
      double e = scalars.get(r).error();
      if (e > 0) {
        err += Math.abs(Derivative.of(so.f(), r).evaluate(vals)) * e;
      }
    }
    return new Estimate(v, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
  }
}
