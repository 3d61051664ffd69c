package org.tpe.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tpe.format.TpPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tpe print FILE}: the program in canonical form. */
@Command(name = "print", mixinStandardHelpOptions = true,
    description = "Print the program in normal (canonical) form.")
final class PrintCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the .tp file")
  Path file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(TpPrinter.print(ProgramFiles.parse(file)));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
