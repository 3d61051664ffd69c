package org.tpe.limit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
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
  /** Shortest round-trip doubles by Schubfach, several times faster than JDK 17's toString. */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

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
    JsonGenerator g = generator(out);
    write(s, g, (key, t, errors) -> table(g, key, t, errors));
  }

  /**
   * Writes the statistics to {@code out} as indented JSON in UTF-8 (RFC 8259), the same text as
   * {@link #write(CoordinateStatistics, Writer)}, streaming; the second-moment tables go to
   * {@code out} as bytes straight from the dense table, without passing through chars and an
   * encoder (they are most of the output: 19 MB for the 200-token RNN's 599 vectors). {@code
   * out} is flushed, not closed.
   */
  public static void write(CoordinateStatistics s, OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.useDefaultPrettyPrinter();
    write(s, g, (key, t, errors) -> table(g, out, key, t, errors));
    out.flush();
  }

  /** How a second-moment table is written ({@code key: {a: {b: …}}}). */
  private interface TableWriter {
    void write(String key, SecondMoments t, boolean errors) throws IOException;
  }

  private static void write(CoordinateStatistics s, JsonGenerator g, TableWriter tables)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("method", s.method());
    g.writeObjectFieldStart("vectors");
    for (VectorStatistics v : s.vectors().values()) {
      g.writeObjectFieldStart(v.name());
      g.writeStringField("kind", v.kind().label());
      number(g, "mean", v.mean().value());
      number(g, "variance", v.variance().value());
      number(g, "mean_error", v.mean().error());
      number(g, "variance_error", v.variance().error());
      if (v.histogram() != null) {
        g.writeObjectFieldStart("histogram");
        array(g, "edges", v.histogram().edges());
        array(g, "density", v.histogram().density());
        if (!v.histogram().atoms().isEmpty()) {
          g.writeArrayFieldStart("atoms");
          for (Histogram.Atom a : v.histogram().atoms()) {
            g.writeStartObject();
            number(g, "value", a.value());
            number(g, "mass", a.mass());
            g.writeEndObject();
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeObjectFieldStart("scalars");
    for (Map.Entry<String, Estimate> e : s.scalars().entrySet()) {
      number(g, e.getKey(), e.getValue().value());
    }
    g.writeEndObject();
    tables.write("second_moments", s.secondMomentTable(), false);
    g.writeArrayFieldStart("notes");
    for (String n : s.notes()) {
      g.writeString(n);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("scalar_errors");
    for (Map.Entry<String, Estimate> e : s.scalars().entrySet()) {
      number(g, e.getKey(), e.getValue().error());
    }
    g.writeEndObject();
    tables.write("second_moment_errors", s.secondMomentTable(), true);
    g.writeEndObject();
    g.writeRaw('\n');
    g.flush();
  }

  /** The generator {@link #write(CoordinateStatistics, Writer)} writes with. */
  static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.useDefaultPrettyPrinter();
    return g;
  }

  /**
   * {@code key: {a: {b: E[Z^a Z^b]}}} (or its errors), every row in full, straight from t. The
   * table is most of the output (2·k² numbers for k vectors), so its text is put together here
   * and handed to the generator in large raw pieces: each name is quoted and escaped once (by
   * Jackson's own encoder), not once per entry, and every number is Jackson's fast shortest
   * round-trip form ({@link NumberOutput#toString(double, boolean)}, what {@code
   * USE_FAST_DOUBLE_WRITER} writes). The text is exactly what the generator's default pretty
   * printer would write entry by entry (StatisticsJsonTest compares the two).
   */
  static void table(JsonGenerator g, String key, SecondMoments t, boolean errors)
      throws IOException {
    if (start(g, key, t)) {
      text(new CharText(g, quoted(t.names())), t, errors);
    }
  }

  /**
   * {@link #table(JsonGenerator, String, SecondMoments, boolean)} with the table's text written
   * to {@code out}, the stream under {@code g}, as UTF-8 bytes (the generator is flushed first:
   * its text and the table's follow each other on the stream).
   */
  static void table(JsonGenerator g, OutputStream out, String key, SecondMoments t,
      boolean errors) throws IOException {
    if (start(g, key, t)) {
      g.flush();
      char[][] q = quoted(t.names());
      int k = t.names().size();
      ByteText b = new ByteText(out, q);
      b.append('{');
      if (k >= PARALLEL_ROWS && Runtime.getRuntime().availableProcessors() > 1) {
        // the second half of the rows on another thread, into memory, while this one writes
        // the first half to the stream; then the second half after it: the same text
        int half = k / 2;
        java.util.concurrent.FutureTask<Pieces> second =
            new java.util.concurrent.FutureTask<>(() -> {
              Pieces mem = new Pieces();
              ByteText w = new ByteText(mem, q);
              rows(w, t, errors, half, k);
              w.flush();
              return mem;
            });
        Thread worker = new Thread(second, "tpe-json-rows");
        worker.setDaemon(true);
        worker.start();
        rows(b, t, errors, 0, half);
        b.flush();
        try {
          second.get().writeTo(out);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          second.cancel(true);
          throw new java.io.InterruptedIOException("interrupted while writing " + key);
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof IOException io) {
            throw io;
          }
          throw WorkerFailure.cause(e);
        }
      } else {
        rows(b, t, errors, 0, k);
      }
      b.append(DefaultIndenter.SYS_LF).append("  }");
      b.flush();
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

  /**
   * The key, and for an empty table its {@code { }}: whether the table's text is to be written
   * (the generator then stands after the key, as after a value, its separator written).
   */
  private static boolean start(JsonGenerator g, String key, SecondMoments t) throws IOException {
    g.writeFieldName(key);
    if (t.names().isEmpty()) {
      g.writeStartObject();
      g.writeEndObject();
      return false;
    }
    // the separator before the value, and the generator's state: a value was written
    g.writeRawValue("");
    return true;
  }

  /** {@code "name" : } for every name, quoted and escaped as the generator does. */
  private static char[][] quoted(List<String> names) {
    char[][] quoted = new char[names.size()][];
    for (int i = 0; i < quoted.length; i++) {
      quoted[i] = ("\"" + new String(JsonStringEncoder.getInstance().quoteAsString(names.get(i)))
          + "\" : ").toCharArray();
    }
    return quoted;
  }

  /** The text of a table's object, through {@code b}. */
  private static void text(Text b, SecondMoments t, boolean errors) throws IOException {
    b.append('{');
    rows(b, t, errors, 0, t.names().size());
    b.append(DefaultIndenter.SYS_LF).append("  }");
    b.flush();
  }

  /**
   * Rows {@code lo} to {@code hi - 1} of a table's object, each after its comma (but row 0):
   * nesting, the table's object is at depth 1, its rows at 2, the entries at 3.
   */
  private static void rows(Text b, SecondMoments t, boolean errors, int lo, int hi)
      throws IOException {
    int k = t.names().size();
    String nl = DefaultIndenter.SYS_LF;
    String rowEnd = nl + "    }";
    // a row whose pairs and numbers are those of the row before has its text: written once and
    // copied (the errors of closed forms, all 0, make every row of their table the same)
    boolean kept = false;
    boolean sameAsNext = lo + 1 < hi && sameRow(t, errors, lo, lo + 1);
    for (int i = lo; i < hi; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(nl).append("    ").name(i);
      boolean sameAsLast = i > lo && kept && sameAsNext;
      sameAsNext = i + 1 < hi && sameRow(t, errors, i, i + 1);
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
          b.entry(j, !any, number(errors ? t.error(i, j) : t.value(i, j)));
          any = true;
        }
      }
      b.append(any ? rowEnd : "{ }");
      kept = sameAsNext && b.endRow();
    }
  }

  /** Whether rows a and b of the table have the same pairs and the same numbers, bit for bit. */
  private static boolean sameRow(SecondMoments t, boolean errors, int a, int b) {
    for (int j = 0; j < t.names().size(); j++) {
      boolean has = t.has(a, j);
      if (has != t.has(b, j)) {
        return false;
      }
      if (has && Double.doubleToRawLongBits(errors ? t.error(a, j) : t.value(a, j))
          != Double.doubleToRawLongBits(errors ? t.error(b, j) : t.value(b, j))) {
        return false;
      }
    }
    return true;
  }

  /** A table entry's number as the fast double writer writes it, {@code null} if not finite. */
  private static String number(double x) {
    if (Double.doubleToRawLongBits(x) == 0L) {
      return "0.0"; // +0.0, the error of every closed form: most of the errors table
    }
    return Double.isFinite(x) ? NumberOutput.toString(x, true) : "null";
  }

  /**
   * A table's text on its way out, through a buffer (no intermediate strings: the output is ~40
   * characters per entry, 10⁵–10⁶ entries). The text is ASCII but for the quoted names.
   */
  private abstract static class Text {
    abstract Text append(char c) throws IOException;

    /** An ASCII string. */
    abstract Text append(String s) throws IOException;

    /** The quoted name {@code i} with its {@code " : "}. */
    abstract Text name(int i) throws IOException;

    /**
     * Entry j of a row: its start (the row's opening brace before the first, a comma before the
     * others; the line break and indent), the quoted name j, and {@code number} (ASCII).
     */
    abstract Text entry(int j, boolean first, String number) throws IOException;

    /** The text from here on is a row's, to be kept by {@link #endRow}. */
    abstract void beginRow();

    /**
     * Keeps the text since {@link #beginRow} for {@link #repeatRow}: whether it could (not when
     * the buffer was flushed in between).
     */
    abstract boolean endRow();

    /** The text {@link #endRow} kept, again. */
    abstract Text repeatRow() throws IOException;

    abstract void flush() throws IOException;
  }

  /**
   * The start of entry j of a row for each j, as {@code open} ({@code "{"} for the first entry,
   * {@code ","} for the others) then the line break, the indent and quoted name j.
   */
  private static String[] entryStarts(char[][] quoted, char open) {
    String[] out = new String[quoted.length];
    String start = open + DefaultIndenter.SYS_LF + "      ";
    for (int j = 0; j < quoted.length; j++) {
      out[j] = start + new String(quoted[j]);
    }
    return out;
  }

  /** Raw text for a generator, through a buffer of chars. */
  private static final class CharText extends Text {
    private final JsonGenerator g;
    private final char[][] names;
    private final char[][] firstEntry;
    private final char[][] nextEntry;
    private final char[] buf = new char[1 << 15];
    private int n;
    /** Where the row being kept starts in buf (-1: none, or flushed since), and the last kept. */
    private int rowStart = -1;
    private char[] row;

    CharText(JsonGenerator g, char[][] names) {
      this.g = g;
      this.names = names;
      this.firstEntry = chars(entryStarts(names, '{'));
      this.nextEntry = chars(entryStarts(names, ','));
    }

    private static char[][] chars(String[] s) {
      char[][] out = new char[s.length][];
      for (int i = 0; i < s.length; i++) {
        out[i] = s[i].toCharArray();
      }
      return out;
    }

    private void append(char[] cs) throws IOException {
      if (n + cs.length > buf.length) {
        flush();
        if (cs.length > buf.length) {
          g.writeRaw(cs, 0, cs.length);
          return;
        }
      }
      System.arraycopy(cs, 0, buf, n, cs.length);
      n += cs.length;
    }

    @Override
    Text entry(int j, boolean first, String number) throws IOException {
      append((first ? firstEntry : nextEntry)[j]);
      return append(number);
    }

    @Override
    void beginRow() {
      rowStart = n;
    }

    @Override
    boolean endRow() {
      row = rowStart < 0 ? null : java.util.Arrays.copyOfRange(buf, rowStart, n);
      rowStart = -1;
      return row != null;
    }

    @Override
    Text repeatRow() throws IOException {
      append(row);
      return this;
    }

    @Override
    Text append(char c) throws IOException {
      if (n == buf.length) {
        flush();
      }
      buf[n++] = c;
      return this;
    }

    @Override
    Text name(int i) throws IOException {
      append(names[i]);
      return this;
    }

    @Override
    Text append(String s) throws IOException {
      if (n + s.length() > buf.length) {
        flush();
        if (s.length() > buf.length) {
          g.writeRaw(s);
          return this;
        }
      }
      s.getChars(0, s.length(), buf, n);
      n += s.length();
      return this;
    }

    @Override
    void flush() throws IOException {
      g.writeRaw(buf, 0, n);
      n = 0;
      rowStart = -1;
    }
  }

  /** UTF-8 bytes for a stream, through a buffer of bytes. */
  private static final class ByteText extends Text {
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
    ByteText(OutputStream out, char[][] quoted) {
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

    @Override
    Text entry(int j, boolean first, String number) throws IOException {
      append((first ? firstEntry : nextEntry)[j]);
      return append(number);
    }

    @Override
    void beginRow() {
      rowStart = n;
    }

    @Override
    boolean endRow() {
      row = rowStart < 0 ? null : java.util.Arrays.copyOfRange(buf, rowStart, n);
      rowStart = -1;
      return row != null;
    }

    @Override
    Text repeatRow() throws IOException {
      append(row);
      return this;
    }

    @Override
    Text append(char c) throws IOException {
      if (n == buf.length) {
        flush();
      }
      buf[n++] = (byte) c;
      return this;
    }

    @Override
    Text name(int i) throws IOException {
      append(names[i]);
      return this;
    }

    @Override
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exactly right for ASCII
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

    @Override
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

  private static void number(JsonGenerator g, String key, double x) throws IOException {
    g.writeFieldName(key);
    if (Double.isFinite(x)) {
      g.writeNumber(x);
    } else {
      g.writeNull();
    }
  }

  private static void array(JsonGenerator g, String key, double[] xs) throws IOException {
    g.writeArrayFieldStart(key);
    for (double x : xs) {
      if (Double.isFinite(x)) {
        g.writeNumber(x);
      } else {
        g.writeNull();
      }
    }
    g.writeEndArray();
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
