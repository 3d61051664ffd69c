package org.tpe.app.cli;

import java.nio.file.Path;
import org.tpe.network.Parametrization;
import org.tpe.network.TrainingValidator;
import org.tpe.train.TrainingOverrides;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options {@code tpe train} and {@code tpe derive train} share: {@code --steps T}, {@code
 * --lr η} and {@code --param ntk|sp|mup}, overriding the file's training setup (a picocli
 * mixin).
 */
final class TrainingOptions {
  @Option(names = "--steps", paramLabel = "T", description = "number of SGD steps (default: the"
      + " file's steps)")
  Integer steps;

  @Option(names = "--lr", paramLabel = "η", description = "learning rate (default: the file's lr)")
  Double lr;

  @Option(names = "--param", paramLabel = "P", description = "parametrization of the whole"
      + " network: ntk, sp (standard) or mup (default: the file's)")
  String param;

  /**
   * The overrides of {@code file}'s training setup: a bad T or η is rejected (exit 1), an unknown
   * parametrization is a usage error of {@code spec}'s command.
   */
  TrainingOverrides overrides(CommandSpec spec, Path file) {
    if (steps != null && TrainingValidator.stepsProblem(steps) != null) {
      throw new Rejected(file + ": --steps: " + TrainingValidator.stepsProblem(steps));
    }
    if (lr != null && TrainingValidator.learningRateProblem(lr) != null) {
      throw new Rejected(file + ": --lr: " + TrainingValidator.learningRateProblem(lr));
    }
    Parametrization p = param == null ? null : TrainingOverrides.parametrizationNamed(param);
    if (param != null && p == null) {
      throw new ParameterException(spec.commandLine(), "--param must be "
          + TrainingOverrides.PARAMETRIZATION_NAMES + ", not '" + param + "'");
    }
    return new TrainingOverrides(steps, lr, p);
  }
}
