package org.tpe.app.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tpe} command line (DESIGN §8). Each subcommand is a thin class that loads a program,
 * calls graph-model or renderer, and prints; exit codes: 0 ok, 1 the input was rejected (messages
 * as {@code file:line:col: message}, never a stack trace), 2 wrong usage.
 */
@Command(name = "tpe", mixinStandardHelpOptions = true, version = TpeCommand.VERSION,
    description = "Tensor Program Editor: validate, analyse and draw Tensor Programs.")
public final class TpeCommand implements Runnable {
  /** What {@code tpe --version} prints. */
  public static final String VERSION = "tpe 0.1.0";

  /**
   * The subcommands by their {@code @Command} name, in the order of the help. When the first
   * argument names one, only that one is built: picocli reflects over every command it is given,
   * and building all of them cost a third of a quick command's start (their option types pull in
   * the renderer, Jackson, the engines).
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("validate", ValidateCommand.class);
    m.put("print", PrintCommand.class);
    m.put("limits", LimitsCommand.class);
    m.put("paths", PathsCommand.class);
    m.put("simulate", SimulateCommand.class);
    m.put("converge", ConvergeCommand.class);
    m.put("ntk", NtkCommand.class);
    m.put("train", TrainCommand.class);
    m.put("derive", DeriveCommand.class);
    m.put("export", ExportCommand.class);
    m.put("spectrum", SpectrumCommand.class);
    m.put("bench", BenchCommand.class);
    return Collections.unmodifiableMap(m);
  }

  /** Exit code when the input (file, program, options' values) was rejected. */
  public static final int REJECTED = 1;
  /** Exit code for wrong usage (unknown command or option). */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /**
   * Whether the value of {@code TPE_DEBUG} asks for stack traces of internal errors: any value
   * but unset, empty or blank, {@code 0}, {@code false}, {@code no} or {@code off}.
   */
  static boolean debug(String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    return !(v.equals("0") || v.equals("false") || v.equals("no") || v.equals("off"));
  }

  /** Runs the command line with stdout/stderr of the process. */
  public static int run(String... args) {
    return run(new ProcessOut(), new PrintWriter(System.err, true), args);
  }

  /**
   * The process's standard output as the command line's writer: a command with much output
   * (limits --json) writes its bytes to {@link #bytes()} instead, after flushing this writer.
   */
  static final class ProcessOut extends PrintWriter {
    ProcessOut() {
      super(System.out, true);
    }

    /** The stream under this writer. */
    java.io.OutputStream bytes() {
      return System.out;
    }
  }

  /** Runs the command line writing to the given streams; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    // tpe limits with the common arguments: without building picocli's model (LimitsCommand#quick)
    LimitsCommand quick = args.length > 0 && args[0].equals("limits")
        ? LimitsCommand.quick(java.util.Arrays.asList(args).subList(1, args.length)) : null;
    if (quick != null) {
      quick.out = out;
      quick.err = err;
    }
    CommandLine cl = quick != null ? null : commandLine(out, err, args);
    int code;
    try {
      code = quick != null ? quick(quick, err) : cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("tpe: the input is too large to analyse in this JVM's memory (at most "
          + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): give Java more (for example"
          + " TPE_JAVA_OPTS=-Xmx8g) or analyse a smaller program");
      debugTrace(err, e);
      code = REJECTED;
    } catch (StackOverflowError e) {
      err.println("tpe: the input is nested too deeply to analyse with this JVM's stack: give"
          + " Java a larger one (for example TPE_JAVA_OPTS=-Xss64m) or split the expressions");
      debugTrace(err, e);
      code = REJECTED;
    }
    out.flush();
    err.flush();
    return code;
  }

  /** A command read by {@link LimitsCommand#quick}, run as picocli runs a command. */
  private static int quick(LimitsCommand c, PrintWriter err) {
    try {
      return c.call();
    } catch (Exception ex) {
      return failed(ex, err);
    }
  }

  /**
   * What a command that threw says (its message when it rejected the input, else an internal
   * error), and its exit code.
   */
  private static int failed(Exception ex, PrintWriter err) {
    if (ex instanceof Rejected r) {
      err.println(r.getMessage());
    } else {
      err.println("tpe: internal error: " + ex + " (please report it with the input file)");
      if (debug(System.getenv("TPE_DEBUG"))) {
        ex.printStackTrace(err);
      }
    }
    return REJECTED;
  }

  /** The picocli command line for {@code args}: only the subcommand they name, if any. */
  private static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new TpeCommand());
    Class<?> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (only != null) {
      cl.addSubcommand(args[0], only);
    } else { // help, usage, an unknown command: the whole command line
      SUBCOMMANDS.forEach(cl::addSubcommand);
      cl.addSubcommand("help", CommandLine.HelpCommand.class);
    }
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
    cl.setExecutionExceptionHandler((ex, c, parse) -> failed(ex, err));
    return cl;
  }

  /** With TPE_DEBUG set, the first frames of a resource error's stack (where it happened). */
  private static void debugTrace(PrintWriter err, Throwable e) {
    if (debug(System.getenv("TPE_DEBUG"))) {
      StackTraceElement[] st = e.getStackTrace();
      err.println(e);
      for (int i = 0; i < Math.min(60, st.length); i++) {
        err.println("\tat " + st[i]);
      }
    }
  }
}
