package org.tpe.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tpe} command line (DESIGN §8). Each subcommand is a thin class that loads a program,
 * calls graph-model or renderer, and prints; exit codes: 0 ok, 1 the input was rejected (messages
 * as {@code file:line:col: message}, never a stack trace), 2 wrong usage.
 */
@Command(name = "tpe", mixinStandardHelpOptions = true, version = "tpe 0.1.0",
    description = "Tensor Program Editor: validate, analyse and draw Tensor Programs.",
    subcommands = {
        ValidateCommand.class,
        PrintCommand.class,
        LimitsCommand.class,
        PathsCommand.class,
        SimulateCommand.class,
        ConvergeCommand.class,
        NtkCommand.class,
        TrainCommand.class,
        DeriveCommand.class,
        ExportCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class TpeCommand implements Runnable {
  /** Exit code when the input (file, program, options' values) was rejected. */
  public static final int REJECTED = 1;
  /** Exit code for wrong usage (unknown command or option). */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Runs the command line with stdout/stderr of the process. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line writing to the given streams; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new TpeCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? USAGE
        : REJECTED);
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("tpe: " + ex.getMessage());
      err.println("Try 'tpe " + (ex.getCommandLine() == cl ? "" : ex.getCommandLine()
          .getCommandName() + " ") + "--help' for usage.");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parse) -> {
      if (ex instanceof Rejected r) {
        err.println(r.getMessage());
      } else {
        err.println("tpe: internal error: " + ex + " (please report it with the input file)");
        if (System.getenv("TPE_DEBUG") != null) {
          ex.printStackTrace(err);
        }
      }
      return REJECTED;
    });
    int code;
    try {
      code = cl.execute(args);
    } catch (StackOverflowError | OutOfMemoryError e) {
      err.println("tpe: the input is too large to analyse (" + e.getClass().getSimpleName() + ")");
      code = REJECTED;
    }
    out.flush();
    err.flush();
    return code;
  }
}
