package org.tpe.app.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.tpe.expr.Fn;
import org.tpe.format.TpParser;
import org.tpe.samples.Samples;

/**
 * The inputs of the fuzzer, drawn from a seeded generator: mutations of the samples and of the
 * malformed corpus, generated programs (well formed or nearly), token soup, random bytes, and now
 * and then a <em>stress</em> input — a program shaped to make one algorithm do its worst (a long
 * name with near misses, every covariance of many inputs, a long cycle, runs of signs, deep
 * nesting, long chains of Nonlins, residual nets). Each input says how it was made, so a finding
 * can be reproduced by its kind and index.
 */
final class Inputs {
  /** One input and how it was made. */
  record Input(String kind, byte[] bytes) {}

  private static final String[] NAMES = {"u", "v", "w", "x", "y", "h", "h1", "h2", "g", "x'",
      "u'", "h2''", "θ", "θ̃", "ξ0", "α_1", "W", "W2", "U", "V", "z9", "dh", "x2′", "φ", "s",
      "_", "a", "b", "c", "n", "T", "N", "G", "A", "R", "pi", "input", "avg", "relu", "Wᵀ"};

  private static final String[] NUMBERS = {"0", "-0", "0*-1", "1", "2", "0.5", ".5", "3.",
      "1e3", "1E-3", "1e308", "1.7976931348623157e308", "1.8e308", ".7e308", "4.9e-324",
      "2.2250738585072014e-308", "1e-400", "1e400", "9007199254740993", "123456789012345678901",
      "1.2.3", "1e", "1e+", "00", "0x10", "NaN", "Infinity", "pi", "-pi", "2/n", "1/n", "0/n",
      "-1/n", "1e308/n", "1e-320", "5", "-3", "1.5", "0.6", "-0.9", "1e15", "1e16", "123.456"};

  private static final String[] SYMBOLS = {":=", ":", "=", "(", ")", ",", "~", "@at", "@", "^",
      "^T", "ᵀ", "^⊤", "⊤", "+", "-", "*", "/", "−", "·", "×", "#", "\"", "\\", "\t", " ", "  ",
      "\n", "\r", "\r\n", "\uFEFF", "’", "′", "″", "'", "''", "{", "}", "[", "]", ";", "$", "%",
      "é", "∞", "√", "😀", "\u0301", "\u200B", "\u2028"};

  private static final String[] KEYWORDS = {"input", "output", "title", "cov", "avg", "G(n)",
      "A(n, n)", "A(n,n)", "R", "N(0, 1)", "N(0, 2/n)", "N", "G", "A", "n", "T", "title \"t\"",
      "input u : G(n)", "input W : A(n, n)", "input θ : R = 0.5", "cov(u, v) = 0.5",
      "output u", "x := relu(u)", "h := W x", "m := avg(x*x)", "@at(1, 2)", "~ N(0, 1)",
      // network declarations
      "parametrization", "parametrization ntk", "parametrization mup", "parametrization sp",
      "inputs", "inputs ξ1, ξ2", "gram", "gram ξ1 : 1, 0.5", "gram ξ2 : 0.5, 1", "embedding",
      "embedding U : u", "param", "param W, U, v", "readout", "readout v · x", "readout u · u"};

  private final List<byte[]> seeds = new ArrayList<>();
  private final List<String> seedTexts = new ArrayList<>();

  /** Loads the samples and the malformed corpus (from the test resources). */
  Inputs() {
    for (Samples.Sample s : Samples.all()) {
      addSeed(s.text().getBytes(StandardCharsets.UTF_8));
    }
    try {
      Path dir = Path.of(Inputs.class.getResource("/malformed").toURI());
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".tp")).sorted().toList()) {
          addSeed(Files.readAllBytes(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void addSeed(byte[] b) {
    seeds.add(b);
    seedTexts.add(new String(b, StandardCharsets.UTF_8));
  }

  int seedCount() {
    return seeds.size();
  }

  /** The next input of the stream {@code r}. */
  Input next(SplittableRandom r) {
    int pick = r.nextInt(1000);
    if (pick < 350) {
      byte[] base = seeds.get(r.nextInt(seeds.size()));
      return new Input("mutated seed", mutate(r, base, r.nextInt(4) == 0 ? 1 + r.nextInt(8)
          : 1));
    }
    if (pick < 600) {
      String p = program(r);
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      return r.nextInt(3) > 0 ? new Input("generated program", b)
          : new Input("mutated generated program", mutate(r, b, 1 + r.nextInt(3)));
    }
    if (pick < 850) {
      return new Input("token soup", soup(r).getBytes(StandardCharsets.UTF_8));
    }
    return new Input("random bytes", randomBytes(r));
  }

  // ---- mutations -----------------------------------------------------------------------------

  private byte[] mutate(SplittableRandom r, byte[] in, int rounds) {
    byte[] b = in;
    for (int k = 0; k < rounds; k++) {
      b = mutateOnce(r, b);
    }
    return b;
  }

  private byte[] mutateOnce(SplittableRandom r, byte[] b) {
    int n = b.length;
    switch (r.nextInt(11)) {
      case 0: { // flip a byte
        if (n == 0) {
          return token(r).getBytes(StandardCharsets.UTF_8);
        }
        byte[] c = b.clone();
        c[r.nextInt(n)] = (byte) r.nextInt(256);
        return c;
      }
      case 1: // insert a token
        return insert(b, r.nextInt(n + 1), token(r).getBytes(StandardCharsets.UTF_8));
      case 2: { // delete a range
        if (n == 0) {
          return b;
        }
        int from = r.nextInt(n);
        int len = 1 + r.nextInt(Math.min(n - from, 40));
        return concat(slice(b, 0, from), slice(b, from + len, n));
      }
      case 3: { // duplicate a range somewhere else
        if (n == 0) {
          return b;
        }
        int from = r.nextInt(n);
        int len = 1 + r.nextInt(Math.min(n - from, 80));
        return insert(b, r.nextInt(n + 1), slice(b, from, from + len));
      }
      case 4: // splice with another seed
        return splice(r, b, seeds.get(r.nextInt(seeds.size())));
      case 5: // replace a number
        return replaceMatch(r, b, "[0-9][0-9.eE+-]*", NUMBERS[r.nextInt(NUMBERS.length)]);
      case 6: // replace a name by another one (cycles, redefinitions, undefined names)
        return replaceMatch(r, b, "[A-Za-zθξαφ_][A-Za-z0-9_']*", NAMES[r.nextInt(NAMES.length)]);
      case 7: // shuffle lines: swap, duplicate or delete one
        return lines(r, b);
      case 8: // a byte that is not UTF-8, or a NUL
        return insert(b, r.nextInt(n + 1), new byte[] {(byte) (r.nextBoolean() ? 0xC0 + r.nextInt(64)
            : r.nextInt(3) == 0 ? 0 : 0x80 + r.nextInt(64))});
      case 9: // repeat a token many times
        return insert(b, r.nextInt(n + 1), token(r).repeat(1 + r.nextInt(300))
            .getBytes(StandardCharsets.UTF_8));
      default: // truncate
        return n == 0 ? b : slice(b, 0, r.nextInt(n));
    }
  }

  private static byte[] replaceMatch(SplittableRandom r, byte[] b, String regex, String by) {
    String s = new String(b, StandardCharsets.UTF_8);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(s);
    List<int[]> spans = new ArrayList<>();
    while (m.find() && spans.size() < 200) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return b;
    }
    int[] sp = spans.get(r.nextInt(spans.size()));
    return (s.substring(0, sp[0]) + by + s.substring(sp[1])).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] lines(SplittableRandom r, byte[] b) {
    List<String> ls = new ArrayList<>(List.of(new String(b, StandardCharsets.UTF_8)
        .split("\n", -1)));
    if (ls.isEmpty()) {
      return b;
    }
    int i = r.nextInt(ls.size());
    int j = r.nextInt(ls.size());
    switch (r.nextInt(3)) {
      case 0:
        String t = ls.get(i);
        ls.set(i, ls.get(j));
        ls.set(j, t);
        break;
      case 1:
        ls.add(j, ls.get(i));
        break;
      default:
        ls.remove(i);
    }
    return String.join("\n", ls).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] splice(SplittableRandom r, byte[] a, byte[] b) {
    return concat(slice(a, 0, r.nextInt(a.length + 1)), slice(b, r.nextInt(b.length + 1),
        b.length));
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    return concat(concat(slice(b, 0, at), what), slice(b, at, b.length));
  }

  private static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(b, from, to);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  // ---- token soup and random bytes ------------------------------------------------------------

  private static String token(SplittableRandom r) {
    switch (r.nextInt(5)) {
      case 0:
        return NAMES[r.nextInt(NAMES.length)];
      case 1:
        return NUMBERS[r.nextInt(NUMBERS.length)];
      case 2:
        return SYMBOLS[r.nextInt(SYMBOLS.length)];
      case 3:
        return Fn.values()[r.nextInt(Fn.values().length)].symbol();
      default:
        return KEYWORDS[r.nextInt(KEYWORDS.length)];
    }
  }

  private static String soup(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int lines = 1 + r.nextInt(20);
    for (int l = 0; l < lines; l++) {
      int tokens = 1 + r.nextInt(25);
      for (int t = 0; t < tokens; t++) {
        sb.append(token(r));
        if (r.nextInt(3) > 0) {
          sb.append(' ');
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static byte[] randomBytes(SplittableRandom r) {
    int n = r.nextInt(300);
    switch (r.nextInt(3)) {
      case 0: { // arbitrary bytes
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
          b[i] = (byte) r.nextInt(256);
        }
        return b;
      }
      case 1: { // printable ASCII
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
          b[i] = (byte) (r.nextInt(10) == 0 ? '\n' : 32 + r.nextInt(95));
        }
        return b;
      }
      default: { // arbitrary code points, well encoded
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n / 3; i++) {
          int cp = r.nextInt(4) == 0 ? r.nextInt(0x800) : r.nextInt(0x30000);
          if (Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp < 0xE000)) {
            sb.appendCodePoint(cp);
          }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  // ---- generated programs ---------------------------------------------------------------------

  /** A random program in the text format: mostly well formed, with the odd mistake. */
  static String program(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    List<String> vectors = new ArrayList<>();
    List<String> gvars = new ArrayList<>();
    List<String> scalars = new ArrayList<>();
    List<String> matrices = new ArrayList<>();
    if (r.nextInt(3) == 0) {
      sb.append("title \"a \\\"test\\\" # ").append(r.nextInt(100)).append("\"\n");
    }
    int nv = 1 + r.nextInt(4);
    for (int i = 0; i < nv; i++) {
      String v = "u" + i + (r.nextInt(4) == 0 ? "'" : "");
      vectors.add(v);
      gvars.add(v);
      sb.append("input ").append(v).append(" : G(n)");
      if (r.nextBoolean()) {
        sb.append(" ~ N(").append(number(r)).append(", ").append(positive(r)).append(')');
      }
      position(r, sb);
      sb.append('\n');
    }
    for (int i = 0; i < 1 + r.nextInt(3); i++) {
      String w = "W" + i;
      matrices.add(w);
      sb.append("input ").append(w).append(" : A(n, n)");
      if (r.nextBoolean()) {
        sb.append(" ~ N(0, ").append(positive(r)).append("/n)");
      }
      sb.append('\n');
    }
    if (r.nextBoolean()) {
      scalars.add("γ");
      sb.append("input γ : R = ").append(number(r)).append('\n');
    }
    for (int i = 0; i + 1 < nv; i++) {
      if (r.nextInt(3) == 0) {
        sb.append("cov(").append(vectors.get(i)).append(", ").append(vectors.get(i + 1))
            .append(") = ").append(r.nextInt(10) == 0 ? number(r) : "0." + r.nextInt(10))
            .append('\n');
      }
    }
    int steps = 1 + r.nextInt(25);
    for (int s = 0; s < steps; s++) {
      String t = "y" + s;
      sb.append(t).append(" := ");
      switch (r.nextInt(6)) {
        case 0: {
          sb.append(matrices.get(r.nextInt(matrices.size())))
              .append(r.nextInt(3) == 0 ? (r.nextBoolean() ? "^T " : "ᵀ ") : " ")
              .append(vectors.get(r.nextInt(vectors.size())));
          gvars.add(t);
          vectors.add(t);
          break;
        }
        case 1: {
          sb.append(gvars.get(r.nextInt(gvars.size())));
          for (int k = r.nextInt(4); k > 0; k--) {
            sb.append(r.nextBoolean() ? " + " : " - ").append(number(r)).append('*')
                .append(gvars.get(r.nextInt(gvars.size())));
          }
          gvars.add(t);
          vectors.add(t);
          break;
        }
        case 2:
          sb.append("avg(").append(expr(r, vectors, scalars, 3, true)).append(')');
          scalars.add(t);
          break;
        case 3:
          if (!scalars.isEmpty()) {
            sb.append(expr(r, List.of(), scalars, 3, false));
            scalars.add(t);
            break;
          }
          // fall through
        default:
          sb.append(expr(r, vectors, scalars, 3, true));
          vectors.add(t);
      }
      position(r, sb);
      sb.append('\n');
    }
    if (r.nextInt(4) > 0) {
      sb.append("output ").append(vectors.get(vectors.size() - 1));
      if (r.nextBoolean()) {
        sb.append(", ").append(vectors.get(r.nextInt(vectors.size())));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void position(SplittableRandom r, StringBuilder sb) {
    if (r.nextInt(4) == 0) {
      sb.append("  @at(").append(number(r)).append(", ").append(number(r)).append(')');
    }
  }

  private static String expr(SplittableRandom r, List<String> vectors, List<String> scalars,
      int depth, boolean needVector) {
    if (needVector) {
      String v = vectors.get(r.nextInt(vectors.size()));
      return depth == 0 ? v : v + " " + "+-*/^".charAt(r.nextInt(5)) + " ("
          + expr(r, vectors, scalars, depth - 1, false) + ")";
    }
    if (depth == 0 || r.nextInt(4) == 0) {
      List<String> pool = new ArrayList<>(vectors);
      pool.addAll(scalars);
      return pool.isEmpty() || r.nextBoolean() ? number(r) : pool.get(r.nextInt(pool.size()));
    }
    switch (r.nextInt(4)) {
      case 0:
        return "-" + "(" + expr(r, vectors, scalars, depth - 1, false) + ")";
      case 1: {
        Fn fn = Fn.values()[r.nextInt(Fn.values().length)];
        StringBuilder sb = new StringBuilder(fn.symbol()).append('(');
        for (int i = 0; i < fn.arity(); i++) {
          sb.append(i > 0 ? ", " : "").append(expr(r, vectors, scalars, depth - 1, false));
        }
        return sb.append(')').toString();
      }
      default:
        return "(" + expr(r, vectors, scalars, depth - 1, false) + ") "
            + "+-*/^".charAt(r.nextInt(5)) + " " + expr(r, vectors, scalars, depth - 1, false);
    }
  }

  private static String number(SplittableRandom r) {
    return r.nextInt(40) == 0 ? NUMBERS[r.nextInt(NUMBERS.length)]
        : Integer.toString(r.nextInt(7) - 3) + (r.nextBoolean() ? "." + r.nextInt(100) : "");
  }

  private static String positive(SplittableRandom r) {
    return r.nextInt(40) == 0 ? NUMBERS[r.nextInt(NUMBERS.length)] : (1 + r.nextInt(4)) + "."
        + r.nextInt(10);
  }

  // ---- stress inputs --------------------------------------------------------------------------

  /** Number of kinds of stress inputs. */
  static final int STRESS_KINDS = 14;

  /**
   * Stress input {@code kind} at {@code scale}: at scale 10 these include the reproducers of the
   * robustness issue (a 20 000-character name with 100 near misses, 400 inputs with all 79 800
   * {@code cov} lines, residual nets of depth 200 and 2000, the latter with one shared W), each at
   * most about 2 MB; at scale 1 a tenth of that.
   */
  static Input stress(int kind, int scale) {
    StringBuilder sb = new StringBuilder();
    String name;
    switch (kind) {
      case 0: { // a long name and near-miss references to it
        name = "long name";
        String longName = "v" + "a".repeat(2000 * scale - 1);
        sb.append("input ").append(longName).append(" : G(n)\n");
        for (int i = 0; i < 10 * scale; i++) {
          String miss = longName.substring(0, 1000 * scale) + "b"
              + longName.substring(1000 * scale + 1);
          sb.append("x").append(i).append(" := relu(").append(miss).append(i).append(")\n");
        }
        break;
      }
      case 1: { // every covariance of k inputs
        name = "all covariances";
        int k = 40 * scale;
        for (int i = 0; i < k; i++) {
          sb.append("input u").append(i).append(" : G(n)\n");
        }
        for (int i = 0; i < k; i++) {
          for (int j = i + 1; j < k; j++) {
            sb.append("cov(u").append(i).append(", u").append(j).append(") = ")
                .append((i + j) % 7 == 0 ? "0.01" : "0.001").append('\n');
          }
        }
        sb.append("x := relu(u0)\noutput x\n");
        break;
      }
      case 2: { // a long cycle
        name = "long cycle";
        int l = 10_000 * scale;
        sb.append("input u : G(n)\n");
        for (int i = 0; i < l; i++) {
          sb.append("x").append(i).append(" := relu(x").append((i + 1) % l).append(")\n");
        }
        break;
      }
      case 3: // a run of signs
        name = "signs";
        sb.append("input u : G(n)\nx := ").append("+".repeat(100_000 * scale)).append("u\n");
        sb.append("y := ").append("-+".repeat(300)).append("u\n");
        break;
      case 4: // nesting at and beyond the bound
        name = "nesting";
        sb.append("input u : G(n)\n");
        for (int d : new int[] {TpParser.MAX_NESTING - 1, TpParser.MAX_NESTING + 1, 5000 * scale}) {
          sb.append("x").append(d).append(" := ").append("relu(".repeat(d)).append('u')
              .append(")".repeat(d)).append('\n');
        }
        break;
      case 5: { // many long linear combinations
        name = "long LinCombs";
        sb.append("input u : G(n)\ninput v : G(n)\n");
        for (int i = 0; i < 40 * scale; i++) {
          sb.append("h").append(i).append(" := u");
          for (int t = 0; t < 998; t++) {
            sb.append(t % 2 == 0 ? " + 2*v" : " - u");
          }
          sb.append('\n');
        }
        break;
      }
      case 6: { // the same name defined many times
        name = "redefinitions";
        sb.append("input u : G(n)\n");
        for (int i = 0; i < 10_000 * scale; i++) {
          sb.append("x := relu(u)\n");
        }
        break;
      }
      case 7: // a residual net: exponentially many paths, in as many classes
      case 8: { // one W shared by every layer: each word length costs the listing ~depth²/2
        boolean shared = kind == 8;
        name = shared ? "residual net, one W" : "residual net";
        int depth = kind == 7 ? 200 : 200 * scale;
        sb.append("input u : G(n)\n");
        for (int l = 1; l <= (shared ? 1 : depth); l++) {
          sb.append("input W").append(shared ? "" : l).append(" : A(n, n)\n");
        }
        sb.append("h0 := u\n");
        for (int l = 1; l <= depth; l++) {
          sb.append("x").append(l).append(" := relu(h").append(l - 1).append(")\n");
          sb.append("g").append(l).append(" := W").append(shared ? "" : l).append(" x").append(l)
              .append('\n');
          sb.append("h").append(l).append(" := h").append(l - 1).append(" + g").append(l)
              .append('\n');
        }
        sb.append("output h").append(depth).append('\n');
        break;
      }
      case 9: { // a chain of Nonlins (collapsed by reduction)
        name = "Nonlin chain";
        sb.append("input u : G(n)\ninput W : A(n, n)\nx0 := relu(u)\n");
        for (int i = 1; i <= 2000 * scale; i++) {
          sb.append("x").append(i).append(" := tanh(x").append(i - 1).append(")\n");
        }
        sb.append("h := W x").append(2000 * scale).append("\noutput h\n");
        break;
      }
      case 10: { // many undefined names
        name = "undefined names";
        sb.append("input u : G(n)\n");
        for (int i = 0; i < 10_000 * scale; i++) {
          sb.append("x").append(i).append(" := relu(q").append(i).append(")\n");
        }
        break;
      }
      case 11: // one very long line
        name = "long line";
        sb.append("input u : G(n)\nx := u").append(" + u".repeat(40_000 * scale)).append('\n');
        break;
      case 12: { // many outputs
        name = "many outputs";
        sb.append("input u : G(n)\noutput ");
        for (int i = 0; i < 20_000 * scale; i++) {
          sb.append(i > 0 ? ", " : "").append("u");
        }
        sb.append('\n');
        break;
      }
      default: { // a wide MLP: many vectors and MatMuls
        name = "wide program";
        sb.append("input W : A(n, n)\ninput u : G(n)\nx0 := relu(u)\n");
        for (int i = 1; i <= 5_000 * scale; i++) {
          sb.append("h").append(i).append(" := W x").append(i - 1).append('\n');
          sb.append("x").append(i).append(" := relu(h").append(i).append(")\n");
        }
        sb.append("output x").append(5_000 * scale).append('\n');
      }
    }
    return new Input("stress: " + name, sb.toString().getBytes(StandardCharsets.UTF_8));
  }
}
