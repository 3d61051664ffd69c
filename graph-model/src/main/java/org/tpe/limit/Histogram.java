package org.tpe.limit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A distribution on the real line as a histogram with point masses: {@code density[i]} is the
 * probability mass of the continuous part in [edges[i], edges[i+1]) divided by the bin width, and
 * each {@link Atom} is a value the variable takes with positive probability (relu's 0, step's 0
 * and 1), kept out of the bins. The bins integrate to the continuous mass inside the edges, so
 * bins and atoms together hold at most 1. Immutable; arrays are copied on the way in and out.
 */
public final class Histogram {
  /**
   * A point mass: P(Z = value) = mass.
   *
   * @param value where the mass sits
   * @param mass its probability, in (0, 1]
   */
  public record Atom(double value, double mass) {
    public Atom {
      if (!Double.isFinite(value) || !(mass > 0) || mass > 1 + 1e-12) {
        throw new IllegalArgumentException("an atom needs a finite value and a mass in (0, 1]: "
            + value + ", " + mass);
      }
    }
  }

  /**
   * Smallest share of a sample a value must hold exactly to be an atom. A continuous law repeats
   * a double with probability about n²/2⁵³ (nil for any sample drawn here); a value computed by
   * relu or step repeats in a fixed share of the draws. One per cent keeps an atom's mass
   * estimate (standard error √(p(1−p)/n)) well resolved from zero from n ≈ 10³ draws on.
   */
  public static final double MIN_ATOM_SHARE = 0.01;
  /** Fewest exact repeats that make an atom, whatever the sample's size. */
  public static final int MIN_ATOM_COUNT = 8;
  /** Half-width of the bins around the mean, in standard deviations (clipped to the support). */
  public static final double SPREAD = 4.5;

  private final double[] edges;
  private final double[] density;
  private final List<Atom> atoms;

  /** A histogram without point masses. */
  public Histogram(double[] edges, double[] density) {
    this(edges, density, List.of());
  }

  public Histogram(double[] edges, double[] density, List<Atom> atoms) {
    if (edges.length != density.length + 1 || density.length == 0) {
      throw new IllegalArgumentException("need edges.length == density.length + 1 >= 2");
    }
    for (int i = 1; i < edges.length; i++) {
      if (!(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException("edges must increase strictly");
      }
    }
    this.edges = edges.clone();
    this.density = density.clone();
    this.atoms = List.copyOf(Objects.requireNonNull(atoms, "atoms"));
  }

  /**
   * Histogram of {@code values} on {@code bins} equal bins over [lo, hi]; NaNs are ignored. Null
   * when the bins are not distinct doubles (a spread of 1 around a mean of 1e19, say) or the
   * range is not finite: such a histogram cannot be drawn. No atoms are split off: for that see
   * {@link Binning}.
   */
  public static Histogram of(double[] values, double lo, double hi, int bins) {
    if (!(hi > lo)) {
      hi = lo + 1;
      lo = lo - 1;
    }
    double[] e = equalEdges(lo, hi, bins);
    if (e == null) {
      return null;
    }
    Binning b = new Binning(e, new double[0]);
    return b.histogram(b.count(values), nonNaN(values));
  }

  /**
   * The histogram of a sample with its atoms split off ({@link Binning#of}); null when it cannot
   * be drawn.
   */
  public static Histogram ofSample(double[] values, int bins) {
    Binning b = Binning.of(values, bins);
    return b == null ? null : b.histogram(b.count(values), nonNaN(values));
  }

  private static long nonNaN(double[] values) {
    long n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  private static double[] equalEdges(double lo, double hi, int bins) {
    double[] e = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      e[i] = lo + (hi - lo) * i / bins;
      if (!Double.isFinite(e[i]) || (i > 0 && !(e[i] > e[i - 1]))) {
        return null;
      }
    }
    return e;
  }

  /**
   * How to bin a variable, decided once from one sample and then applied to any number of
   * samples of the same law (the particle engine's batches): {@code bins} equal bins over the mean
   * ± {@value #SPREAD} standard deviations of the continuous part, clipped to the smallest and
   * largest value drawn (so a positive variable such as exp(Z) gets no negative range), widened
   * to hold every atom; and the atoms, the values that the sample repeats exactly in at least
   * {@link #MIN_ATOM_SHARE} of its draws.
   *
   * @param edges the bin edges, increasing
   * @param atoms the atoms' values, increasing
   */
  public record Binning(double[] edges, double[] atoms) {
    public Binning {
      edges = edges.clone();
      atoms = atoms.clone();
    }

    /** The binning of {@code sample} (NaNs ignored); null when it cannot be drawn. */
    public static Binning of(double[] sample, int bins) {
      if (bins < 1) {
        throw new IllegalArgumentException("bins must be positive: " + bins);
      }
      double[] sorted = Arrays.stream(sample).filter(v -> !Double.isNaN(v)).sorted().toArray();
      if (sorted.length == 0) {
        return null;
      }
      int need = Math.max(MIN_ATOM_COUNT, (int) Math.ceil(MIN_ATOM_SHARE * sorted.length));
      List<Double> atoms = new ArrayList<>();
      double sum = 0;
      double sum2 = 0;
      long rest = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < sorted.length;) {
        int j = i;
        while (j < sorted.length && sorted[j] == sorted[i]) {
          j++;
        }
        double v = sorted[i] + 0.0; // −0.0 and 0.0 are one atom
        if (j - i >= need && Double.isFinite(v)) {
          atoms.add(v);
        } else {
          for (int k = i; k < j; k++) {
            sum += sorted[k];
            sum2 += sorted[k] * sorted[k];
          }
          rest += j - i;
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        i = j;
      }
      double lo;
      double hi;
      if (rest > 0) {
        double m = sum / rest;
        double sd = Math.sqrt(Math.max(0, sum2 / rest - m * m));
        lo = Math.max(min, m - SPREAD * sd);
        hi = Math.min(max, m + SPREAD * sd);
      } else {
        lo = atoms.get(0);
        hi = atoms.get(atoms.size() - 1);
      }
      for (double a : atoms) {
        lo = Math.min(lo, a);
        hi = Math.max(hi, a);
      }
      if (!(hi > lo)) {
        // one value only: bins of unit scale around it (none when they are not distinct doubles,
        // e.g. around 1e19, where the draws of a unit spread all round to one double)
        lo -= 1;
        hi += 1;
      }
      double[] e = equalEdges(lo, hi, bins);
      if (e == null) {
        return null;
      }
      return new Binning(e, atoms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public double[] edges() {
      return edges.clone();
    }

    @Override
    public double[] atoms() {
      return atoms.clone();
    }

    /**
     * Counts of {@code values}: entries 0 … bins−1 the bins (the last one closed at the right),
     * then one entry per atom (exact matches). NaNs and values outside the edges are not counted.
     */
    public long[] count(double[] values) {
      int bins = edges.length - 1;
      long[] c = new long[bins + atoms.length];
      double lo = edges[0];
      double hi = edges[bins];
      double w = (hi - lo) / bins;
      for (double v : values) {
        if (Double.isNaN(v)) {
          continue;
        }
        int a = atoms.length == 0 ? -1 : Arrays.binarySearch(atoms, v + 0.0);
        if (a >= 0) {
          c[bins + a]++;
          continue;
        }
        int k = (int) Math.floor((v - lo) / w);
        if (k >= 0 && k < bins) {
          c[k]++;
        } else if (v == hi) {
          c[bins - 1]++;
        }
      }
      return c;
    }

    /** The histogram of counts (as {@link #count} makes them, summed) of {@code n} draws. */
    public Histogram histogram(long[] counts, long n) {
      int bins = edges.length - 1;
      if (counts.length != bins + atoms.length) {
        throw new IllegalArgumentException("expected " + (bins + atoms.length) + " counts");
      }
      double w = (edges[bins] - edges[0]) / bins;
      double[] d = new double[bins];
      for (int i = 0; i < bins; i++) {
        d[i] = n == 0 ? 0 : counts[i] / (n * w);
      }
      List<Atom> as = new ArrayList<>();
      for (int a = 0; a < atoms.length; a++) {
        if (counts[bins + a] > 0 && n > 0) {
          as.add(new Atom(atoms[a], (double) counts[bins + a] / n));
        }
      }
      return new Histogram(edges, d, as);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binning b && Arrays.equals(edges, b.edges)
          && Arrays.equals(atoms, b.atoms);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(edges) + Arrays.hashCode(atoms);
    }

    @Override
    public String toString() {
      return "Binning" + Arrays.toString(edges) + " atoms " + Arrays.toString(atoms);
    }
  }

  public double[] edges() {
    return edges.clone();
  }

  public double[] density() {
    return density.clone();
  }

  /** The point masses, by increasing value (empty for a continuous law). */
  public List<Atom> atoms() {
    return atoms;
  }

  public int bins() {
    return density.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram h && Arrays.equals(edges, h.edges)
        && Arrays.equals(density, h.density) && atoms.equals(h.atoms);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(edges) + Arrays.hashCode(density)) + atoms.hashCode();
  }
}
