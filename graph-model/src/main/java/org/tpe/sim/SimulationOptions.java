package org.tpe.sim;

/**
 * How {@link FiniteWidthSimulator} runs a program.
 *
 * @param width n, the dimension of every vector (matrices are n×n); at least 2
 * @param seed the same seed gives the same numbers, bit for bit, whatever {@code threads} is
 * @param threads worker threads for the MatMuls (at least 1)
 * @param histogramBins bins of each vector's coordinate histogram (0: none)
 */
public record SimulationOptions(int width, long seed, int threads, int histogramBins) {
  /** Bins of a histogram by default (as the particle engine's, so they can be overlaid). */
  public static final int DEFAULT_BINS = 40;

  public SimulationOptions {
    if (width < 2) {
      throw new IllegalArgumentException("width must be at least 2: " + width);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    if (histogramBins < 0) {
      throw new IllegalArgumentException("histogramBins must not be negative: " + histogramBins);
    }
  }

  /** Width {@code n}, seed {@code seed}, all cores, {@value #DEFAULT_BINS} bins. */
  public static SimulationOptions of(int width, long seed) {
    return new SimulationOptions(width, seed, Runtime.getRuntime().availableProcessors(),
        DEFAULT_BINS);
  }

  public SimulationOptions withWidth(int n) {
    return new SimulationOptions(n, seed, threads, histogramBins);
  }

  public SimulationOptions withSeed(long s) {
    return new SimulationOptions(width, s, threads, histogramBins);
  }

  public SimulationOptions withThreads(int t) {
    return new SimulationOptions(width, seed, t, histogramBins);
  }
}
