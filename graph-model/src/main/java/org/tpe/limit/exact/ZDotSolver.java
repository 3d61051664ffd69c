package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.List;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.limit.Estimate;
import org.tpe.limit.calculus.ZDotTerm;
import org.tpe.limit.exact.Expansion.Term;

/**
 * The ZDot coefficients of one MatMul h = Wx in the Stein form (TP IIb App. B, Remark B.6): with
 * gᵢ = Wᵀyᵢ the earlier MatMuls whose terms are not ruled out, C_ij = Cov(Ẑ^{gᵢ}, Ẑ^{gⱼ}) and
 * b_j = E[Ẑ^{gⱼ} Z^x], the expected derivatives are E[∂Z^x/∂Ẑ^{gᵢ}] = (C⁺b)ᵢ (Stein's lemma for
 * the Gaussian family, conditioning on everything independent of it; no derivative of φ is
 * taken, so relu and step need nothing special), and cᵢ = σ_W² (C⁺b)ᵢ. C⁺ is the Moore–Penrose
 * pseudo-inverse (the yᵢ may be linearly dependent). Errors to first order: Δd = |C⁺|(Δb + ΔC|d|).
 */
final class ZDotSolver {
  private final ExactEngine engine;
  private final double sigma2;

  ZDotSolver(ExactEngine engine, double sigma2) {
    this.engine = engine;
    this.sigma2 = sigma2;
  }

  List<SymbolicZ.ZDotCoefficient> solve(String x, List<ZDotTerm> terms) {
    int m = terms.size();
    double[][] c = new double[m][m];
    double[][] cErr = new double[m][m];
    int[] hats = new int[m];
    for (int i = 0; i < m; i++) {
      hats[i] = engine.basis.index(engine.hatOf(terms.get(i).opposite().target()));
    }
    for (int i = 0; i < m; i++) {
      String yi = terms.get(i).opposite().argument();
      for (int j = 0; j < m; j++) {
        c[i][j] = engine.basis.cov(hats[i], hats[j]);
        cErr[i][j] = sigma2 * engine.secondMoment(yi, terms.get(j).opposite().argument())
            .error();
      }
    }
    engine.log.begin(MethodLog.Quantity.ZDOT_COEFFICIENT, engine);
    double[] b = new double[m];
    double[] bErr = new double[m];
    String owner = terms.get(0).matMul().target();
    for (int j = 0; j < m; j++) {
      String hat = engine.hatOf(terms.get(j).opposite().target());
      List<Term> hatTerm = List.of(new Term(1, List.of(new Expansion.Atom(Fn.ID,
          Lin.unit(hats[j]))), List.of()));
      List<Term> p = Expansion.multiply(hatTerm, engine.expansionOf(x));
      if (p == null) {
        p = engine.expandChecked(Expr.bin('*', Expr.ref(hat), engine.exprOf(x)), owner);
      }
      double scale = Math.sqrt(Math.max(0, c[j][j])
          * Math.max(0, engine.secondMoment(x, x).value()));
      Estimate e = engine.expectations.expect(p, scale, owner,
          new Expectations.What(hat, "Z^" + x));
      b[j] = e.value();
      bErr[j] = e.error() + Math.sqrt(Math.max(0, c[j][j])) * engine.delta(x);
    }
    engine.log.end(engine);
    double[][] pinv = new double[m][];
    double[] d;
    if (m == 1) {
      pinv[0] = new double[] {c[0][0] > 0 ? 1 / c[0][0] : 0};
      d = new double[] {pinv[0][0] * b[0]};
    } else {
      d = ExactEngine.pseudoSolve(c, b, pinv);
    }
    List<SymbolicZ.ZDotCoefficient> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      double err = 0;
      for (int j = 0; j < m; j++) {
        double cd = 0;
        for (int k = 0; k < m; k++) {
          cd += cErr[j][k] * Math.abs(d[k]);
        }
        err += Math.abs(pinv[i][j]) * (bErr[j] + cd);
      }
      if (!Double.isFinite(d[i]) || !Double.isFinite(sigma2 * d[i])) {
        throw new ExactFailure(owner, "the ZDot coefficient of " + owner + " on Z^"
            + terms.get(i).opposite().argument() + " overflows", false);
      }
      Estimate deriv = new Estimate(d[i], Double.isFinite(err) ? err : Double.MAX_VALUE);
      out.add(new SymbolicZ.ZDotCoefficient(terms.get(i), deriv,
          new Estimate(sigma2 * d[i], sigma2 * deriv.error())));
    }
    return out;
  }
}
