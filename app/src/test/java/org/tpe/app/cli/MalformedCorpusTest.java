package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the malformed corpus is rejected by {@code tpe validate} with exit 1 and messages
 * {@code file:line:col: message} — never a stack trace, never a hang. (The timeout only guards
 * against hangs; it is not a speed target.)
 */
class MalformedCorpusTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  /** Where the first message must point, for files whose place is unambiguous. */
  private static final Map<String, String> FIRST_POSITION = Map.ofEntries(
      Map.entry("cycle.tp", "3:9"),
      Map.entry("undefined-name.tp", "2:11"),
      Map.entry("redefined-name.tp", "3:1"),
      Map.entry("use-before-definition.tp", "3:11"),
      Map.entry("matrix-in-nonlin.tp", "3:11"),
      Map.entry("vector-as-matrix.tp", "4:6"),
      Map.entry("unknown-function.tp", "2:6"),
      Map.entry("wrong-arity.tp", "2:6"),
      Map.entry("bad-variance-matrix.tp", "1:7"),
      Map.entry("bad-variance-vector.tp", "1:7"),
      Map.entry("non-psd-covariance.tp", "3:1"),
      Map.entry("unbalanced-parens-open.tp", "2:14"),
      Map.entry("unbalanced-parens-close.tp", "2:13"),
      Map.entry("moment-no-vector.tp", "3:1"),
      Map.entry("scalar-as-vector.tp", "3:8"),
      Map.entry("vector-where-scalar.tp", "2:15"),
      Map.entry("dimension-mismatch.tp", "1:13"),
      Map.entry("matrix-variance-without-n.tp", "1:26"),
      Map.entry("infinite-number.tp", "1:23"),
      Map.entry("unterminated-string.tp", "1:7"),
      Map.entry("missing-assign.tp", "2:3"),
      Map.entry("output-undefined.tp", "3:8"),
      Map.entry("cov-of-matrix.tp", "3:5"),
      Map.entry("garbage-line.tp", "2:1"),
      Map.entry("transpose-of-vector.tp", "4:6"),
      Map.entry("avg-inside-expression.tp", "2:13"),
      Map.entry("unexpected-character.tp", "2:8"),
      Map.entry("product-of-matrices.tp", "3:8"),
      Map.entry("width-as-variable.tp", "2:16"),
      Map.entry("nonzero-matrix-mean.tp", "1:23"),
      Map.entry("many-errors.tp", "2:12"),
      Map.entry("nested-20000.tp", "2:"),
      Map.entry("random-bytes.tp", "1:"),
      Map.entry("binary-nul.tp", "2:"),
      Map.entry("long-sum.tp", "2:"),
      Map.entry("coefficient-overflow.tp", "2:8"),
      Map.entry("zero-variance.tp", "1:7"),
      Map.entry("position-outside-drawing.tp", "2:29"),
      Map.entry("overlong-utf8.tp", "2:16"),
      Map.entry("unary-plus-chain.tp", "2:"));

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(MalformedCorpusTest.class.getResource("/malformed").toURI());
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".tp")).sorted().toList().stream();
    }
  }

  private static final Pattern LOCATED = Pattern.compile("^.+\\.tp:\\d+:\\d+: .+$");

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void rejectedWithFileLineColumnAndNoStackTrace(Path file) {
    CliTestSupport.Run r = assertTimeoutPreemptively(HANG_GUARD,
        () -> CliTestSupport.tpe("validate", file.toString()));
    String name = file.getFileName().toString();
    assertEquals(1, r.code(), name + " exit code; stderr: " + r.err());
    assertNoStackTrace(r);
    List<String> lines = r.err().lines().toList();
    assertFalse(lines.isEmpty(), name + " printed no message");
    if (name.equals("empty.tp")) {
      assertTrue(r.err().contains("the program is empty"), r.err());
      return;
    }
    for (String line : lines) {
      assertTrue(LOCATED.matcher(line).matches(), name + ": not file:line:col: " + line);
    }
    String want = FIRST_POSITION.get(name);
    assertTrue(want != null, "pin the first position of " + name + ": " + lines.get(0));
    assertTrue(lines.get(0).startsWith(file + ":" + want), name + ": " + lines.get(0));
  }

  @Test
  void corpusHasAtLeastTwentyFiveFiles() throws Exception {
    assertTrue(corpus().count() >= 25);
  }

  @Test
  void everySyntaxErrorOfAFileIsListed() throws Exception {
    Path file = corpus().filter(p -> p.endsWith("many-errors.tp")).findFirst().orElseThrow();
    CliTestSupport.Run r = CliTestSupport.tpe("validate", file.toString());
    assertEquals(3, r.err().lines().count(), r.err());
  }

  @Test
  void aFiftyThousandLineProgramIsReadAndItsOneErrorFound(@TempDir Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("input W : A(n, n)\ninput h0 : G(n)\n");
    int layers = 16666;
    for (int l = 1; l <= layers; l++) {
      sb.append("x").append(l).append(" := relu(h").append(l - 1).append(")\n");
      sb.append("g").append(l).append(" := W x").append(l).append('\n');
      sb.append("h").append(l).append(" := h").append(l - 1).append(" + g").append(l).append('\n');
    }
    sb.append("output h").append(layers + 1).append('\n');
    Path file = dir.resolve("huge.tp");
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    long lines = sb.chars().filter(c -> c == '\n').count();
    assertTrue(lines >= 50_000, "lines: " + lines);
    CliTestSupport.Run r = assertTimeoutPreemptively(HANG_GUARD,
        () -> CliTestSupport.tpe("validate", file.toString()));
    assertEquals(1, r.code(), r.err());
    assertNoStackTrace(r);
    assertTrue(r.err().startsWith(file + ":" + lines + ":8: output h" + (layers + 1)
        + " is not defined"), r.err());
  }

  @Test
  void missingFileAndDirectoryAreRejected(@TempDir Path dir) {
    CliTestSupport.Run r = CliTestSupport.tpe("validate", dir.resolve("nope.tp").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no such file"), r.err());
    r = CliTestSupport.tpe("validate", dir.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("is a directory"), r.err());
  }

  @Test
  void wrongUsageExitsTwo() {
    assertEquals(2, CliTestSupport.tpe("validate").code());
    assertEquals(2, CliTestSupport.tpe("frobnicate", "x.tp").code());
    assertEquals(2, CliTestSupport.tpe("validate", "--bogus", "x.tp").code());
  }

  static void assertNoStackTrace(CliTestSupport.Run r) {
    String all = r.out() + r.err();
    assertFalse(all.contains("Exception"), all);
    assertFalse(all.contains("\tat "), all);
    assertFalse(all.contains("internal error"), all);
  }
}
