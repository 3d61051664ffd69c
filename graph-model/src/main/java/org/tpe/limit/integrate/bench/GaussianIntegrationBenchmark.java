package org.tpe.limit.integrate.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.special.Erf;
import org.tpe.bench.Benchmark;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.integrate.GaussianExpectation;
import org.tpe.limit.integrate.GaussianIntegrand;
import org.tpe.limit.integrate.Hyperplane;
import org.tpe.limit.integrate.IntegrationFailure;
import org.tpe.limit.integrate.IntegrationResult;
import org.tpe.limit.integrate.NestedGaussKronrod;
import org.tpe.limit.integrate.RandomizedQuasiMonteCarlo;
import org.tpe.limit.integrate.Smoothness;
import org.tpe.limit.integrate.Tolerance;

/**
 * Evaluations and time to 10⁻¹⁰ relative of typical 1-D, 2-D and 3-D Gaussian expectations
 * (nested adaptive Gauss–Kronrod, sequential so that the CPU time is the rule's) and to 10⁻⁶ of a
 * 6-D one (randomized quasi-Monte Carlo), each with its true error against a closed form.
 */
public final class GaussianIntegrationBenchmark implements Benchmark {
  private record Case(String name, int r, ToDoubleFunction<double[]> f, List<Hyperplane> kinks,
      Smoothness smoothness, double tol, double truth, boolean qmc) {}

  @Override
  public String name() {
    return "gaussian-integration";
  }

  @Override
  public String description() {
    return "evaluations and CPU time of E f(Z) to 1e-10 (1-D, 2-D, 3-D adaptive quadrature) and"
        + " 1e-6 (6-D quasi-Monte Carlo), with the true errors";
  }

  private static List<Case> cases() {
    double phi0 = 1 / Math.sqrt(2 * Math.PI);
    double rho = 0.999;
    double s = Math.sqrt(1 - rho * rho);
    double theta = Math.acos(rho);
    double a = 2 * Math.sqrt(20);
    double[] lin = {0.1, -0.2, 0.15, 0.05, -0.1, 0.2};
    double lin2 = 0;
    for (double x : lin) {
      lin2 += x * x;
    }
    double c = Math.cos(0.7);
    double sn = Math.sin(0.7);
    List<Case> out = new ArrayList<>();
    out.add(new Case("1-D E[exp(b)^2], var(b) = 20 (f·φ peaks at 8.9 sd)", 1,
        z -> Math.exp(a * z[0]), List.of(), Smoothness.ANALYTIC, 1e-10, Math.exp(40), false));
    out.add(new Case("1-D relu(z − 0.3), kink declared", 1, z -> Math.max(z[0] - 0.3, 0),
        List.of(Hyperplane.of(-0.3, 1)), Smoothness.PIECEWISE_SMOOTH, 1e-10,
        phi(0.3) - 0.3 * cdf(-0.3), false));
    out.add(new Case("1-D steep step (z − 0.3)/√((z − 0.3)² + 1e-8), nothing declared", 1,
        z -> (z[0] - 0.3) / Math.sqrt((z[0] - 0.3) * (z[0] - 0.3) + 1e-8), List.of(),
        Smoothness.UNKNOWN, 1e-10, Double.NaN, false));
    out.add(new Case("2-D arc-cosine E relu·relu, ρ = 0.999, kinks declared", 2,
        z -> Math.max(z[0], 0) * Math.max(rho * z[0] + s * z[1], 0),
        List.of(Hyperplane.of(0, 1, 0), Hyperplane.of(0, rho, s)), Smoothness.PIECEWISE_SMOOTH,
        1e-10, (Math.sin(theta) + (Math.PI - theta) * rho) / (2 * Math.PI), false));
    out.add(new Case("2-D Williams E erf·erf, ρ = 0.5", 2,
        z -> Erf.erf(z[0]) * Erf.erf(0.5 * z[0] + Math.sqrt(0.75) * z[1]), List.of(),
        Smoothness.ANALYTIC, 1e-10, 2 / Math.PI * Math.asin(1.0 / 3), false));
    out.add(new Case("2-D relu(q1·z + 0.3)·step(q2·z − 0.5), rotated, declared", 2,
        z -> Math.max(c * z[0] + sn * z[1] + 0.3, 0) * (-sn * z[0] + c * z[1] - 0.5 > 0 ? 1 : 0),
        List.of(Hyperplane.of(0.3, c, sn), Hyperplane.of(-0.5, -sn, c)),
        Smoothness.PIECEWISE_SMOOTH, 1e-10, (0.3 * cdf(0.3) + phi(0.3)) * cdf(-0.5), false));
    ToDoubleFunction<double[]> tanh3 = z -> Math.tanh(z[0])
        * Math.tanh(0.5 * z[0] + 0.9 * z[1] + 0.2)
        * Math.tanh(0.3 * z[0] - 0.4 * z[1] + 0.7 * z[2] - 0.1);
    out.add(new Case("3-D E tanh·tanh·tanh (value 0.0047), to 1e-7", 3, tanh3, List.of(),
        Smoothness.ANALYTIC, 1e-7, Double.NaN, false));
    out.add(new Case("3-D E tanh·tanh·tanh (value 0.0047)", 3, tanh3, List.of(),
        Smoothness.ANALYTIC, 1e-10, Double.NaN, false));
    out.add(new Case("3-D relu(z0)·relu(z1)·relu(z2)·|z0 − z1|, kinks declared", 3,
        z -> Math.max(z[0], 0) * Math.max(z[1], 0) * Math.max(z[2], 0) * Math.abs(z[0] - z[1]),
        List.of(Hyperplane.of(0, 1, 0, 0), Hyperplane.of(0, 0, 1, 0), Hyperplane.of(0, 0, 0, 1),
            Hyperplane.of(0, 1, -1, 0)), Smoothness.PIECEWISE_SMOOTH, 1e-10,
        // E relu(z2) = φ(0); E relu(z0)relu(z1)|z0 − z1| = 2∫∫_{x>y>0} xy(x − y)φφ, in polar
        // coordinates (1/π)·∫r⁴e^{−r²/2}dr·∫₀^{π/4}cos t sin t(cos t − sin t)dt
        // = (1/π)·3√(π/2)·(√2 − 1)/(3√2) = (√2 − 1)/(2√π)
        phi0 * (Math.sqrt(2) - 1) / (2 * Math.sqrt(Math.PI)), false));
    out.add(new Case("6-D E exp(a·z), |a|² = 0.11, to 1e-6 absolute", 6, z -> {
      double t = 0;
      for (int i = 0; i < 6; i++) {
        t += lin[i] * z[i];
      }
      return Math.exp(t);
    }, List.of(), Smoothness.ANALYTIC, 1e-6, Math.exp(lin2 / 2), true));
    return out;
  }

  @Override
  public List<String> run() {
    List<Case> cases = cases();
    GaussianExpectation quadrature = new NestedGaussKronrod(false);
    GaussianExpectation qmc = new RandomizedQuasiMonteCarlo();
    // warm-up: the cheap cases once, the others at a loose tolerance
    for (Case k : cases) {
      measure(k.r <= 2 ? k : new Case(k.name, k.r, k.f, k.kinks, k.smoothness, 1e-3, k.truth,
          k.qmc), k.qmc ? qmc : quadrature);
    }
    List<String> lines = new ArrayList<>();
    for (Case k : cases) {
      lines.add(measure(k, k.qmc ? qmc : quadrature));
    }
    lines.add("(process CPU time per run, averaged over repetitions; the machine may be shared,"
        + " so wall times vary more)");
    return lines;
  }

  /** One case, repeated until it has used 0.3 s of CPU (at most 200 times): time per run. */
  private static String measure(Case k, GaussianExpectation rule) {
    GaussianIntegrand f = GaussianIntegrand.of(k.r, k.f, k.kinks, k.smoothness);
    Tolerance tol = k.qmc ? new Tolerance(k.tol, 0, 500_000_000L)
        : new Tolerance(0, k.tol, 500_000_000L);
    long cpu = processCpuNanos();
    long wall = System.nanoTime();
    try {
      IntegrationResult res;
      int runs = 0;
      do {
        res = rule.integrate(f, tol, CancellationToken.NONE);
        runs++;
      } while (processCpuNanos() - cpu < 300_000_000L && runs < 200);
      double cpuMs = (processCpuNanos() - cpu) / 1e6 / runs;
      double wallMs = (System.nanoTime() - wall) / 1e6 / runs;
      String truth = Double.isNaN(k.truth) ? "" : String.format(", true error %.1e",
          Math.abs(res.value() - k.truth));
      return String.format("%s: %.12g ± %.1e%s; %,d evaluations, %.2f ms CPU (%.2f ms wall)",
          k.name, res.value(), res.error(), truth, res.evaluations(), cpuMs, wallMs);
    } catch (IntegrationFailure e) {
      return k.name + ": failed: " + e.getMessage();
    }
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return System.nanoTime();
  }

  private static double phi(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  private static double cdf(double x) {
    return 0.5 * Erf.erfc(-x / Math.sqrt(2));
  }
}
