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
 * @param tolerance the accuracy wanted of the exact engine's numbers, relative to their scale
 *     (for E[Z^a Z^b] the Cauchy–Schwarz scale √(E(Z^a)² E(Z^b)²)); 0 keeps the engine's defaults
 *     (10⁻¹² to 10⁻⁷ per integral by dimension). A loose target makes 3-D and 4-D expectations
 *     cheaper; the error reached is stated with every number either way. The particle engines'
 *     accuracy is set by {@code samples}, not by this.
 * @param exactDeadlineSeconds wall time the exact engine may take ({@link
 *     #DEFAULT_EXACT_DEADLINE_SECONDS} by default; 0: no deadline, only its budget of operations).
 *     Past it the exact engine stops: chosen automatically, the particle engine answers instead;
 *     asked for by name, the run fails with a message that says so.
 * @param engineReason why a caller chose {@code engine} for the user (the automatic choice of a
 *     training limit, say), or null when the user named it (or it is {@link Engine#AUTO}): the
 *     run's engine note then says "… chosen: REASON" instead of "… as asked"
 */
public record LimitOptions(Engine engine, int samples, long seed, int batches, int threads,
    int histogramBins, double tolerance, double exactDeadlineSeconds, String engineReason) {

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
    PARTICLE,
    /**
     * The particle engine on quasi-random particles: each batch an independent randomization of
     * the scrambled Sobol points, so that smooth programs (tanh networks trained for several
     * steps) reach errors far below the particle engine's at the same N.
     */
    QUASI
  }

  /** Default particles. */
  public static final int DEFAULT_SAMPLES = 1 << 16;

  /**
   * Default wall-time deadline of the exact engine, in seconds: well inside a minute, so that a
   * run that falls back to the particle engine still ends in about one.
   */
  public static final double DEFAULT_EXACT_DEADLINE_SECONDS = 30;

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
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance must be in [0, 1) (0: the engine's defaults):"
          + " " + tolerance);
    }
    if (!(exactDeadlineSeconds >= 0 && exactDeadlineSeconds <= MAX_DEADLINE_SECONDS)) {
      throw new IllegalArgumentException("exactDeadlineSeconds must be in [0, "
          + (long) MAX_DEADLINE_SECONDS + "] (0: none): " + exactDeadlineSeconds);
    }
    if (engineReason != null && (engine == Engine.AUTO || engineReason.isBlank())) {
      throw new IllegalArgumentException("a reason is given only for an engine chosen by name,"
          + " and must say something: " + engine + ", \"" + engineReason + "\"");
    }
  }

  /**
   * The options with the exact engine's default deadline ({@value
   * #DEFAULT_EXACT_DEADLINE_SECONDS} s).
   */
  public LimitOptions(Engine engine, int samples, long seed, int batches, int threads,
      int histogramBins, double tolerance) {
    this(engine, samples, seed, batches, threads, histogramBins, tolerance,
        DEFAULT_EXACT_DEADLINE_SECONDS, null);
  }

  /** Longest deadline accepted (a year: its nanoseconds fit a long many times over). */
  public static final double MAX_DEADLINE_SECONDS = 365 * 24 * 3600.0;

  /** The exact engine's deadline in nanoseconds (0: none). */
  public long exactDeadlineNanos() {
    return exactDeadlineSeconds == 0 ? 0 : Math.max(1, Math.round(exactDeadlineSeconds * 1e9));
  }

  /** Automatic engine, {@value #DEFAULT_SAMPLES} samples, seed 1, 16 batches, all cores. */
  public static LimitOptions defaults() {
    return new LimitOptions(Engine.AUTO, DEFAULT_SAMPLES, 1L, 16,
        Runtime.getRuntime().availableProcessors(), 40, 0, DEFAULT_EXACT_DEADLINE_SECONDS, null);
  }

  /** The options with engine {@code e} as if the user named it (no {@link #engineReason}). */
  public LimitOptions withEngine(Engine e) {
    return new LimitOptions(e, samples, seed, batches, threads, histogramBins, tolerance,
        exactDeadlineSeconds, null);
  }

  /**
   * The options with engine {@code e} chosen by the caller for {@code reason} (see the record's
   * {@code engineReason}); {@code e} is not {@link Engine#AUTO}.
   */
  public LimitOptions withEngineChosen(Engine e, String reason) {
    return new LimitOptions(e, samples, seed, batches, threads, histogramBins, tolerance,
        exactDeadlineSeconds, java.util.Objects.requireNonNull(reason, "reason"));
  }

  public LimitOptions withSamples(int n) {
    return new LimitOptions(engine, n, seed, batches, threads, histogramBins, tolerance,
        exactDeadlineSeconds, engineReason);
  }

  public LimitOptions withSeed(long s) {
    return new LimitOptions(engine, samples, s, batches, threads, histogramBins, tolerance,
        exactDeadlineSeconds, engineReason);
  }

  public LimitOptions withThreads(int t) {
    return new LimitOptions(engine, samples, seed, batches, t, histogramBins, tolerance,
        exactDeadlineSeconds, engineReason);
  }

  /** The particle engines' independent batches (their spread gives the standard error). */
  public LimitOptions withBatches(int b) {
    return new LimitOptions(engine, samples, seed, b, threads, histogramBins, tolerance,
        exactDeadlineSeconds, engineReason);
  }

  /** Histogram bins per vector; 0 computes no histograms (the cheapest limits). */
  public LimitOptions withHistogramBins(int bins) {
    return new LimitOptions(engine, samples, seed, batches, threads, bins, tolerance,
        exactDeadlineSeconds, engineReason);
  }

  /**
   * The exact engine aiming at this relative accuracy (0: its defaults); see the record's
   * {@code tolerance}.
   */
  public LimitOptions withTolerance(double t) {
    return new LimitOptions(engine, samples, seed, batches, threads, histogramBins, t,
        exactDeadlineSeconds, engineReason);
  }

  /**
   * The exact engine stopping after {@code seconds} of wall time (0: no deadline); see the
   * record's {@code exactDeadlineSeconds}.
   */
  public LimitOptions withExactDeadline(double seconds) {
    return new LimitOptions(engine, samples, seed, batches, threads, histogramBins, tolerance,
        seconds, engineReason);
  }
}
