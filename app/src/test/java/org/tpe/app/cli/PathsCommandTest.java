package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tpe.samples.Samples;

class PathsCommandTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private Path sample(String name) throws IOException {
    return write(name + ".tp", Samples.get(name).text());
  }

  @Test
  void jsonHasTheShapeOfDesignSection8() throws Exception {
    CliTestSupport.Run r = CliTestSupport.tpe("paths", sample("wwt-v").toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(2, j.get("count").asInt());
    assertEquals("[{\"vars\":[\"g_id\",\"y\"],\"matrices\":[\"W\"]},"
        + "{\"vars\":[\"v_id\",\"g\",\"g_id\",\"y\"],\"matrices\":[\"W^T\",\"W\"]}]",
        j.get("paths").toString());
    assertEquals(2, j.get("classes").size());
    JsonNode c = j.get("classes").get(1);
    assertEquals("[\"W^T\",\"W\"]", c.get("matrices").toString());
    assertEquals(1, c.get("count").asInt());
    assertEquals(1, c.get("paths").size());
    assertFalse(j.get("reduced").asBoolean());
    assertFalse(j.get("truncated").asBoolean());
  }

  @Test
  void limitTruncatesTheListsButNotTheCounts() throws Exception {
    CliTestSupport.Run r = CliTestSupport.tpe("paths", sample("resnet").toString(), "--json",
        "--limit", "5");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(63, j.get("count").asInt());
    assertEquals(5, j.get("paths").size());
    assertTrue(j.get("truncated").asBoolean());
    assertEquals(63, j.get("classes").size());
  }

  @Test
  void toAGVarListsThePathsEndingThere() throws Exception {
    CliTestSupport.Run r = CliTestSupport.tpe("paths", sample("resnet").toString(), "--to", "h3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains(": 7 paths ending at h3, in 7 isomorphism classes"), r.out());
    assertTrue(r.out().contains("  x0 -W1-> g1 -> x1 -W2-> g2 -> x2 -W3-> g3\n"), r.out());
  }

  @Test
  void toAnXVarIsRejectedAtItsDefinition() throws Exception {
    Path f = sample("resnet");
    CliTestSupport.Run r = CliTestSupport.tpe("paths", f.toString(), "--to", "x1");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(f + ":17:1: --to x1: 'x1' is an X-var (made by a Nonlin)"),
        r.err());
    CliTestSupport.Run u = CliTestSupport.tpe("paths", f.toString(), "--to", "nope");
    assertEquals(1, u.code());
    assertTrue(u.err().startsWith(f + ": --to nope: no variable 'nope'"), u.err());
  }

  @Test
  void maxClassesBoundsTheListingAndSaysWhatWasLeftOut() throws Exception {
    // resnet has 63 paths in 63 classes (every word a distinct subsequence of W1 … W6); the
    // first 10 by length are the 6 one-letter words and 4 of the 15 two-letter words
    Path f = sample("resnet");
    CliTestSupport.Run r = CliTestSupport.tpe("paths", f.toString(), "--max-classes", "10");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith(f + ": 63 paths ending at the outputs (h6), in more than 10"
        + " isomorphism classes\n"), r.out());
    assertTrue(r.out().contains("the first 10 by word length, holding 10 of the 63 paths; there"
        + " are more: --max-classes N lists more"), r.out());
    assertTrue(r.out().contains("\n  W1 W2 "), r.out());
    assertFalse(r.out().contains("\n  W1 W6 "), r.out());
    CliTestSupport.Run j = CliTestSupport.tpe("paths", f.toString(), "--max-classes", "10",
        "--json");
    JsonNode json = new ObjectMapper().readTree(j.out());
    assertEquals(10, json.get("classes").size());
    assertFalse(json.get("classes_complete").asBoolean());
    assertEquals(63, json.get("count").asInt());
    CliTestSupport.Run c = CliTestSupport.tpe("paths", f.toString(),
        "--max-classes", "10", "--no-classes", "--limit", "1");
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().startsWith(f + ": 63 paths ending at the outputs"
        + " (h6)\n"), c.out());
    assertFalse(c.out().contains("Isomorphism classes"), c.out());
  }

  @Test
  void badInputIsRejectedWithLineAndColumn() throws Exception {
    Path f = write("bad.tp", "input u : G(n)\nx := relu(v)\noutput x\n");
    CliTestSupport.Run r = CliTestSupport.tpe("paths", f.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(f + ":2:11: "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void unreducibleProgramIsRejectedAtTheNonlin() throws Exception {
    StringBuilder sb = new StringBuilder("input h : G(n)\nx0 := tanh(h)\n");
    for (int i = 1; i <= 20; i++) {
      sb.append("x").append(i).append(" := x").append(i - 1).append(" * x").append(i - 1)
          .append('\n');
    }
    Path f = write("chain.tp", sb.append("output x20\n").toString());
    CliTestSupport.Run r = CliTestSupport.tpe("paths", f.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith(f + ":18:1: collapsing the Nonlins that feed 'x16'"), r.err());
  }

  @Test
  void hugeCountsAreExactWithAnApproximation() {
    // 2^100 − 1 = 1267650600228229401496703205375
    assertEquals(" (≈ 1.27e+30)", PathsCommand.approximately(
        java.math.BigInteger.ONE.shiftLeft(100).subtract(java.math.BigInteger.ONE)));
    assertEquals("", PathsCommand.approximately(java.math.BigInteger.valueOf(999_999_999_999_999L)));
  }

  @Test
  void wrongUsageExitsWithTwo() throws Exception {
    assertEquals(2, CliTestSupport.tpe("paths", sample("resnet").toString(), "--limit", "-1")
        .code());
    assertEquals(2, CliTestSupport.tpe("paths").code());
    assertEquals(2, CliTestSupport.tpe("paths", "a.tp", "--frobnicate").code());
    assertEquals(0, CliTestSupport.tpe("paths", "--help").code());
  }

  /**
   * A residual net of depth 600 with one shared W: each word length costs the listing about
   * 600²/2 steps, so the work budget runs out long before 1000 classes; the listing says why it
   * stopped, and the count stays exact (2^600 − 1, the recurrence c_l = 2 c_{l−1} + 1).
   */
  @Test
  void aListingStoppedByWorkSaysSoAndKeepsTheExactCount() throws Exception {
    int depth = 600;
    StringBuilder sb = new StringBuilder("input W : A(n, n)\ninput h0 : G(n)\n");
    for (int l = 1; l <= depth; l++) {
      sb.append("x").append(l).append(" := relu(h").append(l - 1).append(")\ng").append(l)
          .append(" := W x").append(l).append("\nh").append(l).append(" := h").append(l - 1)
          .append(" + g").append(l).append('\n');
    }
    Path f = write("shared-resnet.tp", sb.append("output h").append(depth).append('\n')
        .toString());
    CliTestSupport.Run r = CliTestSupport.tpe("paths", f.toString(), "--json", "--limit", "1");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(java.math.BigInteger.ONE.shiftLeft(depth).subtract(java.math.BigInteger.ONE),
        j.get("count").bigIntegerValue());
    assertTrue(j.get("classes_work_bound").asBoolean());
    assertFalse(j.get("classes_complete").asBoolean());
    int listed = j.get("classes").size();
    assertTrue(listed > 0 && listed < 1000, "listed " + listed);
    CliTestSupport.Run h = CliTestSupport.tpe("paths", f.toString(), "--limit", "1");
    assertTrue(h.out().contains("the first " + listed + " by word length"), h.out());
    assertTrue(h.out().contains("listing longer words would take too long"), h.out());
  }
}
