package org.tpe.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.tpe.model.Covariance;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.Point;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.model.VectorInput;

class TpDocumentTest {
  private static final String MLP = """
      # MLP with two hidden layers on one input.
      # Shows: the Netsor forward pass.
      title "MLP"
      input Wx : G(n) ~ N(0, 1)        # W¹ξ, the layer-1 embedding
      input b1 : G(n) ~ N(0, 0.1)      # layer-1 bias
      input W2 : A(n, n) ~ N(0, 2/n)   # He initialisation

      h1 := Wx + b1
      x1 := relu(h1)
      # the second layer
      g2 := W2 x1
      x2 := relu(g2)
      output x2
      """;

  private static Program edit(String text, java.util.function.UnaryOperator<Program> f) {
    return f.apply(TpParser.parse(text));
  }

  @Test
  void aDocumentIsItsTextByteForByte() {
    for (String t : List.of(MLP, MLP.replace("\n", "\r\n"), "\uFEFFinput u : G(n)",
        "input u : G(n)\r\n\r\n# end", "", "\n\n", "x := ")) {
      assertEquals(t, TpDocument.of(t).text());
    }
    assertEquals(TpParser.parse(MLP), TpDocument.of(MLP).program());
    assertTrue(TpDocument.of(MLP).parses());
  }

  @Test
  void theSameProgramLeavesTheDocumentAlone() {
    TpDocument d = TpDocument.of(MLP);
    assertSame(d, d.withProgram(TpParser.parse(MLP)));
  }

  @Test
  void movingANodeRewritesOnlyItsAnnotationRoundedToATenth() {
    TpDocument d = TpDocument.of(MLP);
    TpDocument moved = d.withProgram(d.program().withPosition("b1", new Point(12.349, -0.04)));
    assertEquals(MLP.replace("input b1 : G(n) ~ N(0, 0.1)      # layer-1 bias",
        "input b1 : G(n) ~ N(0, 0.1)  @at(12.3, 0)      # layer-1 bias"), moved.text());
    assertEquals(new Point(12.3, 0), moved.program().layout().get("b1"));
    TpDocument again = moved.withProgram(moved.program().withPosition("b1", new Point(7, 8.25)));
    assertTrue(again.text().contains("input b1 : G(n) ~ N(0, 0.1)  @at(7, 8.3)      # layer-1"),
        again.text());
    assertEquals(MLP, again.withProgram(again.program().withPosition("b1", null)).text());
  }

  @Test
  void aChangedStatementKeepsItsIndentationAndItsCommentInItsColumn() {
    String t = "input u : G(n)\n  x := relu(u)    # the first layer\n";
    TpDocument d = TpDocument.of(t);
    Program p = TpParser.parse("input u : G(n)\nx := tanh(u)\n");
    assertEquals("input u : G(n)\n  x := tanh(u)    # the first layer\n", d.withProgram(p).text());
    Program longer = TpParser.parse("input u : G(n)\nx := relu(u) + tanh(u) * 2\n");
    assertEquals("input u : G(n)\n  x := relu(u) + tanh(u)*2  # the first layer\n",
        d.withProgram(longer).text());
  }

  @Test
  void userSpacingOfUnchangedStatementsSurvivesAnEditElsewhere() {
    String t = "input   u : G(n)~N(0,1)\nx:=relu( u )\ny := tanh(x)\n";
    TpDocument d = TpDocument.of(t);
    Program p = edit(t, q -> q.mapInstructions(i -> i.target().equals("y")
        ? TpParser.parse("input x : G(n)\ny := sin(x)").instructions().get(0) : i));
    assertEquals("input   u : G(n)~N(0,1)\nx:=relu( u )\ny := sin(x)\n", d.withProgram(p).text());
  }

  @Test
  void aRemovedStatementTakesItsLineAndItsCommentButNoCommentLine() {
    TpDocument d = TpDocument.of(MLP);
    Program p = d.program().toBuilder().build();
    Program.Builder b = p.toBuilder();
    b.inputs().removeIf(in -> in.target().equals("b1"));
    b.instructions().removeIf(i -> i.target().equals("g2"));
    String out = d.withProgram(b.build()).text();
    assertEquals(MLP.replace("input b1 : G(n) ~ N(0, 0.1)      # layer-1 bias\n", "")
        .replace("g2 := W2 x1\n", ""), out);
    assertTrue(out.contains("# the second layer\n"));
  }

  @Test
  void anAddedStatementGoesToItsNaturalPlace() {
    TpDocument d = TpDocument.of(MLP);
    Program.Builder b = d.program().toBuilder();
    b.input(VectorInput.of("v"));
    b.position("v", new Point(10, 20));
    b.instruction(TpParser.parse("input x2 : G(n)\ny := sin(x2)\n").instructions().get(0));
    String out = d.withProgram(b.build()).text();
    assertEquals(MLP.replace("# He initialisation\n",
        "# He initialisation\ninput v : G(n) ~ N(0, 1)  @at(10, 20)\n")
        .replace("x2 := relu(g2)\n", "x2 := relu(g2)\ny := sin(x2)\n"), out);
  }

  @Test
  void anAddedStatementKeepsTheOrderOfItsKindWhereKindsAreInterleaved() {
    String t = "input a : G(n)\ninput b : G(n)\ncov(a, b) = 0.5  # ab\ninput c : G(n)\n";
    TpDocument d = TpDocument.of(t);
    Program.Builder b = d.program().toBuilder();
    b.covariances().add(0, new Covariance("a", "c", 0.25));
    b.input(VectorInput.of("e"));
    TpDocument out = d.withProgram(b.build());
    assertEquals("input a : G(n)\ninput b : G(n)\ncov(a, c) = 0.25\ncov(a, b) = 0.5  # ab\n"
        + "input c : G(n)\ninput e : G(n) ~ N(0, 1)\n", out.text());
    assertEquals(b.build(), out.program());
  }

  @Test
  void aRenamedVariablesStatementsKeepTheirLinesAndComments() {
    String t = "input a : G(n)   # first\ninput b : G(n)   # second\ncov(a, b) = 0.5  # ab\n"
        + "x := relu(b)  # reads b\n";
    TpDocument d = TpDocument.of(t);
    Program.Builder b = d.program().toBuilder();
    b.inputs().set(1, VectorInput.of("z"));
    b.covariances().set(0, new Covariance("a", "z", 0.5));
    b.instructions().set(0, TpParser.parse("input z : G(n)\nx := relu(z)").instructions().get(0));
    // the longer canonical text pushes the comment out of its column: two spaces before it
    assertEquals("input a : G(n)   # first\ninput z : G(n) ~ N(0, 1)  # second\n"
        + "cov(a, z) = 0.5  # ab\nx := relu(z)  # reads b\n", d.withProgram(b.build()).text());
  }

  @Test
  void networkDeclarationsAreStatementsOfTheDocumentToo() {
    String t = "input v : G(n)\ninput W : A(n, n) ~ N(0, 2/n)\ninput u : G(n)\nh := W u\n"
        + "x := relu(h)\nparametrization ntk\nparam W   # trained\nreadout v · x  # f\n";
    TpDocument d = TpDocument.of(t);
    assertTrue(d.parses(), d.syntaxErrors().toString());
    assertSame(d, d.withProgram(d.program()));
    // renaming the matrix carries its declaration: the param line changes in place
    Program.Builder b = d.program().toBuilder();
    b.inputs().set(1, new org.tpe.model.MatrixInput("V", 2));
    b.instructions().set(0, new org.tpe.model.MatMul("h", "V", false, "u"));
    b.network(d.program().network().renamed(n -> n.equals("W") ? "V" : n));
    TpDocument e = d.withProgram(b.build());
    assertEquals(t.replace("input W :", "input V :").replace("h := W u", "h := V u")
        .replace("param W   # trained", "param V   # trained"), e.text());
    assertEquals(b.build(), e.program());
  }

  @Test
  void aFirstStatementGoesAboveTheCommentOverTheNextOne() {
    String t = "# header\n\n# about h\nh := W x\n";
    TpDocument d = TpDocument.of(t);
    Program.Builder b = d.program().toBuilder();
    b.input(org.tpe.model.MatrixInput.of("W"));
    assertEquals("# header\n\ninput W : A(n, n) ~ N(0, 1/n)\n# about h\nh := W x\n",
        d.withProgram(b.build()).text());
  }

  @Test
  void statementsAreAddedToDocumentsWithoutAFinalNewline() {
    assertEquals("input u : G(n)\ninput v : G(n) ~ N(0, 1)",
        TpDocument.of("input u : G(n)").withProgram(TpParser.parse(
            "input u : G(n)\ninput v : G(n)")).text());
    assertEquals("input u : G(n)\r\ninput v : G(n) ~ N(0, 1)\r\n",
        TpDocument.of("input u : G(n)\r\n").withProgram(TpParser.parse(
            "input u : G(n)\ninput v : G(n)")).text());
    assertEquals("input v : G(n) ~ N(0, 1)\n", TpDocument.empty().withProgram(TpParser.parse(
        "input v : G(n)")).text());
    assertEquals(TpPrinter.print(TpParser.parse(MLP)),
        TpDocument.of(TpParser.parse(MLP)).text());
  }

  @Test
  void aReorderMovesOnlyTheStatementsOffTheLongestCommonSubsequence() {
    String t = "input u : G(n)\na := relu(u)  # a\nb := tanh(u)  # b\nc := sin(u)  # c\n";
    TpDocument d = TpDocument.of(t);
    List<Instruction> ins = new ArrayList<>(d.program().instructions());
    ins.add(0, ins.remove(2)); // c, a, b
    Program.Builder b = d.program().toBuilder();
    b.instructions().clear();
    b.instructions().addAll(ins);
    TpDocument out = d.withProgram(b.build());
    assertEquals("input u : G(n)\na := relu(u)  # a\nb := tanh(u)  # b\nc := sin(u)  # c\n"
        .replace("a := relu(u)  # a\nb := tanh(u)  # b\nc := sin(u)  # c\n",
            "c := sin(u)  # c\na := relu(u)  # a\nb := tanh(u)  # b\n"), out.text());
    assertEquals(b.build(), out.program());
  }

  @Test
  void outputsWrittenOnSeveralLinesAreRewrittenOnTheFirst() {
    String t = "input u : G(n)\noutput u  # first\ninput v : G(n)\noutput v  # second\n";
    TpDocument d = TpDocument.of(t);
    assertSame(d, d.withProgram(TpParser.parse(t)));
    Program.Builder b = d.program().toBuilder();
    b.outputs().remove("u");
    assertEquals("input u : G(n)\noutput v  # first\ninput v : G(n)\n",
        d.withProgram(b.build()).text());
  }

  @Test
  void linesThatDoNotParseAreKeptAndTheOthersAreTheProgram() {
    String t = "input u : G(n)\ny := u * u + )\nx := relu(u)\nz := (\n";
    TpDocument d = TpDocument.of(t);
    assertFalse(d.parses());
    assertEquals(List.of(2, 4), d.syntaxErrors().stream().map(p -> p.pos().line()).toList());
    assertEquals(TpParser.parse("input u : G(n)\n\nx := relu(u)\n"), d.program());
    assertEquals(3, d.program().sourceMap().instruction(0).line());
    assertEquals(Map.of("y", 2, "z", 4), d.claimedNames());
    Program.Builder b = d.program().toBuilder();
    b.input(VectorInput.of("v"));
    assertEquals("input u : G(n)\ninput v : G(n) ~ N(0, 1)\ny := u * u + )\nx := relu(u)\n"
        + "z := (\n", d.withProgram(b.build()).text());
  }

  @Test
  void aCoefficientOverflowIsAnErrorAtItsLineNotAnException() {
    String t = "input u : G(n)\n\nx := 5*u*.7e308\ny := relu(u)\n";
    TpDocument d = TpDocument.of(t);
    assertEquals(1, d.syntaxErrors().size());
    Problem p = d.syntaxErrors().get(0);
    assertEquals(3, p.pos().line(), p.toString());
    assertTrue(p.message().contains("coefficient of u"), p.message());
    assertEquals(TpParser.parse("input u : G(n)\n\n\ny := relu(u)\n"), d.program());
  }

  @Test
  void bytesThatAreNotTextAreRefusedWithTheirPosition() {
    TpSyntaxException e = assertThrows(TpSyntaxException.class,
        () -> TpDocument.read(new byte[] {'a', '\n', (byte) 0xff}));
    assertEquals(2, e.line());
    assertEquals("input u", TpDocument.read("input u".getBytes(StandardCharsets.UTF_8)).text());
  }

  @Test
  void longestIncreasingSubsequenceAgreesWithBruteForce() {
    Random r = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      int n = r.nextInt(9);
      List<Integer> perm = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        perm.add(i);
      }
      java.util.Collections.shuffle(perm, r);
      int[] a = perm.stream().mapToInt(Integer::intValue).toArray();
      boolean[] keep = TextPatch.longestIncreasing(a);
      int last = -1;
      int len = 0;
      for (int i = 0; i < n; i++) {
        if (keep[i]) {
          assertTrue(a[i] > last, "not increasing: " + java.util.Arrays.toString(a));
          last = a[i];
          len++;
        }
      }
      assertEquals(bruteLis(a), len, java.util.Arrays.toString(a));
    }
    assertArrayEquals(new boolean[0], TextPatch.longestIncreasing(new int[0]));
  }

  private static int bruteLis(int[] a) {
    int best = 0;
    for (int mask = 0; mask < (1 << a.length); mask++) {
      int last = -1;
      boolean ok = true;
      for (int i = 0; i < a.length && ok; i++) {
        if ((mask >> i & 1) == 1) {
          ok = a[i] > last;
          last = a[i];
        }
      }
      if (ok) {
        best = Math.max(best, Integer.bitCount(mask));
      }
    }
    return best;
  }

  // ---- property: any edit of any decorated program ------------------------------------------

  /**
   * A random program printed and then decorated as a user would write it (comment lines, blank
   * lines, trailing comments, odd spacing, CRLF), a random edit of its program: the patched
   * document says exactly the edited program (positions rounded), keeps every comment line and
   * blank line in order, and keeps byte for byte the line of every statement the edit left alone.
   */
  @Property(tries = 300)
  void anEditOfADecoratedDocumentSaysTheNewProgramAndKeepsEverythingElse(@ForAll long seed) {
    Random r = new Random(seed);
    Program p0 = PrintParseRoundTripTest.randomProgram(r);
    String text = decorate(TpPrinter.print(p0), r);
    TpDocument d = TpDocument.of(text);
    assertTrue(d.parses(), text);
    Program p = d.program();
    Program q = randomEdit(p, r);
    TpDocument e = d.withProgram(q);
    // what q's canonical text says (an edit that removes a G-var turns a LinComb reading it into
    // a Nonlin, as the parser classifies it)
    Program says = TpParser.parse(TpPrinter.print(roundedWhereMoved(q, p)));
    assertEquals(says, e.program(), text + "\n----\n" + e.text());
    assertEquals(trivia(text), trivia(e.text()), e.text());
    Map<StatementKey, String> before = codes(p);
    Map<StatementKey, String> after = codes(q);
    List<String> lines = List.of(e.text().split("\r\n|\n", -1));
    for (TpPrinter.Keyed k : TpPrinter.statements(p)) {
      if (k.lines().size() == 1 && before.get(k.key()).equals(after.get(k.key()))
          && !k.key().kind().equals("output")) {
        String line = text.split("\r\n|\n", -1)[k.lines().get(0) - 1];
        assertTrue(lines.contains(line), "lost: " + line + "\n" + e.text());
      }
    }
  }

  /** Each statement's canonical text with its rounded position (unique keys only). */
  private static Map<StatementKey, String> codes(Program p) {
    Map<StatementKey, String> out = new java.util.HashMap<>();
    Set<StatementKey> dup = new java.util.HashSet<>();
    for (TpPrinter.Keyed k : TpPrinter.statements(p)) {
      if (out.put(k.key(), k.code() + TpDocument.annotation(k.at())) != null) {
        dup.add(k.key());
      }
    }
    out.keySet().removeAll(dup);
    return out;
  }

  private static List<String> trivia(String text) {
    return java.util.Arrays.stream(text.split("\r\n|\n", -1))
        .filter(l -> l.isBlank() || l.stripLeading().startsWith("#")).toList();
  }

  /** {@code q} with the positions that differ from {@code p}'s rounded as an edit writes them. */
  static Program roundedWhereMoved(Program q, Program p) {
    Map<String, Point> l = new java.util.LinkedHashMap<>();
    q.layout().forEach((k, v) -> l.put(k, v.equals(p.layout().get(k)) ? v
        : new Point(TpDocument.round(v.x()), TpDocument.round(v.y()))));
    return q.withLayout(l);
  }

  private static String decorate(String canonical, Random r) {
    StringBuilder sb = new StringBuilder();
    if (r.nextBoolean()) {
      sb.append("# a header comment\n# on two lines\n\n");
    }
    for (String line : canonical.split("\n")) {
      if (r.nextInt(5) == 0) {
        sb.append(r.nextBoolean() ? "\n" : "# about the next line\n");
      }
      String l = line;
      if (r.nextInt(4) == 0) {
        l = l.replace(" := ", " :=   ").replace(", ", ",");
      }
      if (r.nextInt(3) == 0) {
        l = l + " ".repeat(1 + r.nextInt(6)) + "# note " + r.nextInt(99);
      }
      sb.append(l).append('\n');
    }
    String out = sb.toString();
    return r.nextInt(4) == 0 ? out.replace("\n", "\r\n") : out;
  }

  /** One of the edits the editor makes: change, remove, add, move, reorder, (un)mark outputs. */
  private static Program randomEdit(Program p, Random r) {
    Program.Builder b = p.toBuilder();
    switch (r.nextInt(7)) {
      case 0 -> {
        List<Input> ins = b.inputs();
        int i = r.nextInt(ins.size());
        if (ins.get(i) instanceof VectorInput v) {
          ins.set(i, new VectorInput(v.name(), v.mean(), v.variance() + 1));
        } else {
          ins.remove(i);
        }
      }
      case 1 -> {
        if (!b.instructions().isEmpty()) {
          b.instructions().remove(r.nextInt(b.instructions().size()));
        }
      }
      case 2 -> {
        b.input(VectorInput.of("fresh" + r.nextInt(10)));
        b.position("fresh0", new Point(r.nextGaussian() * 100, 3.14159));
      }
      case 3 -> {
        String name = p.statements().get(r.nextInt(p.statements().size())).target();
        b.layout().put(name, new Point(r.nextGaussian() * 300, r.nextGaussian() * 300));
      }
      case 4 -> {
        List<Instruction> ins = b.instructions();
        if (ins.size() >= 2) {
          int i = r.nextInt(ins.size());
          ins.add(r.nextInt(ins.size()), ins.remove(i));
        }
      }
      case 5 -> {
        if (b.outputs().isEmpty()) {
          b.output(p.vectors().get(r.nextInt(p.vectors().size())));
        } else {
          b.outputs().remove(r.nextInt(b.outputs().size()));
        }
      }
      default -> {
        if (p.vectorInputs().size() >= 2) {
          b.covariances().clear();
          b.covariance(new Covariance(p.vectorInputs().get(1).name(),
              p.vectorInputs().get(0).name(), 0.25));
        }
        b.title(r.nextBoolean() ? "" : "a new title");
      }
    }
    return b.build();
  }
}
