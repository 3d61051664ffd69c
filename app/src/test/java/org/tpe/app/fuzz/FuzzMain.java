package org.tpe.app.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The long fuzz run, outside the test suite: {@code FuzzMain [INPUTS] [SEED] [STRESS_SCALE]}
 * (default 1 000 000 inputs, seed 1, stress inputs at scale 10 — the sizes of the issue's
 * reproducers). Prints progress every 50 000 inputs and a summary: inputs per second, findings
 * (unexpected exceptions, unlocated problems, round-trip mismatches, command-line failures) and
 * the slowest inputs; writes each finding's input to {@code target/fuzz-findings/}. Exits 1 if
 * there was any finding or an input took more than 1 s of the fuzzing thread's CPU time (all its
 * checks together; an input over 1 s at its first run is run twice more and timed by the median
 * of the three, see {@link Fuzzer#check}). The same run from Maven is {@code mvn -o -B -pl app -am -Pfuzz test}
 * (FuzzTest with the profile's sizes, see README).
 */
public final class FuzzMain {
  private FuzzMain() {}

  public static void main(String[] args) throws IOException {
    Locale.setDefault(Locale.ROOT);
    if (args.length == 2 && args[0].equals("--write-stress")) {
      // the stress inputs as files, to time the command line on them
      Path dir = Path.of("target", "fuzz-stress");
      Files.createDirectories(dir);
      for (int kind = 0; kind < Inputs.STRESS_KINDS; kind++) {
        Inputs.Input in = Inputs.stress(kind, Integer.parseInt(args[1]));
        Files.write(dir.resolve(kind + "-" + in.kind().replaceAll("[^a-zA-Z]+", "-") + ".tp"),
            in.bytes());
      }
      return;
    }
    long inputs = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    int scale = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Fuzzer f = new Fuzzer(seed, scale, 1000, Files.createTempDirectory("tpe-fuzz"),
        1_000_000_000L);
    String[] hang = new String[1];
    String summary = f.runAll(inputs, 60_000_000_000L, 50_000, System.out, hang);
    writeFindings(f);
    System.out.printf("%nseed %d: %s", seed, summary);
    if (hang[0] != null) {
      System.out.println("HANG: " + hang[0]);
    }
    System.exit(hang[0] != null || !f.findings().isEmpty() || f.overLimit() > 0 ? 1 : 0);
  }

  /** Each finding's input and description under target/fuzz-findings/ (the first 100). */
  static void writeFindings(Fuzzer f) throws IOException {
    Path out = Path.of("target", "fuzz-findings");
    Files.createDirectories(out);
    for (Fuzzer.Finding x : f.findings().stream().limit(100).toList()) {
      Files.write(out.resolve("finding-" + x.index() + ".tp"), x.input());
      Files.writeString(out.resolve("finding-" + x.index() + ".txt"), x.kind() + "\n"
          + x.what());
    }
  }
}
