package org.tpe.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tpe.model.Program;
import org.tpe.spectrum.Jacobian;
import org.tpe.spectrum.JacobianProgram;
import org.tpe.spectrum.SpectrumException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tpe derive jacobian FILE [--from A --to B] [--power k] [-o OUT.tp]}: the Netsor⊤ program
 * applying (JᵀJ)^k to a fresh probe v (seeds/004 eq. (33)), an ordinary program to validate,
 * draw or compute.
 */
@Command(name = "jacobian", mixinStandardHelpOptions = true,
    description = {"Write the Netsor⊤ program that applies (JᵀJ)^k to a fresh probe v, for the",
        "Jacobian J = ∂B/∂A (seeds/004 eq. (33)): τ_m = E[Z^a Z^b] of its limit for a + b = m."})
final class DeriveJacobianCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "the .tp file")
  Path file;

  @Mixin JacobianEnds ends = new JacobianEnds();

  @Option(names = "--power", paramLabel = "k",
      description = "applications of JᵀJ (default ${DEFAULT-VALUE}; gives τ_1 … τ_2k)")
  int power = 1;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT",
      description = "the .tp file to write (default: print it)")
  Path output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (power < 1) {
      throw new ParameterException(spec.commandLine(), "--power must be at least 1: " + power);
    }
    Program program = ProgramFiles.parse(file);
    JacobianProgram jp;
    try {
      Jacobian j = Jacobian.of(program, ends.from, ends.to);
      int max = JacobianProgram.maxPower(j);
      if (power > max) {
        throw new Rejected(file + ": --power " + power + " makes a program of more than "
            + org.tpe.limit.Limits.MAX_VECTORS + " vectors, more than the limit engine takes;"
            + " at most " + max + " applications of JᵀJ for this network");
      }
      jp = JacobianProgram.of(j, power);
    } catch (SpectrumException e) {
      throw new Rejected(ProgramFiles.format(file.toString(), e.problems()));
    }
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(jp.text());
      out.flush();
    } else {
      ExportCommand.write(output, jp.text().getBytes(StandardCharsets.UTF_8));
    }
    return 0;
  }
}
