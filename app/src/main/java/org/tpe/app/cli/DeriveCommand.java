package org.tpe.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tpe derive SUBCOMMAND}: programs derived from a program (a Jacobian program, …). */
@Command(name = "derive", mixinStandardHelpOptions = true,
    description = "Derive a new program from a program (written as .tp).",
    subcommands = {DeriveJacobianCommand.class})
final class DeriveCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }
}
