package org.tpe.limit;

/**
 * How {@link Limits#compute} should work.
 *
 * @param engine which engine to use ({@link Engine#AUTO} lets {@link Limits} choose)
 * @param samples particles N of the particle engine (total over all batches); ≥ 2·batches
 * @param seed seed of the particle engine: the same seed gives the same numbers, bit for bit,
 *     whatever the number of threads
 * @param batches independent replicas the particles are split into; their spread gives every
 *     particle number's standard error (≥ 2; 16 by default, so a standard error is itself known
 *     to about ±18%)
 * @param threads worker threads of the particle engine (≥ 1; default: available processors)
 * @param histogramBins bins of every vector's histogram (0: none)
 */
public record LimitOptions(Engine engine, int samples, long seed, int batches, int threads,
    int histogramBins) {

  /** Which limit engine (DESIGN §7). */
  public enum Engine {
    /** The exact engine, falling back to particles where it reaches its limits. */
    AUTO,
    /**
     * The symbolic Z over the base Gaussians, ZDot in the Stein form, closed forms and
     * quadrature.
     */
    EXACT,
    /** Monte Carlo particles, ZDot by the Stein form; every number with a standard error. */
    PARTICLE
  }

  /** Default particles. */
  public static final int DEFAULT_SAMPLES = 1 << 16;

  public LimitOptions {
    if (engine == null) {
      throw new IllegalArgumentException("engine must be given");
    }
    if (batches < 2) {
      throw new IllegalArgumentException("batches must be at least 2: " + batches);
    }
    if (samples < 2 * batches) {
      throw new IllegalArgumentException(
          "samples must be at least 2 per batch (" + 2 * batches + "): " + samples);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    if (histogramBins < 0) {
      throw new IllegalArgumentException("histogramBins must not be negative: " + histogramBins);
    }
  }

  /** Automatic engine, {@value #DEFAULT_SAMPLES} samples, seed 1, 16 batches, all cores. */
  public static LimitOptions defaults() {
    return new LimitOptions(Engine.AUTO, DEFAULT_SAMPLES, 1L, 16,
        Runtime.getRuntime().availableProcessors(), 40);
  }

  public LimitOptions withEngine(Engine e) {
    return new LimitOptions(e, samples, seed, batches, threads, histogramBins);
  }

  public LimitOptions withSamples(int n) {
    return new LimitOptions(engine, n, seed, batches, threads, histogramBins);
  }

  public LimitOptions withSeed(long s) {
    return new LimitOptions(engine, samples, s, batches, threads, histogramBins);
  }

  public LimitOptions withThreads(int t) {
    return new LimitOptions(engine, samples, seed, batches, t, histogramBins);
  }

  /** Histogram bins per vector; 0 computes no histograms (the cheapest limits). */
  public LimitOptions withHistogramBins(int bins) {
    return new LimitOptions(engine, samples, seed, batches, threads, bins);
  }
}
