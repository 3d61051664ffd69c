package org.tpe.limit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.tpe.model.Program;
import org.tpe.model.VectorInput;

/**
 * ZInit: (Z^x)_{x initial} ~ N(μ_in, Σ_in) (DESIGN §7), checked and factored once for both
 * engines.
 */
final class InitialCovariance {
  final List<String> names = new ArrayList<>();
  final double[] mean;
  final double[][] cov;

  InitialCovariance(Program p) {
    List<VectorInput> vins = p.vectorInputs();
    int k = vins.size();
    mean = new double[k];
    cov = new double[k][k];
    for (int i = 0; i < k; i++) {
      names.add(vins.get(i).name());
      mean[i] = vins.get(i).mean();
      for (int j = 0; j < k; j++) {
        cov[i][j] = p.initialCovariance(vins.get(i).name(), vins.get(j).name());
      }
    }
  }

  /**
   * L (k × rank) with Σ_in = L Lᵀ.
   *
   * @throws NumericalFailure naming the inputs involved if Σ_in is not positive semidefinite
   */
  double[][] factor() {
    return factor(cov, names, "the initial covariance of ", ": lower the cov(…) entries between"
        + " them or raise their variances");
  }

  /**
   * Factors a covariance matrix c = L Lᵀ keeping eigenvalues above 1e-13 of the largest; an
   * eigenvalue below −1e-9 of the largest is reported as not PSD, naming the variables that carry
   * its eigenvector.
   */
  static double[][] factor(double[][] c, List<String> names, String prefix, String advice) {
    int k = c.length;
    if (k == 0) {
      return new double[0][0];
    }
    EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(c, true));
    double[] ev = ed.getRealEigenvalues();
    double max = Arrays.stream(ev).map(Math::abs).max().orElse(0);
    List<Integer> keep = new ArrayList<>();
    for (int e = 0; e < k; e++) {
      if (ev[e] < -1e-9 * Math.max(max, 1e-300)) {
        double[] vec = ed.getEigenvector(e).toArray();
        List<String> who = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          if (Math.abs(vec[i]) > 1e-3) {
            who.add(names.get(i));
          }
        }
        throw new NumericalFailure(who.get(0), prefix + String.join(", ", who)
            + " is not positive semidefinite (eigenvalue " + String.format("%.3g", ev[e]) + ")"
            + advice, false);
      }
      if (ev[e] > 1e-13 * max) {
        keep.add(e);
      }
    }
    double[][] l = new double[k][keep.size()];
    for (int j = 0; j < keep.size(); j++) {
      double s = Math.sqrt(ev[keep.get(j)]);
      double[] v = ed.getEigenvector(keep.get(j)).toArray();
      for (int i = 0; i < k; i++) {
        l[i][j] = v[i] * s;
      }
    }
    return l;
  }
}
