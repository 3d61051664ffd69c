package org.tpe.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.tpe.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tpe bench [NAME…]}: runs the benchmarks of every module (all when none is named). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run speed benchmarks (all, or those named). 'tpe bench --list' lists them.")
final class BenchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", arity = "0..*", description = "benchmarks to run")
  List<String> names = new ArrayList<>();

  @picocli.CommandLine.Option(names = "--list", description = "list the benchmarks and exit")
  boolean list;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Benchmark> all = new ArrayList<>();
    ServiceLoader.load(Benchmark.class).forEach(all::add);
    all.sort((a, b) -> a.name().compareTo(b.name()));
    for (String n : names) {
      if (all.stream().noneMatch(b -> b.name().equals(n))) {
        throw new Rejected("tpe bench: no benchmark named '" + n + "' (see tpe bench --list)");
      }
    }
    for (Benchmark b : all) {
      if (list) {
        out.println(b.name() + "\t" + b.description());
        continue;
      }
      if (!names.isEmpty() && !names.contains(b.name())) {
        continue;
      }
      out.println("== " + b.name() + ": " + b.description());
      out.flush();
      for (String line : b.run()) {
        out.println("   " + line);
      }
      out.flush();
    }
    return 0;
  }
}
