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
