package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tpe.limit.StatisticsCsv;
import org.tpe.sim.ConvergenceFormats;
import org.tpe.samples.Samples;

class SimulateConvergeCommandTest {

  private static Path sample(Path dir, String name) throws IOException {
    Path f = dir.resolve(name + ".tp");
    Files.writeString(f, Samples.get(name).text());
    return f;
  }

  @Test
  void simulateJsonHasTheLimitsShapeWithEveryPair(@TempDir Path dir) throws IOException {
    CliTestSupport.Run r = CliTestSupport.tpe("simulate", "--width", "512", "--seed", "3",
        "--json", sample(dir, "layernorm").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("simulation n=512 seed=3 replicates=4", j.get("method").asText());
    int vectors = j.get("vectors").size();
    assertTrue(vectors > 0);
    j.get("vectors").forEach(v -> assertTrue(v.get("kind").asText().matches("G|X")));
    assertEquals(vectors, j.get("second_moments").size());
    j.get("second_moments").forEach(row -> assertEquals(vectors, row.size()));
    assertTrue(j.get("scalars").size() > 0);
    // the same seed prints the same numbers
    CliTestSupport.Run again = CliTestSupport.tpe("simulate", "--width", "512", "--seed", "3",
        "--json", "--threads", "1", sample(dir, "layernorm").toString());
    assertEquals(r.out(), again.out());
  }

  @Test
  void simulateTableAndCsv(@TempDir Path dir) throws IOException {
    Path f = sample(dir, "wwt-v");
    CliTestSupport.Run t = CliTestSupport.tpe("simulate", "--width", "256", f.toString());
    assertEquals(0, t.code(), t.err());
    assertTrue(t.out().startsWith("method: simulation n=256 seed=1 replicates=4"), t.out());
    CliTestSupport.Run c = CliTestSupport.tpe("simulate", "--width", "256", "--csv",
        f.toString());
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains(StatisticsCsv.HEADER + "\n"), c.out());
    assertTrue(c.out().contains("second_moment,y,v,,"), c.out());
  }

  @Test
  void simulateSeedsSaysWhatTheErrorIsAndOneReplicateHasNone(@TempDir Path dir)
      throws IOException {
    Path f = sample(dir, "wwt-v");
    CliTestSupport.Run four = CliTestSupport.tpe("simulate", "--width", "64", "--seeds", "4",
        f.toString());
    assertEquals(0, four.code(), four.err());
    assertTrue(four.out().contains("mean over the 4 replicates")
        && four.out().contains("standard error s/√4")
        && four.out().contains("finite-width bias is not included"), four.out());
    assertTrue(!four.out().contains("± ?"), four.out());
    CliTestSupport.Run one = CliTestSupport.tpe("simulate", "--width", "64", "--seeds", "1",
        "--json", f.toString());
    assertEquals(0, one.code(), one.err());
    JsonNode j = new ObjectMapper().readTree(one.out());
    // one replicate: the error is unknown (null), never the within-draw √(Var/n)
    assertTrue(j.get("second_moment_errors").get("y").get("v").isNull(), one.out());
    assertTrue(j.get("notes").toString().contains("± is unknown"), one.out());
    CliTestSupport.Run table = CliTestSupport.tpe("simulate", "--width", "64", "--seeds", "1",
        f.toString());
    assertTrue(table.out().contains("± ?"), table.out());
  }

  @Test
  void simulateSeedsZeroIsAUsageError(@TempDir Path dir) throws IOException {
    CliTestSupport.Run r = CliTestSupport.tpe("simulate", "--width", "64", "--seeds", "0",
        sample(dir, "wwt-v").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--seeds must be at least 1"), r.err());
  }

  @Test
  void simulateUsageErrorsExitTwo(@TempDir Path dir) throws IOException {
    Path f = sample(dir, "wwt-v");
    assertEquals(2, CliTestSupport.tpe("simulate", f.toString()).code()); // no --width
    CliTestSupport.Run r = CliTestSupport.tpe("simulate", "--width", "1", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("width must be at least 2"), r.err());
    assertEquals(2, CliTestSupport.tpe("simulate", "--width", "8", "--json", "--csv",
        f.toString()).code());
  }

  @Test
  void simulateRejectsBadProgramsWithLineAndColumn(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.tp");
    Files.writeString(f, "input u : G(n) ~ N(0, 1)\ninput v : G(n) ~ N(0, 1)\n"
        + "cov(u, v) = 2\n");
    CliTestSupport.Run r = CliTestSupport.tpe("simulate", "--width", "64", f.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(f + ":3:"), r.err());
    assertTrue(r.err().contains("not positive semidefinite"), r.err());
    Path big = dir.resolve("big.tp");
    Files.writeString(big, "input W : A(n, n)\ninput u : G(n)\nh := W u\nx := relu(h)\n"
        + "k := W x\n");
    CliTestSupport.Run m = CliTestSupport.tpe("simulate", "--width", "45000", big.toString());
    assertEquals(1, m.code());
    assertTrue(m.err().contains("choose a smaller width"), m.err());
    assertTrue(!m.err().contains("Exception"), m.err());
  }

  @Test
  void convergeJsonHasASlopeNearMinusOneHalf(@TempDir Path dir) throws IOException {
    CliTestSupport.Run r = CliTestSupport.tpe("converge", "--widths", "128,512,2048",
        "--seeds", "2", "--json", sample(dir, "mlp-one-input").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(List.of(128, 512, 2048), List.of(j.get("widths").get(0).asInt(),
        j.get("widths").get(1).asInt(), j.get("widths").get(2).asInt()));
    assertEquals(2, j.get("seeds").size());
    double slope = j.get("slope").asDouble();
    // same bounds as ConvergenceSweepTest: −1/2 up to noise and O(1/n) bias
    assertTrue(slope > -0.8 && slope < -0.2, r.out());
    assertTrue(j.get("quantities").size() > 0);
  }

  @Test
  void convergeTableAndCsv(@TempDir Path dir) throws IOException {
    Path f = sample(dir, "mlp-one-input");
    CliTestSupport.Run t = CliTestSupport.tpe("converge", "--widths", "64,256", f.toString());
    assertEquals(0, t.code(), t.err());
    assertTrue(t.out().contains("pooled log-log slope:"), t.out());
    assertTrue(t.out().contains("n=64"), t.out());
    CliTestSupport.Run c = CliTestSupport.tpe("converge", "--widths", "64,256", "--csv",
        f.toString());
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains(ConvergenceFormats.CSV_HEADER + "\n"), c.out());
  }

  @Test
  void convergeUsageErrorsExitTwo(@TempDir Path dir) throws IOException {
    Path f = sample(dir, "mlp-one-input");
    CliTestSupport.Run r = CliTestSupport.tpe("converge", "--widths", "256", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("at least two different widths"), r.err());
    assertEquals(2, CliTestSupport.tpe("converge", "--seeds", "0", f.toString()).code());
    assertEquals(2, CliTestSupport.tpe("converge", "--widths", "a,b", f.toString()).code());
  }
}
