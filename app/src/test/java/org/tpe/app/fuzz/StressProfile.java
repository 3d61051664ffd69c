package org.tpe.app.fuzz;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.tpe.format.TpDocument;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.format.TpSyntaxException;
import org.tpe.model.Program;
import org.tpe.validate.ValidationReport;
import org.tpe.validate.Validator;

/**
 * Where a stress input's time goes: {@code StressProfile [SCALE] [RUNS] [KIND...]} runs each
 * stress input's checks (those of {@link Fuzzer#checkInput}) phase by phase, {@code RUNS} times
 * in one warm JVM, and prints each phase's median CPU time of the thread. A tool for profiling,
 * not a test.
 */
public final class StressProfile {
  private StressProfile() {}

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final String[] PHASES = {"parse", "doc.read", "doc.text", "doc.withProgram",
      "print", "reparse", "equals+print", "validate", "paths", "doc.validate", "total"};

  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    int scale = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int[] kinds = args.length > 2 ? Arrays.stream(args, 2, args.length)
        .mapToInt(Integer::parseInt).toArray() : java.util.stream.IntStream
        .range(0, Inputs.STRESS_KINDS).toArray();
    System.out.printf("%-24s", "kind");
    for (String p : PHASES) {
      System.out.printf(" %9s", p.length() > 9 ? p.substring(0, 9) : p);
    }
    System.out.println("   (ms, median of " + runs + ")");
    for (int kind : kinds) {
      Inputs.Input in = Inputs.stress(kind, scale);
      long[][] t = new long[PHASES.length][runs];
      for (int r = 0; r < runs; r++) {
        long[] one = once(in.bytes());
        for (int p = 0; p < PHASES.length; p++) {
          t[p][r] = one[p];
        }
      }
      System.out.printf("%-24s", in.kind().replace("stress: ", ""));
      for (long[] p : t) {
        Arrays.sort(p);
        System.out.printf(" %9.1f", p[runs / 2] / 1e6);
      }
      System.out.println();
    }
  }

  private static long[] once(byte[] bytes) {
    long[] t = new long[PHASES.length];
    long start = CPU.getCurrentThreadCpuTime();
    long c = start;
    Program p = null;
    try {
      p = TpParser.parse(bytes);
    } catch (TpSyntaxException e) {
      // as the fuzzer
    }
    c = lap(t, 0, c);
    TpDocument d = null;
    try {
      d = TpDocument.read(bytes);
    } catch (TpSyntaxException e) {
      // as the fuzzer
    }
    c = lap(t, 1, c);
    if (d != null) {
      d.text().equals(new String(bytes, StandardCharsets.UTF_8));
      c = lap(t, 2, c);
      d.withProgram(d.program()).text();
      c = lap(t, 3, c);
    }
    if (p != null) {
      String printed = TpPrinter.print(p);
      c = lap(t, 4, c);
      Program back = TpParser.parse(printed.getBytes(StandardCharsets.UTF_8));
      c = lap(t, 5, c);
      boolean same = back.equals(p) && TpPrinter.print(back).equals(printed);
      if (!same) {
        throw new IllegalStateException("round trip");
      }
      c = lap(t, 6, c);
      ValidationReport report = Validator.validate(p);
      c = lap(t, 7, c);
      if (!report.hasErrors()) {
        Fuzzer.pathChecks(p, report);
      }
      c = lap(t, 8, c);
    } else if (d != null) {
      Validator.validate(d.program());
      c = lap(t, 9, c);
    }
    t[PHASES.length - 1] = c - start;
    return t;
  }

  private static long lap(long[] t, int phase, long since) {
    long now = CPU.getCurrentThreadCpuTime();
    t[phase] += now - since;
    return now;
  }
}
