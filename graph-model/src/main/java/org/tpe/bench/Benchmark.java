package org.tpe.bench;

import java.util.List;

/**
 * A speed measurement run by {@code tpe bench} (speed targets live here, never in unit tests).
 * Implementations are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/org.tpe.bench.Benchmark} of its module.
 */
public interface Benchmark {
  /** Short name used on the command line, e.g. {@code parse-validate-paths}. */
  String name();

  /** What is measured and the target, e.g. "… of a 10 000-instruction program; target < 1 s". */
  String description();

  /** Runs the measurement (with its own warm-up) and returns one line per figure measured. */
  List<String> run();
}
