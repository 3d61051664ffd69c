package org.tpe.limit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tpe.model.VarKind;

/**
 * JSON form of {@link CoordinateStatistics} (DESIGN §8), shared by {@code tpe limits} and {@code
 * tpe simulate}. The keys DESIGN §8 requires come first and have exactly its shape:
 *
 * <pre>
 * {"method": "...",
 *  "vectors": {NAME: {"kind": "G"|"X", "mean": m, "variance": v}},
 *  "scalars": {NAME: value},
 *  "second_moments": {NAME: {NAME: E[Z^a Z^b]}}}
 * </pre>
 *
 * <p>Extra keys carry what the required ones cannot: {@code "notes"} (list of sentences), per
 * vector {@code "mean_error"}, {@code "variance_error"} and {@code "histogram"} ({@code {"edges":
 * [...], "density": [...], "atoms": [{"value": v, "mass": p}]}}, the atoms only when there are
 * point masses; omitted when not computed), {@code "scalar_errors"} and {@code
 * "second_moment_errors"} (same nesting as the values). An error is a standard error for Monte
 * Carlo numbers, a bound or estimate for quadrature, 0 for closed forms. A value that is not a
 * finite number is written as {@code null} (JSON has no NaN). {@link #parse} reads this format back,
 * so {@code parse(write(s))} equals {@code s} number for number.
 */
public final class StatisticsJson {
  /**
   * The reader of {@link #parse}, made on first use: an ObjectMapper loads and initialises a few
   * hundred classes of jackson-databind (≈ 20 ms of a cold start), which writing never needs.
   */
  private static final class Reader {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private StatisticsJson() {}

  /** The statistics as indented JSON text, ending with a newline. */
  public static String write(CoordinateStatistics s) {
    StringWriter w = new StringWriter();
    try {
      write(s, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return w.toString();
  }

  /**
   * Writes the statistics to {@code out} as indented JSON ending with a newline, streaming:
   * nothing but the output buffer is built, so the 10⁵–10⁶ second moments of a large program
   * go straight from the dense table to the output. {@code out} is flushed, not closed.
   */
  public static void write(CoordinateStatistics s, Writer out) throws IOException {
    write(s, new DecodingStream(out));
  }

  /**
   * Writes the statistics to {@code out} as indented JSON in UTF-8 (RFC 8259), the same text as
   * {@link #write(CoordinateStatistics, Writer)}, streaming; the second-moment tables go to
   * {@code out} as bytes straight from the dense table, without passing through chars and an
   * encoder (they are most of the output: 19 MB for the 200-token RNN's 599 vectors). {@code
   * out} is flushed, not closed.
   */
  public static void write(CoordinateStatistics s, OutputStream out) throws IOException {
    Text d = new Text(out, new char[0][]);
    document(s, d, out);
    d.flush();
    out.flush();
  }

  /**
   * UTF-8 bytes decoded on their way to a writer: the text is written as bytes either way, and
   * a character whose bytes two writes split is completed by the second.
   */
  static final class DecodingStream extends OutputStream {
    private final Writer out;
    private final java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    /** The bytes of a character not yet complete (at most 3). */
    private final java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(4);
    private final java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(1 << 14);

    DecodingStream(Writer out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b, off, len);
      while (tail.position() > 0 && in.hasRemaining()) {
        // complete the character the last write split, a byte at a time
        tail.put(in.get());
        tail.flip();
        decode(tail);
        tail.compact();
      }
      decode(in);
      if (in.hasRemaining()) {
        tail.put(in);
      }
    }

    /** Decodes what {@code in} holds of whole characters (the rest stays in it). */
    private void decode(java.nio.ByteBuffer in) throws IOException {
      while (true) {
        java.nio.charset.CoderResult r = decoder.decode(in, chars, false);
        out.write(chars.array(), 0, chars.position());
        chars.clear();
        if (r.isError()) {
          r.throwException(); // not UTF-8: the writer's text never is
        }
        if (r.isUnderflow()) {
          return;
        }
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }

  private static final String NL = DefaultIndenter.SYS_LF;
  /**
   * The start of an entry at each depth (two spaces a level): the first of an object's entries
   * ({@code FIRST}, a line break and the indent) and the others ({@code NEXT}, a comma first).
   */
  private static final String[] FIRST = new String[6];
  private static final String[] NEXT = new String[6];

  static {
    for (int depth = 0; depth < FIRST.length; depth++) {
      FIRST[depth] = NL + "  ".repeat(depth);
      NEXT[depth] = "," + FIRST[depth];
    }
  }

  /**
   * The document, in the layout of Jackson's default pretty printer (what this class wrote
   * through Jackson's generator before, kept as StatisticsJsonTest's reference: {@code "key" :
   * value}, an object's entries each on its own line indented two spaces a level, {@code { }}
   * and {@code [ ]} when empty, an array's values on one line, {@code [ a, b ]}), written
   * straight to {@code d}: the generator's calls cost ≈ 4 ms of a short command's 0.14 s,
   * cold, for the 1 400 fields of 200 vectors. Strings are escaped by Jackson's encoder and
   * numbers are its shortest round-trip form, as the generator writes them.
   */
  private static void document(CoordinateStatistics s, Text d, OutputStream out)
      throws IOException {
    d.append('{');
    plainKey(d, 1, true, "method").string(s.method());
    plainKey(d, 1, false, "vectors");
    if (s.vectors().isEmpty()) {
      d.append("{ }");
    } else {
      d.append('{');
      boolean first = true;
      for (VectorStatistics v : s.vectors().values()) {
        key(d, 2, first, v.name()).append('{');
        first = false;
        plainKey(d, 3, true, "kind").append('"').append(v.kind().label()).append('"');
        plainKey(d, 3, false, "mean").append(number(v.mean().value()));
        plainKey(d, 3, false, "variance").append(number(v.variance().value()));
        plainKey(d, 3, false, "mean_error").append(number(v.mean().error()));
        plainKey(d, 3, false, "variance_error").append(number(v.variance().error()));
        if (v.histogram() != null) {
          plainKey(d, 3, false, "histogram").append('{');
          plainKey(d, 4, true, "edges");
          array(d, v.histogram().edges());
          plainKey(d, 4, false, "density");
          array(d, v.histogram().density());
          if (!v.histogram().atoms().isEmpty()) {
            plainKey(d, 4, false, "atoms").append('[');
            boolean firstAtom = true;
            for (Histogram.Atom a : v.histogram().atoms()) {
              d.append(firstAtom ? " {" : ", {");
              firstAtom = false;
              plainKey(d, 5, true, "value").append(number(a.value()));
              plainKey(d, 5, false, "mass").append(number(a.mass()));
              end(d, 4);
            }
            d.append(" ]");
          }
          end(d, 3);
        }
        end(d, 2);
      }
      end(d, 1);
    }
    plainKey(d, 1, false, "scalars");
    scalars(d, s.scalars(), false);
    plainKey(d, 1, false, "second_moments");
    table(d, out, s.secondMomentTable(), false);
    plainKey(d, 1, false, "notes").append('[');
    for (int i = 0; i < s.notes().size(); i++) {
      d.append(i == 0 ? " " : ", ").string(s.notes().get(i));
    }
    d.append(" ]");
    plainKey(d, 1, false, "scalar_errors");
    scalars(d, s.scalars(), true);
    plainKey(d, 1, false, "second_moment_errors");
    table(d, out, s.secondMomentTable(), true);
    end(d, 0);
    d.append('\n');
  }

  /** {@code "key" : } of an entry at {@code depth}, after the comma when not the first. */
  private static Text key(Text d, int depth, boolean first, String key) throws IOException {
    return d.append((first ? FIRST : NEXT)[depth]).string(key).append(" : ");
  }

  /**
   * {@link #key} for the document's own keys ({@code "mean"}, {@code "notes"}, …): ASCII letters
   * and underscores, which need no escaping.
   */
  private static Text plainKey(Text d, int depth, boolean first, String key) throws IOException {
    return d.append((first ? FIRST : NEXT)[depth]).append('"').append(key).append("\" : ");
  }

  /** The end of an object whose entries are at {@code depth + 1}. */
  private static void end(Text d, int depth) throws IOException {
    d.append(FIRST[depth]).append('}');
  }

  /** {@code [ x, y, … ]} ({@code [ ]} when empty). */
  private static void array(Text d, double[] xs) throws IOException {
    d.append('[');
    for (int i = 0; i < xs.length; i++) {
      d.append(i == 0 ? " " : ", ").append(number(xs[i]));
    }
    d.append(" ]");
  }

  /** The scalars' values (or errors) as an object at depth 1. */
  private static void scalars(Text d, Map<String, Estimate> scalars, boolean errors)
      throws IOException {
    if (scalars.isEmpty()) {
      d.append("{ }");
      return;
    }
    d.append('{');
    boolean first = true;
    for (Map.Entry<String, Estimate> e : scalars.entrySet()) {
      key(d, 2, first, e.getKey()).append(number(errors ? e.getValue().error()
          : e.getValue().value()));
      first = false;
    }
    end(d, 1);
  }

  /**
   * A table's object ({@code { }} when it has no names), after the document's text {@code d}
   * (flushed first) on {@code out}, the stream under it.
   */
  private static void table(Text d, OutputStream out, SecondMoments t, boolean errors)
      throws IOException {
    if (t.names().isEmpty()) {
      d.append("{ }");
      return;
    }
    d.flush();
    table(out, t, errors);
  }

  /**
   * {@code {a: {b: E[Z^a Z^b]}}} (or its errors), every row in full, straight from t, to {@code
   * out} as UTF-8 bytes. The table is most of the output (2·k² numbers for k vectors), so each
   * name is quoted and escaped once, not once per entry; rows are written by two threads when
   * there are many.
   */
  static void table(OutputStream out, SecondMoments t, boolean errors) throws IOException {
    char[][] q = quoted(t.names());
    int k = t.names().size();
    Text b = new Text(out, q);
    b.append('{');
    if (k >= PARALLEL_ROWS && Runtime.getRuntime().availableProcessors() > 1) {
      // the second half of the rows on another thread, into memory, while this one writes
      // the first half to the stream; then the second half after it: the same text
      java.util.concurrent.FutureTask<Pieces> second =
          new java.util.concurrent.FutureTask<>(new SecondHalf(q, t, errors));
      Thread worker = new Thread(second, "tpe-json-rows");
      worker.setDaemon(true);
      worker.start();
      rows(b, t, errors, 0, k / 2);
      b.flush();
      try {
        second.get().writeTo(out);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        second.cancel(true);
        throw new java.io.InterruptedIOException("interrupted while writing a table");
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw WorkerFailure.cause(e);
      }
    } else {
      rows(b, t, errors, 0, k);
    }
    b.append(NL).append("  }");
    b.flush();
  }

  /** The text of the second half of a table's rows, into memory. */
  private record SecondHalf(char[][] quoted, SecondMoments t, boolean errors)
      implements java.util.concurrent.Callable<Pieces> {
    @Override
    public Pieces call() throws IOException {
      int k = t.names().size();
      Pieces mem = new Pieces();
      Text w = new Text(mem, quoted);
      rows(w, t, errors, k / 2, k);
      w.flush();
      return mem;
    }
  }

  /**
   * Bytes kept as the pieces they were written in (a buffer's worth each), not copied into one
   * growing array: 10 MB for half of the 200-token RNN's table, written once more when their
   * turn comes.
   */
  private static final class Pieces extends OutputStream {
    private final List<byte[]> pieces = new ArrayList<>();

    @Override
    public void write(int b) {
      pieces.add(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pieces.add(java.util.Arrays.copyOfRange(b, off, off + len));
    }

    void writeTo(OutputStream out) throws IOException {
      for (byte[] p : pieces) {
        out.write(p);
      }
    }
  }

  /**
   * Tables with at least this many rows are written by two threads (the 200-token RNN: 398
   * rows, 79 401 pairs, twice): below it a thread costs more than it saves.
   */
  static final int PARALLEL_ROWS = 64;

  /** {@code "name" : } for every name, quoted and escaped as the generator does. */
  private static char[][] quoted(List<String> names) {
    char[][] quoted = new char[names.size()][];
    for (int i = 0; i < quoted.length; i++) {
      quoted[i] = (quote(names.get(i)) + " : ").toCharArray();
    }
    return quoted;
  }

  /** {@code s} as a JSON string: quoted, escaped by Jackson's encoder as its generator does. */
  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }

  /**
   * Rows {@code lo} to {@code hi - 1} of a table's object, each after its comma (but row 0):
   * nesting, the table's object is at depth 1, its rows at 2, the entries at 3.
   */
  private static void rows(Text b, SecondMoments t, boolean errors, int lo, int hi)
      throws IOException {
    int k = t.names().size();
    String rowEnd = NL + "    }";
    // a row whose pairs and numbers are those of the row before has its text: written once and
    // copied (the errors of closed forms, all 0, make every row of their table the same)
    boolean kept = false;
    boolean sameAsNext = lo + 1 < hi && t.sameRow(lo, lo + 1, errors);
    // the table is symmetric: a pair of two of these rows is met twice, (i, j) in row i and (j,
    // i) in row j > i; its number is formatted the first time and kept for the second
    int m = hi - lo;
    String[] formatted = (long) m * (m - 1) / 2 <= MAX_KEPT_NUMBERS ? new String[m * (m - 1) / 2]
        : null;
    for (int i = lo; i < hi; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(NL).append("    ").name(i);
      boolean sameAsLast = i > lo && kept && sameAsNext;
      sameAsNext = i + 1 < hi && t.sameRow(i, i + 1, errors);
      if (sameAsLast) {
        b.repeatRow();
        continue;
      }
      if (sameAsNext) {
        b.beginRow();
      }
      boolean any = false;
      for (int j = 0; j < k; j++) {
        if (t.has(i, j)) {
          String x = null;
          int at = formatted == null || j == i || j < lo || j >= hi ? -1
              : j > i ? pairIndex(i - lo, j - lo) : pairIndex(j - lo, i - lo);
          if (at >= 0 && j < i) {
            x = formatted[at]; // null when row j was a copy of the row before it
            formatted[at] = null;
          }
          if (x == null) {
            x = number(errors ? t.error(i, j) : t.value(i, j));
            if (at >= 0 && j > i) {
              formatted[at] = x;
            }
          }
          b.entry(j, !any, x);
          any = true;
        }
      }
      b.append(any ? rowEnd : "{ }");
      kept = sameAsNext && b.endRow();
    }
  }

  /**
   * The most numbers {@link #rows} keeps for the second time their pair comes up (4 M: 2 897
   * rows on one thread; the most held at once is about a quarter of them, 40 MB or so).
   */
  private static final long MAX_KEPT_NUMBERS = 1L << 22;

  /** The place of the pair (a, b), a &lt; b, among the pairs of a block of rows. */
  private static int pairIndex(int a, int b) {
    return b * (b - 1) / 2 + a;
  }

  /**
   * A number as Jackson's fast double writer writes it (shortest round-trip digits, Schubfach),
   * {@code null} if not finite.
   */
  private static String number(double x) {
    if (Double.doubleToRawLongBits(x) == 0L) {
      return "0.0"; // +0.0, the error of every closed form: most of the errors table
    }
    return Double.isFinite(x) ? NumberOutput.toString(x, true) : "null";
  }

  /**
   * The start of entry j of a row for each j, as {@code open} ({@code "{"} for the first entry,
   * {@code ","} for the others) then the line break, the indent and quoted name j.
   */
  private static String[] entryStarts(char[][] quoted, char open) {
    String[] out = new String[quoted.length];
    String start = open + NL + "      ";
    for (int j = 0; j < quoted.length; j++) {
      out[j] = start + new String(quoted[j]);
    }
    return out;
  }

  /**
   * The document's text on its way out, as UTF-8 bytes through a buffer (no intermediate
   * strings: a table is ~40 characters per entry, 10⁵–10⁶ entries); a table's quoted names, and
   * each entry's start, are made once. The text is ASCII but for the quoted names and strings.
   */
  private static final class Text {
    private final OutputStream out;
    private final byte[][] names;
    private final byte[][] firstEntry;
    private final byte[][] nextEntry;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    /** Where the row being kept starts in buf (-1: none, or flushed since), and the last kept. */
    private int rowStart = -1;
    private byte[] row;

    /** Bytes for the quoted names (with their {@code " : "}), in UTF-8. */
    Text(OutputStream out, char[][] quoted) {
      this.out = out;
      this.names = utf8(quoted);
      this.firstEntry = utf8(entryStarts(quoted, '{'));
      this.nextEntry = utf8(entryStarts(quoted, ','));
    }

    private static byte[][] utf8(char[][] cs) {
      byte[][] out = new byte[cs.length][];
      for (int i = 0; i < cs.length; i++) {
        out[i] = new String(cs[i]).getBytes(StandardCharsets.UTF_8);
      }
      return out;
    }

    private static byte[][] utf8(String[] s) {
      byte[][] out = new byte[s.length][];
      for (int i = 0; i < s.length; i++) {
        out[i] = s[i].getBytes(StandardCharsets.UTF_8);
      }
      return out;
    }

    private void append(byte[] bs) throws IOException {
      if (n + bs.length > buf.length) {
        flush();
        if (bs.length > buf.length) {
          out.write(bs);
          return;
        }
      }
      System.arraycopy(bs, 0, buf, n, bs.length);
      n += bs.length;
    }

    /**
     * Entry j of a row: its start (the row's opening brace before the first, a comma before the
     * others; the line break and indent), the quoted name j, and {@code number} (ASCII).
     */
    Text entry(int j, boolean first, String number) throws IOException {
      append((first ? firstEntry : nextEntry)[j]);
      return append(number);
    }

    /** The text from here on is a row's, to be kept by {@link #endRow}. */
    void beginRow() {
      rowStart = n;
    }

    /**
     * Keeps the text since {@link #beginRow} for {@link #repeatRow}: whether it could (not when
     * the buffer was flushed in between).
     */
    boolean endRow() {
      row = rowStart < 0 ? null : java.util.Arrays.copyOfRange(buf, rowStart, n);
      rowStart = -1;
      return row != null;
    }

    /** The text {@link #endRow} kept, again. */
    Text repeatRow() throws IOException {
      append(row);
      return this;
    }

    Text append(char c) throws IOException {
      if (n == buf.length) {
        flush();
      }
      buf[n++] = (byte) c;
      return this;
    }

    /** The quoted name {@code i} with its {@code " : "}. */
    Text name(int i) throws IOException {
      append(names[i]);
      return this;
    }

    /** An ASCII string. */
    // String.getBytes(int, int, byte[], int) is deprecated, and exactly right for ASCII
    @SuppressWarnings("deprecation")
    Text append(String s) throws IOException {
      int len = s.length();
      if (n + len > buf.length) {
        flush();
        if (len > buf.length) {
          out.write(s.getBytes(StandardCharsets.US_ASCII));
          return this;
        }
      }
      // the low byte of each char, which is the char for ASCII: one array copy
      s.getBytes(0, len, buf, n);
      n += len;
      return this;
    }

    /** {@code s} (any text) as a JSON string, quoted and escaped. */
    Text string(String s) throws IOException {
      append(quote(s).getBytes(StandardCharsets.UTF_8));
      return this;
    }

    void flush() throws IOException {
      out.write(buf, 0, n);
      n = 0;
      rowStart = -1;
    }
  }

  /**
   * Reads JSON written by {@link #write} (missing error keys read as 0, null ones as NaN:
   * unknown; a missing histogram as none, {@code null} numbers as NaN).
   *
   * @throws IllegalArgumentException if the text is not JSON of this shape, saying what is wrong
   */
  public static CoordinateStatistics parse(String json) {
    JsonNode root;
    try {
      root = Reader.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject() || !root.path("method").isTextual()) {
      throw new IllegalArgumentException("expected an object with a \"method\" string");
    }
    List<String> notes = new ArrayList<>();
    root.path("notes").forEach(n -> notes.add(n.asText()));
    Map<String, VectorStatistics> vectors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("vectors").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode o = f.getValue();
      String kind = o.path("kind").asText();
      VarKind k = switch (kind) {
        case "G" -> VarKind.G;
        case "X" -> VarKind.X;
        default -> throw new IllegalArgumentException(
            "vector " + f.getKey() + ": kind must be \"G\" or \"X\", not \"" + kind + "\"");
      };
      Histogram h = null;
      if (o.has("histogram")) {
        List<Histogram.Atom> atoms = new ArrayList<>();
        o.path("histogram").path("atoms").forEach(a -> atoms.add(new Histogram.Atom(
            num(a.path("value")), num(a.path("mass")))));
        h = new Histogram(doubles(o.path("histogram").path("edges")),
            doubles(o.path("histogram").path("density")), atoms);
      }
      vectors.put(f.getKey(), new VectorStatistics(f.getKey(), k,
          new Estimate(num(o.path("mean")), err(o.path("mean_error"))),
          new Estimate(num(o.path("variance")), err(o.path("variance_error"))), h));
    }
    Map<String, Estimate> scalars = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("scalars").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      scalars.put(f.getKey(), new Estimate(num(f.getValue()),
          err(root.path("scalar_errors").path(f.getKey()))));
    }
    Map<String, Map<String, Estimate>> sm = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("second_moments").fields();
        it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      Map<String, Estimate> row = new LinkedHashMap<>();
      JsonNode errs = root.path("second_moment_errors").path(f.getKey());
      for (Iterator<Map.Entry<String, JsonNode>> jt = f.getValue().fields(); jt.hasNext();) {
        Map.Entry<String, JsonNode> g = jt.next();
        row.put(g.getKey(), new Estimate(num(g.getValue()), err(errs.path(g.getKey()))));
      }
      sm.put(f.getKey(), row);
    }
    return new CoordinateStatistics(root.path("method").asText(), notes, vectors, scalars, sm);
  }

  private static double num(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  /** A missing error key reads as 0; a {@code null} one as NaN (unknown). */
  private static double err(JsonNode n) {
    return n.isMissingNode() ? 0.0 : num(n);
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = num(a.get(i));
    }
    return out;
  }
}
