package org.tpe.app.cli;

import picocli.CommandLine.Option;

/**
 * The options {@code tpe spectrum} and {@code tpe derive jacobian} share: the start and end
 * vectors of the Jacobian J = ∂B/∂A (a picocli mixin); null means the default end.
 */
final class JacobianEnds {
  @Option(names = "--from", paramLabel = "A",
      description = "start vector of J (default: the first G-var)")
  String from;

  @Option(names = "--to", paramLabel = "B",
      description = "end vector of J (default: the last G-var)")
  String to;
}
