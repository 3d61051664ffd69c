package org.tpe.spectrum;

import java.util.List;

/**
 * The numerics behind {@link FreeProduct}: for a product of free factors, solve z · w · S_μ(w) =
 * 1 + w for w = ψ_μ(1/z) (complex z, by continuation) and evaluate χ_μ(w) = w S_μ(w)/(1 + w) on
 * the real axis. S_μ = Π Sᵢ with Sᵢ(w) = 1/(σ²(1 + w)) for Marchenko–Pastur, 1/c for a point mass
 * and ζ(1 + w)/w with ψᵢ(ζ) = w for a discrete law (an inner Newton iteration, warm-started from
 * the previous solution, which is what keeps every χᵢ on its principal branch). Not thread safe:
 * one solver per computation; it keeps the inner solutions between calls.
 */
final class StieltjesSolver {
  private static final int NEWTON = 80;

  private final int m;
  /** 0 Marchenko–Pastur, 1 point mass, 2 discrete. */
  private final int[] kind;
  private final double[] param;
  private final double[] m1;
  private final double[][] atoms;
  private final double[][] weights;
  private final double[] zetaReal;

  StieltjesSolver(List<SpectralFactor> factors) {
    m = factors.size();
    kind = new int[m];
    param = new double[m];
    m1 = new double[m];
    atoms = new double[m][];
    weights = new double[m][];
    zetaReal = new double[m];
    for (int i = 0; i < m; i++) {
      SpectralFactor f = factors.get(i);
      m1[i] = f.moment(1);
      if (f instanceof SpectralFactor.MarchenkoPastur mp) {
        kind[i] = 0;
        param[i] = mp.sigma2();
      } else if (f instanceof SpectralFactor.PointMass pm) {
        kind[i] = 1;
        param[i] = pm.value();
      } else {
        SpectralFactor.DiscreteLaw d = (SpectralFactor.DiscreteLaw) f;
        kind[i] = 2;
        // atoms at 0 add nothing to ψ
        int n = 0;
        double[] a = d.atoms();
        double[] p = d.weights();
        for (double t : a) {
          n += t > 0 ? 1 : 0;
        }
        atoms[i] = new double[n];
        weights[i] = new double[n];
        for (int j = 0, k = 0; j < a.length; j++) {
          if (a[j] > 0) {
            atoms[i][k] = a[j];
            weights[i][k++] = p[j];
          }
        }
        param[i] = d.supportMax();
      }
    }
  }

  // ---- the real axis: λ_max ----------------------------------------------------------------

  /** d/dw log χ_μ(w) for real w &gt; 0. */
  double logDerivative(double w) {
    double l = 1 / w - 1 / (1 + w);
    for (int i = 0; i < m; i++) {
      if (kind[i] == 0) {
        l -= 1 / (1 + w);
      } else if (kind[i] == 2) {
        double zeta = solveReal(i, w);
        l += 1 / (zeta * psiPrimeReal(i, zeta)) + 1 / (1 + w) - 1 / w;
      }
    }
    return l;
  }

  /** χ_μ(w) = w Π Sᵢ(w)/(1 + w) for real w &gt; 0. */
  double chiReal(double w) {
    double chi = w / (1 + w);
    for (int i = 0; i < m; i++) {
      if (kind[i] == 0) {
        chi /= param[i] * (1 + w);
      } else if (kind[i] == 1) {
        chi /= param[i];
      } else {
        chi *= solveReal(i, w) * (1 + w) / w;
      }
    }
    return chi;
  }

  /** ζ ∈ (0, 1/t_max) with ψᵢ(ζ) = w &gt; 0: safeguarded Newton (ψ increases there). */
  private double solveReal(int i, double w) {
    double hi = 1 / param[i];
    double lo = 0;
    double z = zetaReal[i] > 0 && zetaReal[i] < hi ? zetaReal[i] : Math.min(w / m1[i], 0.5 * hi);
    for (int it = 0; it < 200; it++) {
      double r = psiReal(i, z) - w;
      if (r > 0) {
        hi = z;
      } else {
        lo = z;
      }
      double step = r / psiPrimeReal(i, z);
      double next = z - step;
      if (!(next > lo && next < hi)) {
        next = 0.5 * (lo + hi);
      }
      if (Math.abs(next - z) <= 1e-16 * z || hi - lo <= 1e-16 * hi) {
        z = next;
        break;
      }
      z = next;
    }
    zetaReal[i] = z;
    return z;
  }

  private double psiReal(int i, double zeta) {
    double s = 0;
    double[] a = atoms[i];
    double[] p = weights[i];
    for (int j = 0; j < a.length; j++) {
      s += p[j] * zeta * a[j] / (1 - zeta * a[j]);
    }
    return s;
  }

  private double psiPrimeReal(int i, double zeta) {
    double s = 0;
    double[] a = atoms[i];
    double[] p = weights[i];
    for (int j = 0; j < a.length; j++) {
      double u = 1 - zeta * a[j];
      s += p[j] * a[j] / (u * u);
    }
    return s;
  }

  // ---- the complex plane: Stieltjes inversion ----------------------------------------------

  /**
   * Π Sᵢ(w), Σ Sᵢ′/Sᵢ(w) and the inner solutions uᵢ = 1/χᵢ(w) at w; null if an inner solve
   * fails.
   */
  private record Eval(Cx p, Cx l, Cx[] u) {}

  private Eval eval(Cx w, Cx[] uGuess) {
    Cx p = Cx.ONE;
    Cx l = Cx.real(0);
    Cx[] u = new Cx[m];
    Cx onePlusW = w.plus(1);
    for (int i = 0; i < m; i++) {
      if (kind[i] == 0) {
        p = p.div(onePlusW.times(param[i]));
        l = l.minus(onePlusW.inverse());
      } else if (kind[i] == 1) {
        p = p.times(1 / param[i]);
      } else {
        Cx[] up = solveComplex(i, w, uGuess[i] != null ? uGuess[i] : w.inverse().times(m1[i]));
        if (up == null) {
          return null;
        }
        u[i] = up[0];
        // S = ζ(1 + w)/w with ζ = 1/u; S′/S = ζ′/ζ + 1/(1 + w) − 1/w, ζ′/ζ = −1/(u f′(u))
        p = p.times(onePlusW.div(up[0].times(w)));
        l = l.minus(up[0].times(up[1]).inverse()).plus(onePlusW.inverse()).minus(w.inverse());
      }
    }
    return new Eval(p, l, u);
  }

  /**
   * {u, f′(u)} with f(u) = Σ p_j t_j/(u − t_j) = w, i.e. u = 1/ζ for ψᵢ(ζ) = w, by Newton from
   * {@code guess}; null if it fails. In u the equation stays well scaled where ζ → ∞ (w →
   * −νᵢ((0, ∞)), near λ = 0 when νᵢ has an atom at 0).
   */
  private Cx[] solveComplex(int i, Cx w, Cx guess) {
    double[] a = atoms[i];
    double[] p = weights[i];
    Cx u = guess;
    double lastRes = Double.POSITIVE_INFINITY;
    for (int it = 0; it < NEWTON; it++) {
      double fRe = -w.re();
      double fIm = -w.im();
      double dRe = 0;
      double dIm = 0;
      for (int j = 0; j < a.length; j++) {
        // 1/(u − t) = (ur − i ui)/|u − t|²
        double ur = u.re() - a[j];
        double ui = u.im();
        double den = ur * ur + ui * ui;
        double ir = ur / den;
        double ii = -ui / den;
        double pt = p[j] * a[j];
        fRe += pt * ir;
        fIm += pt * ii;
        dRe -= pt * (ir * ir - ii * ii);
        dIm -= pt * (2 * ir * ii);
      }
      Cx res = new Cx(fRe, fIm);
      Cx d = new Cx(dRe, dIm);
      double r = res.abs();
      if (r <= 2e-16 * (1 + w.abs())) {
        return new Cx[] {u.minus(res.div(d)), d}; // converged to rounding
      }
      if (!(r <= lastRes * 4) && it > 3) {
        return null; // diverging
      }
      lastRes = r;
      Cx step = res.div(d);
      if (!step.isFinite()) {
        return null;
      }
      u = u.minus(step);
      if (step.abs() <= 1e-15 * (u.abs() + param[i])) {
        return new Cx[] {u, d};
      }
    }
    return null;
  }

  /**
   * Newton for R(w) = z χ_μ(w) − 1 = 0 (χ_μ = wP/(1 + w): the equation scaled so that it is
   * well conditioned wherever P is large or small), R′ = (1 + R)(1/w − 1/(1 + w) + Σ Sᵢ′/Sᵢ),
   * damped on |R|, from (w, u); null if it fails.
   */
  private Object[] newton(Cx z, Cx w, Cx[] u) {
    Eval e = eval(w, u);
    if (e == null) {
      return null;
    }
    Cx r = residual(z, w, e);
    for (int it = 0; it < NEWTON; it++) {
      Cx dlog = w.inverse().minus(w.plus(1).inverse()).plus(e.l());
      Cx step = r.div(r.plus(1).times(dlog));
      if (!step.isFinite()) {
        return null;
      }
      double ra = r.abs();
      if (step.abs() <= 1e-14 * (1 + w.abs()) || ra <= 1e-15) {
        return new Object[] {w.minus(step), e.u()};
      }
      boolean accepted = false;
      for (double t = 1; t > 1e-6; t *= 0.5) {
        Cx w1 = w.minus(step.times(t));
        Eval e1 = eval(w1, e.u());
        if (e1 == null) {
          continue;
        }
        Cx r1 = residual(z, w1, e1);
        if (r1.abs() < ra || r1.abs() <= 1e-15) {
          w = w1;
          e = e1;
          r = r1;
          accepted = true;
          break;
        }
      }
      if (!accepted) {
        // no damped step lowers |R|: converged to rounding, or lost
        return ra <= 1e-11 ? new Object[] {w, e.u()} : null;
      }
    }
    return r.abs() <= 1e-11 ? new Object[] {w, e.u()} : null;
  }

  private static Cx residual(Cx z, Cx w, Eval e) {
    return z.times(w).times(e.p()).div(w.plus(1)).minus(Cx.ONE);
  }

  /**
   * w = ψ_μ(1/z) at z = λ + iη for each η of {@code etas} (decreasing), continued down from
   * |z| ≈ 4 (scale + |λ|) where the moment series {@code mom} (τ_1…) starts it; null entries
   * where the continuation failed.
   */
  Cx[] continued(double lambda, double[] etas, double[] mom, double scale) {
    Cx[] out = new Cx[etas.length];
    double eta = 4 * (scale + Math.abs(lambda)) + 4 * etas[0];
    Cx z = new Cx(lambda, eta);
    Cx iz = z.inverse();
    Cx w = Cx.real(0);
    Cx pow = Cx.ONE;
    for (double mk : mom) {
      pow = pow.times(iz);
      w = w.plus(pow.times(mk));
    }
    Object[] st = newton(z, w, new Cx[m]);
    if (st == null || !physical(z, (Cx) st[0])) {
      return out;
    }
    double prevEta = Double.NaN;
    Cx prevW = null;
    int idx = 0;
    double factor = 0.2;
    while (idx < etas.length) {
      double next = Math.max(etas[idx], eta * factor);
      Cx cur = (Cx) st[0];
      // secant predictor in η: near a branch point (λ → 0 for Marchenko–Pastur) the two roots
      // come close, and starting from the extrapolation keeps Newton on the root it followed
      Cx guess = prevW == null ? cur
          : cur.plus(cur.minus(prevW).times((next - eta) / (eta - prevEta)));
      Cx zn = new Cx(lambda, next);
      Object[] r = newton(zn, guess, (Cx[]) st[1]);
      if (r == null || !physical(zn, (Cx) r[0])) {
        factor = Math.sqrt(factor);
        if (factor > 0.9999) {
          return out;
        }
        continue;
      }
      prevEta = eta;
      prevW = cur;
      st = r;
      eta = next;
      factor = Math.max(0.2, factor * factor);
      if (next == etas[idx]) {
        out[idx++] = (Cx) st[0];
      }
    }
    return out;
  }

  /**
   * Whether w = zG(z) − 1 belongs to a Stieltjes transform: Im G(z) ≤ 0 for Im z &gt; 0 (a
   * Nevanlinna function). The other root of the equation breaks it near the real axis.
   */
  private static boolean physical(Cx z, Cx w) {
    Cx g = w.plus(1).div(z);
    return g.im() <= 1e-12 * g.abs();
  }

  /**
   * Whether λ is inside the support of the density: there Im w tends to a non-zero limit as η → 0;
   * outside it is ∝ η.
   */
  boolean inside(double lambda, double[] mom, double scale) {
    double eta1 = 1e-8 * scale;
    Cx[] w = continued(lambda, new double[] {eta1, eta1 / 16}, mom, scale);
    if (w[0] == null || w[1] == null) {
      return false;
    }
    return Math.abs(w[1].im()) > 0.25 * Math.abs(w[0].im()) && Math.abs(w[1].im()) > 1e-12;
  }
}
