package org.tpe.train;

import java.util.List;
import org.tpe.limit.Estimate;
import org.tpe.network.Training;
import org.tpe.ntk.Kernel;

/**
 * Kernel gradient descent in function space (TP IIb Thm. 5.3, Eq. (3); Jacot et al. 2018): from
 * the outputs f_0 on every input, every step t &lt; T moves f on every input ξ by
 *
 * <pre>
 *   f_{t+1}(ξ) = f_t(ξ) − (η / B) Σ_{a ∈ batch t} Θ(ξ, ξ_a) χ_t(a),   χ_t(a) = L′(f_t(ξ_a), y_a),
 * </pre>
 *
 * which is what SGD does in the infinite-width limit of the NTK parametrization, Θ the NTK at
 * initialisation ({@link org.tpe.ntk.NtkLimit}). The schedule (batches, labels, loss, η) is the
 * unrolled program's. Errors: the kernel's entry errors propagated to first order (each entry
 * perturbed by its error in turn, the changes of every f_t summed: a bound to first order when
 * the kernel's errors are bounds). Cost O(T · k · B) per trajectory, O(k²) trajectories for the
 * errors.
 */
public final class KernelGradientDescent {
  private KernelGradientDescent() {}

  /**
   * The outputs f_t(ξ_b), t = 0 … T, by kernel gradient descent.
   *
   * @param schedule the unrolled program whose batches, labels, loss and η are used
   * @param theta Θ over {@code schedule.inputs()}, in that order
   * @param f0 f_0 on every input, in that order
   */
  public static Estimate[][] predict(UnrolledSgd.Result schedule, Kernel theta, double[] f0) {
    int k = schedule.inputs().size();
    if (theta.size() != k || f0.length != k) {
      throw new IllegalArgumentException("Θ and f_0 must be over the " + k + " inputs");
    }
    double[][] th = theta.values();
    double[][] f = run(schedule, th, f0);
    double[][] err = new double[f.length][k];
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        double e = theta.error(a, b);
        if (e == 0) {
          continue;
        }
        double[][] moved = copy(th);
        moved[a][b] += e;
        moved[b][a] = moved[a][b];
        double[][] g = run(schedule, moved, f0);
        for (int t = 0; t < f.length; t++) {
          for (int c = 0; c < k; c++) {
            err[t][c] += Math.abs(g[t][c] - f[t][c]);
          }
        }
      }
    }
    Estimate[][] out = new Estimate[f.length][k];
    for (int t = 0; t < f.length; t++) {
      for (int c = 0; c < k; c++) {
        out[t][c] = new Estimate(f[t][c], err[t][c]);
      }
    }
    return out;
  }

  private static double[][] run(UnrolledSgd.Result s, double[][] theta, double[] f0) {
    int k = f0.length;
    int steps = s.steps();
    Training.Loss loss = s.loss();
    double[][] f = new double[steps + 1][];
    f[0] = f0.clone();
    for (int t = 0; t < steps; t++) {
      List<Integer> batch = s.batches().get(t);
      double[] next = f[t].clone();
      for (int a : batch) {
        double chi = loss.derivative(f[t][a], s.labels().get(a));
        double step = s.learningRate() / batch.size() * chi;
        for (int b = 0; b < k; b++) {
          next[b] -= step * theta[b][a];
        }
      }
      f[t + 1] = next;
    }
    return f;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
