package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tpe.model.VarKind;

class StatisticsJsonTest {
  static CoordinateStatistics sample() {
    Histogram h = new Histogram(new double[] {-1, 0, 1}, new double[] {0.25, 0.75});
    return new CoordinateStatistics("particle", List.of("why, \"this\"", "second"),
        Map.of("h", new VectorStatistics("h", VarKind.G, new Estimate(0.1, 0.01),
            new Estimate(2.0, 0.02), h)),
        Map.of("θ", new Estimate(0.5, 0.003)),
        Map.of("h", Map.of("h", new Estimate(2.01, 0.02))));
  }

  /**
   * The reference: the statistics as Jackson's generator writes them with its default pretty
   * printer and fast double writer, field by field and entry by entry (what StatisticsJson did
   * before it wrote the same layout itself).
   */
  static String reference(CoordinateStatistics s) throws java.io.IOException {
    java.io.StringWriter w = new java.io.StringWriter();
    com.fasterxml.jackson.core.JsonGenerator g = com.fasterxml.jackson.core.JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build()
        .createGenerator(w);
    g.useDefaultPrettyPrinter();
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
    tableEntryByEntry(g, "second_moments", s.secondMomentTable(), false);
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
    tableEntryByEntry(g, "second_moment_errors", s.secondMomentTable(), true);
    g.writeEndObject();
    g.writeRaw('\n');
    g.flush();
    return w.toString();
  }

  private static void number(com.fasterxml.jackson.core.JsonGenerator g, String key, double x)
      throws java.io.IOException {
    g.writeFieldName(key);
    value(g, x);
  }

  private static void value(com.fasterxml.jackson.core.JsonGenerator g, double x)
      throws java.io.IOException {
    if (Double.isFinite(x)) {
      g.writeNumber(x);
    } else {
      g.writeNull();
    }
  }

  private static void array(com.fasterxml.jackson.core.JsonGenerator g, String key, double[] xs)
      throws java.io.IOException {
    g.writeArrayFieldStart(key);
    for (double x : xs) {
      value(g, x);
    }
    g.writeEndArray();
  }

  /** A table as the generator writes it, entry by entry. */
  static void tableEntryByEntry(com.fasterxml.jackson.core.JsonGenerator g, String key,
      SecondMoments t, boolean errors) throws java.io.IOException {
    g.writeObjectFieldStart(key);
    for (int i = 0; i < t.names().size(); i++) {
      g.writeObjectFieldStart(t.names().get(i));
      for (int j = 0; j < t.names().size(); j++) {
        if (t.has(i, j)) {
          g.writeFieldName(t.names().get(j));
          value(g, errors ? t.error(i, j) : t.value(i, j));
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** Statistics holding only the table {@code t}. */
  private static CoordinateStatistics only(SecondMoments t) {
    return CoordinateStatistics.owning("exact", List.of(), new java.util.LinkedHashMap<>(),
        new java.util.LinkedHashMap<>(), t);
  }

  /** The document as text and as UTF-8 bytes, each against the reference. */
  private static void assertWrittenAsTheReference(CoordinateStatistics s) throws Exception {
    String expected = reference(s);
    assertEquals(expected, StatisticsJson.write(s));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    StatisticsJson.write(s, bytes);
    assertEquals(expected, bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(java.util.Arrays.equals(
        expected.getBytes(java.nio.charset.StandardCharsets.UTF_8), bytes.toByteArray()));
  }

  /**
   * Every part of the document in every form it takes, as the generator writes it: vectors with
   * and without histograms, histograms with and without atoms (one, several), no vectors, no
   * scalars, no notes, one note, several, an empty table and subset tables; names, the method,
   * notes and scalar names that JSON must escape or that are not ASCII; numbers of every form,
   * not finite ones among them.
   */
  @Test
  void everyPartIsWrittenAsTheGeneratorWritesIt() throws Exception {
    double[] xs = {0.0, -0.0, 1.0 / 3, -2.5e-300, 4.9e-324, 1e22, 123456789.125, Double.NaN,
        Double.POSITIVE_INFINITY, Math.PI, 1e-7, -42};
    java.util.Random r = new java.util.Random(5);
    java.util.function.DoubleSupplier x = () -> xs[r.nextInt(xs.length)];
    List<String> names = List.of("h", "a\"q", "ξ1'", "c\n\t\u0001", "Ẑ^x", "😀", "b\\s");
    for (int shape = 0; shape < 8; shape++) {
      java.util.LinkedHashMap<String, VectorStatistics> vectors = new java.util.LinkedHashMap<>();
      for (int i = 0; i < (shape == 0 ? 0 : 1 + shape % 4); i++) {
        String n = names.get((shape + i) % names.size());
        Histogram h = switch ((shape + i) % 4) {
          case 0 -> null;
          case 1 -> new Histogram(new double[] {-0.5, 1, 2},
              new double[] {x.getAsDouble(), 0.2});
          case 2 -> new Histogram(new double[] {0, 1}, new double[] {0.5},
              List.of(new Histogram.Atom(0, 0.5)));
          default -> new Histogram(new double[] {0, 1, 2}, new double[] {0.1, 0.2},
              List.of(new Histogram.Atom(-0.0, 0.25), new Histogram.Atom(1e22, 0.25)));
        };
        vectors.put(n, new VectorStatistics(n, i % 2 == 0 ? VarKind.G : VarKind.X,
            new Estimate(x.getAsDouble(), Math.abs(x.getAsDouble())),
            new Estimate(x.getAsDouble(), 0), h));
      }
      java.util.LinkedHashMap<String, Estimate> scalars = new java.util.LinkedHashMap<>();
      for (int i = 0; i < shape % 3; i++) {
        scalars.put(names.get((2 * shape + i) % names.size()), new Estimate(x.getAsDouble(),
            Math.abs(x.getAsDouble())));
      }
      List<String> notes = List.of("ünïcode \"quoted\"", "\u0001 tab\t", "exact: 3 closed forms")
          .subList(0, shape % 4 == 3 ? 3 : shape % 2);
      List<String> tableNames = new java.util.ArrayList<>(vectors.keySet());
      SecondMoments.Builder b = new SecondMoments.Builder(tableNames, shape % 2 == 0);
      for (int i = 0; i < tableNames.size(); i++) {
        for (int j = 0; j <= i; j++) {
          if (shape % 2 == 0 || r.nextBoolean()) {
            b.set(i, j, x.getAsDouble(), Math.abs(x.getAsDouble()));
          }
        }
      }
      assertWrittenAsTheReference(CoordinateStatistics.owning(
          shape == 5 ? "particle \"quasi\" ξ" : "exact", notes, vectors, scalars, b.build()));
    }
  }

  @Test
  void tablesAreWrittenExactlyAsTheGeneratorWritesThemEntryByEntry() throws Exception {
    // names JSON must escape, non-ASCII names, numbers of every form, absent pairs, a row with
    // no pair at all, and enough entries (130² ≈ 17 000) to cross the 64 K-character pieces
    List<String> names = new java.util.ArrayList<>(List.of("a\"q", "b\\s", "c\n\t\u0001",
        "ξ1'", "Ẑ^x", "empty"));
    for (int i = 0; i < 124; i++) {
      names.add("v" + i);
    }
    double[] xs = {0.0, -0.0, 1.0 / 3, -2.5e-300, 4.9e-324, 1e22, 123456789.125, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.PI, 1e-7};
    SecondMoments.Builder b = new SecondMoments.Builder(names, false);
    java.util.Random r = new java.util.Random(7);
    int e = names.indexOf("empty");
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j <= i; j++) {
        if (i != e && j != e && r.nextInt(10) > 0) {
          b.set(i, j, r.nextBoolean() ? xs[r.nextInt(xs.length)] : r.nextGaussian(),
              r.nextInt(3) == 0 ? Double.NaN : Math.abs(xs[r.nextInt(xs.length)]));
        }
      }
    }
    SecondMoments t = b.build();
    assertTrue(reference(only(t)).length() > 400_000, "the tables span several pieces");
    assertWrittenAsTheReference(only(t));
    assertWrittenAsTheReference(only(new SecondMoments.Builder(List.of(), true).build()));
  }

  /**
   * Rows that repeat the row before (the same pairs, the same numbers: every row of an errors
   * table of closed forms, all 0) are written once and copied: the text is still the generator's
   * entry by entry, and the bytes its UTF-8, for runs of repeated rows long enough to cross the
   * buffers' flushes (a kept row lost to a flush is written again in full), rows with the same
   * numbers but another pair missing, which must not be copied, a row of -0.0 after rows of
   * +0.0, and non-ASCII names among the repeated ones.
   */
  @Test
  void repeatedRowsAreTheGeneratorsTextToo() throws Exception {
    List<String> names = new java.util.ArrayList<>(List.of("ξ", "Ẑ^a"));
    for (int i = 0; i < 398; i++) {
      names.add("s" + i);
    }
    int k = names.size();
    SecondMoments.Builder values = new SecondMoments.Builder(names, false);
    java.util.Random r = new java.util.Random(13);
    double[] column = new double[k];
    for (int j = 0; j < k; j++) {
      column[j] = r.nextGaussian();
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        boolean blockI = i >= 100 && i < 300;
        boolean blockJ = j >= 100 && j < 300;
        // rows 100..299 the same over every column (their columns outside the block read
        // column[·], inside it 0.25); rows 200..209 miss the pair with column 5
        double v = blockI && blockJ ? 0.25 : blockI ? column[j] : blockJ ? column[i]
            : r.nextGaussian();
        if (!(i >= 200 && i < 210 && j == 5)) {
          values.set(i, j, v, i == 350 ? -0.0 : 0.0);
        }
      }
    }
    SecondMoments t = values.build();
    assertTrue(reference(only(t)).length() > 40 * 65536, "runs of rows cross many buffers");
    assertWrittenAsTheReference(only(t));
  }

  /**
   * The byte form is the text form in UTF-8, byte for byte: vectors with histograms and atoms,
   * scalars and notes with names and text JSON must escape or that are not ASCII, and the random
   * table of the test above (several of the byte form's 64 KiB pieces).
   */
  @Test
  void theUtf8BytesAreTheTextInUtf8() throws Exception {
    List<String> names = new java.util.ArrayList<>(List.of("a\"q", "ξ1'", "Ẑ^x", "😀", "e"));
    for (int i = 0; i < 300; i++) {
      names.add("v" + i);
    }
    double[] xs = {0.0, -0.0, 1.0 / 3, -2.5e-300, 4.9e-324, 1e22, Double.NaN, 1e-7};
    SecondMoments.Builder b = new SecondMoments.Builder(names, false);
    java.util.Random r = new java.util.Random(11);
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j <= i; j++) {
        if (i != 4 && j != 4 && r.nextInt(10) > 0) {
          b.set(i, j, r.nextBoolean() ? xs[r.nextInt(xs.length)] : r.nextGaussian(),
              r.nextInt(3) == 0 ? 0.0 : Math.abs(xs[r.nextInt(xs.length)]));
        }
      }
    }
    java.util.LinkedHashMap<String, VectorStatistics> vectors = new java.util.LinkedHashMap<>();
    vectors.put("ξ1'", new VectorStatistics("ξ1'", VarKind.X, new Estimate(0.4, 0),
        new Estimate(Double.NaN, 0.1), new Histogram(new double[] {0, 1, 2},
            new double[] {0.3, 0.2}, List.of(new Histogram.Atom(0, 0.5)))));
    vectors.put("a\"q", new VectorStatistics("a\"q", VarKind.G, new Estimate(-0.0, 1e-9),
        new Estimate(2, 0), null));
    java.util.LinkedHashMap<String, Estimate> scalars = new java.util.LinkedHashMap<>();
    scalars.put("θ\n", new Estimate(0.5, 0.003));
    CoordinateStatistics s = CoordinateStatistics.owning("exact", List.of("ünïcode \"quoted\"",
        "\u0001"), vectors, scalars, b.build());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    StatisticsJson.write(s, bytes);
    String text = StatisticsJson.write(s);
    assertTrue(text.length() > 3 * 65536, "the tables span several pieces: " + text.length());
    assertEquals(text, bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(java.util.Arrays.equals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        bytes.toByteArray()));
    CoordinateStatistics empty = new CoordinateStatistics("m", List.of(), Map.of(), Map.of(),
        Map.of());
    bytes.reset();
    StatisticsJson.write(empty, bytes);
    assertEquals(StatisticsJson.write(empty),
        bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * The writer form decodes the UTF-8 it writes on the way: a character whose bytes come in two
   * or more writes (every split of 1-, 2-, 3- and 4-byte characters, and random chunks) arrives
   * whole, and bytes that are not UTF-8 are an error, not replaced.
   */
  @Test
  void theWriterReceivesTheTextHoweverItsBytesAreSplit() throws Exception {
    String text = "a ξ Ẑ^x 😀 \"q\" é\n".repeat(40);
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.util.Random r = new java.util.Random(3);
    for (int trial = 0; trial < 200; trial++) {
      java.io.StringWriter w = new java.io.StringWriter();
      StatisticsJson.DecodingStream d = new StatisticsJson.DecodingStream(w);
      for (int at = 0; at < bytes.length;) {
        int len = Math.min(bytes.length - at, trial == 0 ? 1 : 1 + r.nextInt(7));
        d.write(bytes, at, len);
        at += len;
      }
      d.flush();
      assertEquals(text, w.toString(), "trial " + trial);
    }
    StatisticsJson.DecodingStream bad =
        new StatisticsJson.DecodingStream(new java.io.StringWriter());
    assertThrows(java.nio.charset.CharacterCodingException.class,
        () -> bad.write(new byte[] {'a', (byte) 0xff, 'b'}, 0, 3));
  }

  @Test
  void hasExactlyTheDesignShapeWithErrorsAsExtraKeys() throws Exception {
    JsonNode n = new ObjectMapper().readTree(StatisticsJson.write(sample()));
    assertEquals("particle", n.get("method").asText());
    assertEquals("G", n.get("vectors").get("h").get("kind").asText());
    assertEquals(0.1, n.get("vectors").get("h").get("mean").asDouble());
    assertEquals(2.0, n.get("vectors").get("h").get("variance").asDouble());
    assertEquals(0.5, n.get("scalars").get("θ").asDouble());
    assertEquals(2.01, n.get("second_moments").get("h").get("h").asDouble());
    assertEquals(0.003, n.get("scalar_errors").get("θ").asDouble());
    assertEquals(0.02, n.get("second_moment_errors").get("h").get("h").asDouble());
    assertEquals(0.01, n.get("vectors").get("h").get("mean_error").asDouble());
  }

  @Test
  void parseInvertsWrite() {
    CoordinateStatistics s = sample();
    CoordinateStatistics back = StatisticsJson.parse(StatisticsJson.write(s));
    assertEquals(s.method(), back.method());
    assertEquals(s.notes(), back.notes());
    assertEquals(s.vectors(), back.vectors());
    assertEquals(s.scalars(), back.scalars());
    assertEquals(s.secondMoments(), back.secondMoments());
  }

  /** relu's point mass at 0 is written as an atom and read back (the density covers the rest). */
  @Test
  void pointMassesAreWrittenAsAtomsAndReadBack() throws Exception {
    Histogram h = new Histogram(new double[] {0, 1, 2}, new double[] {0.3, 0.2},
        List.of(new Histogram.Atom(0, 0.5)));
    CoordinateStatistics s = new CoordinateStatistics("exact", List.of(),
        Map.of("x", new VectorStatistics("x", VarKind.X, new Estimate(0.4, 0),
            new Estimate(0.34, 0), h)), Map.of(), Map.of());
    JsonNode atom = new ObjectMapper().readTree(StatisticsJson.write(s)).get("vectors").get("x")
        .get("histogram").get("atoms").get(0);
    assertEquals(0.0, atom.get("value").asDouble());
    assertEquals(0.5, atom.get("mass").asDouble());
    assertEquals(List.of(new Histogram.Atom(0, 0.5)),
        StatisticsJson.parse(StatisticsJson.write(s)).vectors().get("x").histogram().atoms());
  }

  @Test
  void nonFiniteNumbersBecomeNullNotInvalidJson() throws Exception {
    CoordinateStatistics s = new CoordinateStatistics("m", List.of(), Map.of(),
        Map.of("t", new Estimate(Double.POSITIVE_INFINITY, 0)), Map.of());
    JsonNode n = new ObjectMapper().readTree(StatisticsJson.write(s));
    assertTrue(n.get("scalars").get("t").isNull());
    assertTrue(Double.isNaN(StatisticsJson.parse(StatisticsJson.write(s)).scalars().get("t")
        .value()));
  }

  @Test
  void badJsonIsRejectedWithAMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StatisticsJson.parse("{\"vectors\": {}}"));
    assertTrue(e.getMessage().contains("method"));
    assertThrows(IllegalArgumentException.class, () -> StatisticsJson.parse("{"));
  }

  @Test
  void csvHasOneRowPerQuantityAndNotesAsComments() {
    String csv = StatisticsCsv.write(sample());
    String[] lines = csv.split("\n");
    assertEquals("# method: particle", lines[0]);
    assertEquals("# why, \"this\"", lines[1]);
    assertEquals(StatisticsCsv.HEADER, lines[3]);
    assertEquals("mean,h,,G,0.1,0.01", lines[4]);
    assertEquals("variance,h,,G,2.0,0.02", lines[5]);
    assertEquals(lines[6], ("scalar,θ,,scalar,0.5,0.003"));
    assertEquals(lines[7], ("second_moment,h,h,,2.01,0.02"));
    assertEquals(8, lines.length);
    assertNull(sample().secondMoment("h", "nope"));
  }
}
