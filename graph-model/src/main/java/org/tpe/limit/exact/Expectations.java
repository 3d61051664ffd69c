package org.tpe.limit.exact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tpe.expr.Fn;
import org.tpe.limit.Estimate;
import org.tpe.limit.calculus.InitialGaussian;
import org.tpe.limit.exact.Expansion.Atom;
import org.tpe.limit.exact.Expansion.Term;
import org.tpe.limit.gauss.GaussianIntegrals;

/**
 * E[Σ terms] over the base Gaussians (mean μ, covariance C), term by term:
 *
 * <ol>
 *   <li>exp atoms merge into one exp(T) and tilt the measure (Cameron–Martin): E[e^T f(Y)] =
 *       e^{E T + Var T / 2} E[f(Y + Cov(Y, T))], exact for any f;
 *   <li>factors reading uncorrelated Gaussians are independent: their expectations multiply;
 *   <li>a group of id atoms is a moment of a Gaussian (Isserlis/Wick recursion, exact);
 *   <li>one or two atoms: closed forms ({@link GaussianIntegrals}: arc-cosine kernels, Williams'
 *       erf kernel, Stein's lemma), exact to rounding;
 *   <li>anything else is integrated over the rank of the Gaussians it reads by {@link
 *       GroupIntegrator}.
 * </ol>
 *
 * Overflow is a {@link ExactFailure} naming the variable, never a result.
 */
final class Expectations {
  /**
   * Largest dimension of one integral over a sum of terms: above it, the terms are integrated one
   * by one, where independent factors split (a 3-D nested quadrature costs ≥ 5·10⁶ evaluations,
   * two 2-D ones 10⁵).
   */
  private static final int POOLED_DIMENSION = 2;
  /** Largest group of id atoms whose moment is computed by the Wick recursion (2^k states). */
  private static final int MAX_WICK = 16;

  private final Basis basis;
  private final GroupIntegrator integrator;
  long closedForms;

  Expectations(Basis basis, GroupIntegrator integrator) {
    this.basis = basis;
    this.integrator = integrator;
  }

  /** What an expectation is of, for messages: E[a b] (b may be null: E[a]), built only then. */
  record What(String a, String b) {
    @Override
    public String toString() {
      return "E[" + a + (b == null ? "" : " " + b) + "]";
    }
  }

  Estimate expect(List<Term> terms, String owner, Object what) {
    return expect(terms, 0, owner, what);
  }

  /**
   * E Σ terms; {@code scale} is the size the result is measured against (0 if unknown; see
   * {@link Quadrature#integrate}).
   */
  Estimate expect(List<Term> terms, double scale, String owner, Object what) {
    double sum = 0;
    double err = 0;
    // terms with opaque factors (and no exp atom to tilt by) are integrated together, in one
    // quadrature over the forms they read, when that is at most 2-dimensional
    List<Term> pooled = new ArrayList<>();
    List<Term> single = new ArrayList<>();
    for (Term t : terms) {
      if (t.coef() == 0) {
        continue;
      }
      (t.opaque().isEmpty() || hasExp(t) ? single : pooled).add(t);
    }
    if (pooled.size() >= 2) {
      try {
        Estimate e = integrator.integrateSum(pooled, null, POOLED_DIMENSION, scale, owner, what);
        sum += e.value();
        err += e.error();
        pooled.clear();
      } catch (ExactFailure f) {
        if (!f.engineLimit()) {
          throw f;
        }
        // too many dimensions together: term by term, where independent factors split
      }
    }
    single.addAll(pooled);
    for (Term t : single) {
      Estimate e = term(t, t.coef() == 0 ? 0 : scale / Math.abs(t.coef()), owner, what);
      sum += t.coef() * e.value();
      err += Math.abs(t.coef()) * e.error();
    }
    if (!Double.isFinite(sum)) {
      throw new ExactFailure(owner, what + " is not finite (overflow: the numbers of the program"
          + " are too large for double precision)", false);
    }
    return new Estimate(sum, Double.isFinite(err) ? err : Double.MAX_VALUE);
  }

  private static boolean hasExp(Term t) {
    for (Atom a : t.atoms()) {
      if (a.psi() == Fn.EXP) {
        return true;
      }
    }
    return false;
  }

  /** The linear forms each factor reads (an atom: its form; an opaque factor: its bases). */
  private List<List<Lin>> forms(List<Atom> atoms, List<org.tpe.expr.Expr> opaque) {
    List<List<Lin>> forms = new ArrayList<>();
    for (Atom a : atoms) {
      forms.add(List.of(a.lin()));
    }
    for (org.tpe.expr.Expr x : opaque) {
      forms.add(integrator.leafForms(x));
    }
    return forms;
  }

  private Estimate term(Term t, double scale, String owner, Object what) {
    List<Atom> atoms = new ArrayList<>();
    Lin tilt = null;
    for (Atom a : t.atoms()) {
      if (a.psi() == Fn.EXP) {
        tilt = tilt == null ? a.lin() : tilt.plus(a.lin(), 1);
      } else {
        atoms.add(a);
      }
    }
    double tiltScale = 1;
    if (tilt != null) {
      double logScale = basis.mean(tilt) + 0.5 * basis.cov(tilt, tilt);
      tiltScale = Math.exp(logScale);
      closedForms++;
      if (!Double.isFinite(tiltScale) || (tiltScale == 0 && logScale > -745.2)) {
        throw new ExactFailure(owner, what + " overflows: it contains exp of a Gaussian with"
            + " E + Var/2 = " + logScale, false);
      }
      if (tiltScale == 0) {
        return Estimate.exact(0);
      }
    }
    List<List<Lin>> forms = forms(atoms, t.opaque());
    int f = forms.size();
    if (f == 0) {
      return Estimate.exact(tiltScale);
    }
    List<List<Integer>> ordered = f == 1 ? List.of(List.of(0)) : groups(forms, atoms.size());
    // the scale of one group's integral is known only when it is the whole term
    double groupScale = ordered.size() == 1 ? scale / tiltScale : 0;
    double value = tiltScale;
    // |Π (vᵢ ± eᵢ) − Π vᵢ| ≤ Π (|vᵢ| + eᵢ) − Π |vᵢ|: the product's error, exactly bounded
    double upper = tiltScale;
    boolean inexact = false;
    for (List<Integer> g : ordered) {
      List<Atom> ga = new ArrayList<>();
      List<org.tpe.expr.Expr> go = new ArrayList<>();
      for (int i : g) {
        if (i < atoms.size()) {
          ga.add(atoms.get(i));
        } else {
          go.add(t.opaque().get(i - atoms.size()));
        }
      }
      Estimate e = group(ga, go, tilt, groupScale, owner, what);
      if (e.value() == 0 && e.error() == 0) {
        return Estimate.exact(0);
      }
      value *= e.value();
      upper *= Math.abs(e.value()) + e.error();
      inexact |= e.error() > 0;
    }
    // plus the rounding of the two products
    double err = inexact ? upper - Math.abs(value) + 4 * Math.ulp(upper) : 0;
    return new Estimate(value, Double.isFinite(err) ? err : Double.MAX_VALUE);
  }

  /**
   * The factors (atoms first, {@code atoms} of them, then opaque ones) in groups of correlated
   * ones, each group a list of factor indices: the groups in the order of their first factors;
   * then (a stable partition) the groups of atoms only first, which are closed forms, so that
   * an exact 0 (a zero-mean independent readout, say) spares the integrals of the others. (One
   * factor is one group: the caller does not ask.)
   */
  private List<List<Integer>> groups(List<List<Lin>> forms, int atoms) {
    int f = forms.size();
    int[] parent = new int[f];
    for (int i = 0; i < f; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < f; i++) {
      for (int j = i + 1; j < f; j++) {
        if (find(parent, i) != find(parent, j) && correlated(forms.get(i), forms.get(j))) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    int[] groupOf = new int[f];
    java.util.Arrays.fill(groupOf, -1);
    List<List<Integer>> byFirst = new ArrayList<>();
    boolean[] hasOpaque = new boolean[f];
    for (int i = 0; i < f; i++) {
      int r = find(parent, i);
      if (groupOf[r] < 0) {
        groupOf[r] = byFirst.size();
        byFirst.add(new ArrayList<>());
      }
      byFirst.get(groupOf[r]).add(i);
      hasOpaque[groupOf[r]] |= i >= atoms;
    }
    List<List<Integer>> ordered = new ArrayList<>(byFirst.size());
    for (int pass = 0; pass < 2; pass++) {
      for (int g = 0; g < byFirst.size(); g++) {
        if (hasOpaque[g] == (pass == 1)) {
          ordered.add(byFirst.get(g));
        }
      }
    }
    return ordered;
  }

  private static int find(int[] p, int i) {
    while (p[i] != i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  private boolean correlated(List<Lin> a, List<Lin> b) {
    for (Lin x : a) {
      for (Lin y : b) {
        double c = basis.cov(x, y);
        if (c != 0 && Math.abs(c) > 1e-14 * Math.sqrt(Math.abs(basis.cov(x, x)))
            * Math.sqrt(Math.abs(basis.cov(y, y)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The mean of ℓ under the measure tilted by exp(T). */
  private double mean(Lin l, Lin tilt) {
    return basis.mean(l) + (tilt == null ? 0 : basis.cov(l, tilt));
  }

  private Estimate group(List<Atom> atoms, List<org.tpe.expr.Expr> opaque, Lin tilt,
      double scale, String owner, Object what) {
    if (opaque.isEmpty()) {
      boolean allId = true;
      for (Atom a : atoms) {
        allId &= a.psi() == Fn.ID;
      }
      if (allId && atoms.size() <= MAX_WICK) {
        closedForms++;
        return exact(wick(atoms, tilt), owner, what);
      }
      if (atoms.size() == 1) {
        Atom a = atoms.get(0);
        closedForms++;
        return exact(GaussianIntegrals.expect(a.psi(), mean(a.lin(), tilt),
            basis.cov(a.lin(), a.lin())), owner, what);
      }
      if (atoms.size() == 2) {
        Atom a = atoms.get(0);
        Atom b = atoms.get(1);
        double v = GaussianIntegrals.expect(a.psi(), b.psi(), mean(a.lin(), tilt),
            mean(b.lin(), tilt), basis.cov(a.lin(), a.lin()), basis.cov(a.lin(), b.lin()),
            basis.cov(b.lin(), b.lin()));
        if (!Double.isNaN(v)) {
          closedForms++;
          return exact(v, owner, what);
        }
      }
    }
    return integrator.integrate(atoms, opaque, tilt, scale, owner, what);
  }

  private static Estimate exact(double v, String owner, Object what) {
    if (!Double.isFinite(v)) {
      throw new ExactFailure(owner, what + " is " + v + " (overflow: the numbers of the program"
          + " are too large for double precision)", false);
    }
    return Estimate.exact(v);
  }

  /** E Π (ℓ_i) for jointly Gaussian linear forms: Isserlis' theorem with means, by recursion. */
  private double wick(List<Atom> atoms, Lin tilt) {
    int k = atoms.size();
    double[] m = new double[k];
    double[][] c = new double[k][k];
    for (int i = 0; i < k; i++) {
      m[i] = mean(atoms.get(i).lin(), tilt);
      for (int j = 0; j < k; j++) {
        c[i][j] = basis.cov(atoms.get(i).lin(), atoms.get(j).lin());
      }
    }
    return wick((1 << k) - 1, m, c, new HashMap<>());
  }

  private static double wick(int set, double[] m, double[][] c, Map<Integer, Double> memo) {
    if (set == 0) {
      return 1;
    }
    Double known = memo.get(set);
    if (known != null) {
      return known;
    }
    int i = Integer.numberOfTrailingZeros(set);
    int rest = set & ~(1 << i);
    double v = m[i] == 0 ? 0 : m[i] * wick(rest, m, c, memo);
    for (int r = rest; r != 0; r &= r - 1) {
      int j = Integer.numberOfTrailingZeros(r);
      if (c[i][j] != 0) {
        v += c[i][j] * wick(rest & ~(1 << j), m, c, memo);
      }
    }
    memo.put(set, v);
    return v;
  }

  /** Factor of a group covariance: y = L z with z standard of rank r. */
  static double[][] factor(double[][] c, String owner) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < c.length; i++) {
      names.add(owner);
    }
    try {
      return InitialGaussian.factor(c, names, 1e-15);
    } catch (InitialGaussian.NotGaussianException e) {
      // ZHat covariances built from a PSD Σ_in are PSD: failing here is a bug, not bad input
      throw new IllegalStateException("internal inconsistency: the covariance of the Gaussians"
          + " read by " + owner + " is not PSD", e);
    }
  }
}
