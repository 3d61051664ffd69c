package org.tpe.app.editor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tpe.app.editor.files.AtomicFiles;
import org.tpe.format.TpDocument;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Nonlin;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.samples.Samples;

/**
 * Canvas edits write into the user's text: every sample opened, edited as on the canvas and saved
 * keeps every comment, blank line and untouched statement byte for byte; any sequence of edits
 * undone gives back the exact text.
 */
class DocumentEditsTest {
  @TempDir
  Path dir;

  private static String withoutAt(String text) {
    return text.replaceAll("[ \\t]*@at\\([^)]*\\)", "");
  }

  /** Opens {@code text} from a file, runs {@code c}, saves and reads the file back. */
  private String openEditSave(String text, Command c) throws Exception {
    Path f = dir.resolve("doc.tp");
    Files.writeString(f, text);
    EditorModel m = new EditorModel(TpDocument.read(Files.readAllBytes(f)), f);
    EditorModel.Outcome o = m.execute(c);
    assertTrue(o.applied(), o.message());
    AtomicFiles.write(f, m.text());
    m.markSaved(f);
    assertFalse(m.isDirty());
    String saved = Files.readString(f);
    assertEquals(m.program(), TpParser.parse(saved));
    return saved;
  }

  /**
   * The lines of {@code after} not on a longest common subsequence with {@code before}'s: exactly
   * the lines an edit wrote, given the lines of {@code before} it may have replaced or removed.
   */
  private static void assertOnlyChanged(String before, String after, Set<Integer> touched,
      int inserted) {
    List<String> a = List.of(before.split("\n", -1));
    List<String> b = List.of(after.split("\n", -1));
    int[][] l = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        l[i][j] = a.get(i).equals(b.get(j)) ? l[i + 1][j + 1] + 1
            : Math.max(l[i + 1][j], l[i][j + 1]);
      }
    }
    Set<Integer> gone = new HashSet<>();
    int added = 0;
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (j < b.size() && (i == a.size() || l[i][j + 1] >= l[i + 1][j])) {
        added++;
        j++;
      } else {
        gone.add(i + 1);
        i++;
      }
    }
    assertTrue(touched.containsAll(gone), "changed lines " + gone + ", allowed " + touched
        + "\n" + after);
    assertTrue(added <= gone.size() + inserted, added + " lines written\n" + after);
  }

  private static int lineOf(String text, String start) {
    List<String> lines = List.of(text.split("\n", -1));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line starts with " + start);
  }

  @Test
  void movingANodeOfEverySampleChangesOnlyItsAtAnnotation() throws Exception {
    for (Samples.Sample s : Samples.all()) {
      String text = s.text();
      String name = s.program().instructions().get(0).target();
      String saved = openEditSave(text, new Commands.Move(Map.of(name,
          new Point(123.456, -78.94))));
      assertEquals(text, withoutAt(saved), s.name());
      assertTrue(saved.contains("@at(123.5, -78.9)"), saved);
      assertOnlyChanged(text, saved, Set.of(lineOf(text, name + " :=")), 0);
    }
  }

  @Test
  void addingAndConnectingOnEverySampleInsertsOnlyTheNewStatements() throws Exception {
    for (Samples.Sample s : Samples.all()) {
      String text = s.text();
      Program p = s.program();
      String w = ProgramEdits.freshName(p, "W", true);
      String added = openEditSave(text, new Commands.AddInput(MatrixInput.of(w),
          new Point(10, 20)));
      assertOnlyChanged(text, added, Set.of(), 1);
      assertTrue(added.contains("input " + w + " : A(n, n) ~ N(0, 1/n)  @at(10, 20)\n"), added);
      String v = p.vectors().get(0);
      String x = ProgramEdits.freshName(p, "x", false);
      String connected = openEditSave(text, new Commands.Connect(ConnectTool.NONLIN, v, null, x,
          new Point(300, 40)));
      assertOnlyChanged(text, connected, Set.of(), 1);
    }
  }

  @Test
  void editingAnExpressionOnEverySampleRewritesItsLineAndKeepsItsComment() throws Exception {
    for (Samples.Sample s : Samples.all()) {
      String text = s.text();
      Program p = s.program();
      Nonlin n = (Nonlin) p.instructions().stream().filter(i -> i instanceof Nonlin)
          .findFirst().orElse(null);
      if (n == null) {
        continue;
      }
      String arg = n.arguments().stream().filter(a -> p.kindOf(a) == VarKind.G).findFirst()
          .orElse(n.arguments().get(0));
      int line = lineOf(text, n.target() + " :=");
      String before = text.split("\n")[line - 1];
      String saved = openEditSave(text, new Commands.SetExpression(n.target(),
          "tanh(" + arg + ")"));
      assertOnlyChanged(text, saved, Set.of(line), 0);
      String after = saved.split("\n")[line - 1];
      assertTrue(after.startsWith(n.target() + " := tanh(" + arg + ")"), after);
      if (before.contains("#")) {
        assertTrue(after.endsWith(before.substring(before.indexOf('#'))), after);
      }
    }
  }

  /** The lines of {@code before}'s statements that {@code after} does not say the same way. */
  private static Set<Integer> edited(Program before, Program after) {
    Set<String> now = new HashSet<>();
    for (TpPrinter.Keyed k : TpPrinter.statements(after)) {
      now.add(k.key() + "=" + k.code() + TpDocument.round(k.at() == null ? 0 : k.at().x()));
    }
    Set<Integer> out = new HashSet<>();
    for (TpPrinter.Keyed k : TpPrinter.statements(before)) {
      if (!now.contains(k.key() + "=" + k.code() + TpDocument.round(k.at() == null ? 0
          : k.at().x()))) {
        out.addAll(k.lines());
      }
    }
    return out;
  }

  @Test
  void deletingANodeOfEverySampleRemovesOnlyTheLinesOfWhatGoes() throws Exception {
    for (Samples.Sample s : Samples.all()) {
      String text = s.text();
      Program p = s.program();
      Instruction last = p.instructions().get(p.instructions().size() - 1);
      Commands.Delete delete = new Commands.Delete(Set.of(last.target()));
      Set<Integer> touched = edited(p, delete.apply(p));
      // its own line, the output line if it was an output, declarations that read it
      assertTrue(touched.contains(lineOf(text, last.target() + " :=")), s.name());
      assertTrue(touched.size() <= 3, s.name() + ": " + touched);
      String saved = openEditSave(text, delete);
      assertOnlyChanged(text, saved, touched, 0);
      assertFalse(TpParser.parse(saved).isDefined(last.target()));
    }
  }

  @Test
  void aCanvasEditLeavesALineThatDoesNotParseAsItIsAndUndoRestoresTheText() {
    String text = Samples.get("mlp-backward").text() + "y := h1 * h2 + )\n";
    EditorModel m = new EditorModel(TpDocument.of(text), null);
    assertFalse(m.document().parses());
    assertTrue(m.execute(new Commands.AddInput(MatrixInput.of("W9"), new Point(1, 2)))
        .applied());
    assertTrue(m.text().contains("y := h1 * h2 + )\n"), m.text());
    assertTrue(m.program().isDefined("W9"));
    // y is what the broken line will define once fixed: no new variable may take the name
    EditorModel.Outcome o = m.execute(new Commands.Connect(ConnectTool.NONLIN, "u", null, "y",
        new Point(0, 0)));
    assertFalse(o.applied());
    assertEquals("line " + lineOf(m.text(), "y := h1") + " of the text, which does not parse "
        + "yet, already defines y: fix or delete that line first", o.message());
    assertTrue(m.undo());
    assertEquals(text, m.text());
  }

  @Test
  void typingIsOneUndoableStepAndUndoRestoresTheExactText() {
    String text = Samples.get("layernorm").text();
    EditorModel m = new EditorModel(TpDocument.of(text), null);
    String typed = text + "\n# my note\nz := relu(";
    assertTrue(m.editText(typed, "Edit text"));
    assertFalse(m.editText(typed, "Edit text"));
    assertTrue(m.isDirty());
    assertEquals("Edit text", m.undoLabel());
    m.execute(new Commands.Move(Map.of("x", new Point(5, 5))));
    m.undo();
    assertEquals(typed, m.text());
    m.undo();
    assertEquals(text, m.text());
    assertFalse(m.isDirty());
  }

  // ---- property: random canvas edits, then undo -----------------------------------------------

  @Provide
  Arbitrary<String> samples() {
    return Arbitraries.of(Samples.all().stream().map(Samples.Sample::name).toList());
  }

  /**
   * Random canvas edits of a sample (some with a line that does not parse appended), each checked
   * to say what the command made; undoing all of them gives back the exact original text, and
   * redoing them the exact final one.
   */
  @Property(tries = 150)
  void randomCanvasEditsThenUndoRestoreTheExactText(@ForAll("samples") String sample,
      @ForAll long seed) {
    Random r = new Random(seed);
    String original = Samples.get(sample).text() + (r.nextInt(3) == 0 ? "q := relu(\n" : "");
    EditorModel m = new EditorModel(TpDocument.of(original), null);
    List<String> texts = new ArrayList<>(List.of(original));
    for (int step = 0; step < 1 + r.nextInt(8); step++) {
      Program before = m.program();
      Command c = randomCommand(before, r);
      Program expected;
      try {
        expected = c.apply(before);
      } catch (EditRefused e) {
        assertFalse(m.execute(c).applied());
        continue;
      }
      EditorModel.Outcome o = m.execute(c);
      if (!o.applied()) {
        continue; // refused by the model (a name a broken line defines)
      }
      // the text says what the command made (positions rounded to 0.1 when written)
      assertEquals(TpParser.parse(TpPrinter.print(rounded(expected, before))).withLayout(Map.of()),
          m.program().withLayout(Map.of()), c + "\n" + m.text());
      if (!m.text().equals(texts.get(texts.size() - 1))) {
        texts.add(m.text());
      }
    }
    for (int k = texts.size() - 2; k >= 0; k--) {
      assertTrue(m.undo());
      assertEquals(texts.get(k), m.text());
    }
    assertEquals(original, m.text());
    assertFalse(m.isDirty());
    while (m.redo()) {
      // redo everything
    }
    assertEquals(texts.get(texts.size() - 1), m.text());
  }

  private static Program rounded(Program next, Program before) {
    Map<String, Point> l = new java.util.LinkedHashMap<>();
    next.layout().forEach((k, v) -> l.put(k, v.equals(before.layout().get(k)) ? v
        : new Point(TpDocument.round(v.x()), TpDocument.round(v.y()))));
    return next.withLayout(l);
  }

  private static <T> T pick(List<T> xs, Random r) {
    return xs.get(r.nextInt(xs.size()));
  }

  /** One of the edits the canvas and the inspector make, with random (possibly illegal) input. */
  static Command randomCommand(Program p, Random r) {
    List<String> names = p.statements().stream().map(Statement::target).distinct().toList();
    List<String> vectors = p.vectors();
    Point at = new Point(r.nextGaussian() * 400, r.nextGaussian() * 400);
    if (names.isEmpty() || vectors.isEmpty()) {
      return new Commands.AddInput(VectorInput.of(ProgramEdits.freshName(p, "u", false)), at);
    }
    return switch (r.nextInt(11)) {
      case 0 -> new Commands.Move(Map.of(pick(names, r), at));
      case 1 -> new Commands.AddInput(r.nextBoolean()
          ? MatrixInput.of(ProgramEdits.freshName(p, "W", true))
          : VectorInput.of(ProgramEdits.freshName(p, "u", false)), at);
      case 2 -> new Commands.Connect(pick(List.of(ConnectTool.values()), r), pick(names, r),
          r.nextBoolean() ? null : pick(names, r), ProgramEdits.freshName(p, "x", false), at);
      case 3 -> new Commands.Delete(Set.of(pick(names, r)));
      case 4 -> new Commands.Rename(pick(names, r), ProgramEdits.freshName(p, "z", false));
      case 5 -> {
        List<String> exprs = p.instructions().stream().filter(i -> !(i instanceof MatMul))
            .map(Instruction::target).toList();
        yield new Commands.SetExpression(exprs.isEmpty() ? pick(names, r) : pick(exprs, r),
            "tanh(" + pick(vectors, r) + ") + 0.5");
      }
      case 6 -> new Commands.SetDistribution(pick(names, r), 0.25, 1 + r.nextInt(3));
      case 7 -> {
        List<String> ins = p.vectorInputs().stream().map(VectorInput::name).toList();
        yield new Commands.SetCovariance(pick(ins, r), pick(ins, r), r.nextInt(3) * 0.2);
      }
      case 8 -> new Commands.SetOutput(pick(vectors, r), !p.outputs().contains(pick(vectors, r)));
      case 9 -> new Commands.AutomaticLayout();
      default -> {
        Map<String, Point> two = new java.util.HashMap<>();
        two.put(pick(names, r), at);
        two.put(pick(names, r), new Point(1.25, -2.75));
        yield new Commands.Move(two);
      }
    };
  }
}
