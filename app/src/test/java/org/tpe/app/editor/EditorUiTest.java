package org.tpe.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tpe.app.editor.canvas.DiagramCanvas;
import org.tpe.format.TpParser;
import org.tpe.model.MatMul;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.samples.Samples;

/**
 * Drives the editor as a user would, through the mouse and keyboard, headless (Monocle). Waits are
 * conditions on the model ({@link WaitForAsyncUtils#waitFor}), never sleeps.
 */
@ExtendWith(ApplicationExtension.class)
class EditorUiTest {
  private EditorWindow editor;
  private final ScriptedPrompts prompts = new ScriptedPrompts();
  private Path home;

  @Start
  void start(Stage stage) throws IOException {
    home = Files.createTempDirectory("tpe-home");
    editor = new EditorWindow(stage, home, prompts);
    editor.start(List.of());
  }

  /** The diagram of the document drawn (its layout is built off the JavaFX thread). */
  @org.junit.jupiter.api.BeforeEach
  void drawn() throws TimeoutException {
    waitUntil(() -> canvas().isCurrent());
  }

  private Program program() {
    return editor.model().program();
  }

  private DiagramCanvas canvas() {
    return editor.canvas();
  }

  /** Screen point of a node's centre, once the current diagram is drawn. */
  private Point2D node(String name) {
    try {
      waitUntil(() -> canvas().isCurrent() && canvas().positions().containsKey(name));
    } catch (TimeoutException e) {
      throw new AssertionError(name + " is not drawn", e);
    }
    double[] s = canvas().toScreen(canvas().positions().get(name));
    return canvas().localToScreen(s[0], s[1]);
  }

  /** Screen point at model coordinates (x, y). */
  private Point2D at(double x, double y) {
    double[] s = canvas().toScreen(new Point(x, y));
    return canvas().localToScreen(s[0], s[1]);
  }

  /**
   * An empty spot in view: a model point near the bottom of the canvas, away from every node
   * (the layout of the default sample is wide and low, so Fit leaves room below it).
   */
  private Point emptySpot() {
    Point q = canvas().toModel(canvas().getWidth() / 2, canvas().getHeight() - 40);
    for (Point n : canvas().positions().values()) {
      assertTrue(Math.hypot(n.x() - q.x(), n.y() - q.y()) > 40, "the spot " + q + " is free");
    }
    return q;
  }

  private String status(FxRobot r) {
    return r.lookup("#status").queryAs(Label.class).getText();
  }

  /**
   * Waits for the editor's background work (validation, limits, the ELK layout of the canvas).
   * Each takes well under a second alone; 30 s leaves room for a 2-core machine running other
   * builds beside the suite, where 10 s was seen to run out (a hang still fails the test).
   */
  private static void waitUntil(java.util.concurrent.Callable<Boolean> c) throws TimeoutException {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, c);
  }

  /**
   * Chooses the Samples menu entry of {@code name}. Menus are fired rather than clicked: popup
   * menus of a headless (Monocle) stage do not survive the stage being torn down between tests.
   */
  private void chooseSample(FxRobot r, String name) {
    javafx.scene.control.MenuBar bar = r.lookup("#menubar").queryAs(javafx.scene.control.MenuBar.class);
    javafx.scene.control.MenuItem item = bar.getMenus().get(0).getItems().stream()
        .filter(i -> i instanceof javafx.scene.control.Menu m && m.getText().equals("Samples"))
        .flatMap(i -> ((javafx.scene.control.Menu) i).getItems().stream())
        .filter(i -> ("sample-" + name).equals(i.getId())).findFirst().orElseThrow();
    r.interact(item::fire);
  }

  /** Drags from a to b with the primary button, through an intermediate point. */
  private void drag(FxRobot r, Point2D a, Point2D b) {
    r.moveTo(a).press(MouseButton.PRIMARY);
    r.moveTo(a.midpoint(b)).moveTo(b).release(MouseButton.PRIMARY);
  }

  @Test
  void bareStartOpensTheDefaultSampleAndValidatesIt(FxRobot r) {
    assertEquals(Samples.defaultSample().program().withLayout(java.util.Map.of()),
        program().withLayout(java.util.Map.of()));
    assertTrue(editor.problems().summaryText().startsWith("Netsor⊤"),
        editor.problems().summaryText());
    assertFalse(editor.model().isDirty());
  }

  @Test
  void samplesMenuOpensASample(FxRobot r) {
    chooseSample(r, "resnet");
    assertEquals("Residual network, depth 6 (TP IIb §5.1)", program().title());
    assertTrue(canvas().positions().keySet().containsAll(program().vectors()));
  }

  @Test
  void clickingWithTheMatrixToolAddsAMatrix(FxRobot r) {
    r.clickOn("#tool-MATRIX");
    Point spot = emptySpot();
    r.clickOn(at(spot.x(), spot.y()));
    assertEquals("A", program().kindOf("W").name());
    // the click lands on a whole screen pixel: within one pixel of the model point
    assertEquals(spot.x(), program().layout().get("W").x(), 1 / canvas().scale());
    assertEquals(spot.y(), program().layout().get("W").y(), 1 / canvas().scale());
    assertEquals(Set.of("W"), canvas().selection());
    assertTrue(editor.model().isDirty());
  }

  @Test
  void matMulByDraggingAVectorOntoAMatrix(FxRobot r) {
    r.clickOn("#tool-MATMUL");
    drag(r, node("x2"), node("W2"));
    assertEquals(new MatMul("h1", "W2", false, "x2"), program().definition("h1"));
    assertEquals(Set.of("h1"), canvas().selection());
  }

  @Test
  void illegalConnectionIsRefusedWithAReasonThenFixed(FxRobot r) {
    Program before = program();
    r.clickOn("#tool-MATMUL");
    drag(r, node("x1"), node("x2"));
    assertTrue(status(r).startsWith("a MatMul needs a matrix"), status(r));
    assertEquals(before, program());
    drag(r, node("x1"), node("W2"));
    assertInstanceOf(MatMul.class, program().definition("h1"));
    assertEquals("Connect x1 → W2 (MatMul)", status(r));
  }

  @Test
  void connectingIntoAnUpstreamNodeSaysItWouldCreateACycle(FxRobot r) {
    r.clickOn("#tool-NONLIN");
    drag(r, node("dh1"), node("x1"));
    assertEquals("would create a cycle: x1 already feeds dh1", status(r));
  }

  @Test
  void undoAndRedoWithTheKeyboard(FxRobot r) {
    Program before = program();
    r.clickOn("#tool-MATRIX").clickOn(at(emptySpot().x(), emptySpot().y()));
    Program after = program();
    r.clickOn("#canvas", MouseButton.SECONDARY);
    r.push(KeyCode.SHORTCUT, KeyCode.Z);
    assertEquals(before, program());
    r.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.Z);
    assertEquals(after, program());
  }

  @Test
  void draggingANodeMovesItWithOneUndoableCommand(FxRobot r) {
    Point u = canvas().positions().get("u");
    Program before = program();
    drag(r, node("u"), node("u").add(0, 40));
    Point moved = program().layout().get("u");
    assertEquals(u.x(), moved.x(), 1.5);
    assertEquals(u.y() + 40 / canvas().scale(), moved.y(), 1.5);
    r.interact(editor::undo);
    assertEquals(before, program());
  }

  @Test
  void rubberBandAndShiftClickSelect(FxRobot r) {
    Point u = canvas().positions().get("u");
    Point v = canvas().positions().get("v");
    drag(r, at(u.x() - 30, Math.min(u.y(), v.y()) - 30), at(u.x() + 30,
        Math.max(u.y(), v.y()) + 30));
    assertEquals(Set.of("u", "v"), canvas().selection());
    r.clickOn(node("x1"));
    assertEquals(Set.of("x1"), canvas().selection());
    r.press(KeyCode.SHIFT).clickOn(node("h2")).release(KeyCode.SHIFT);
    assertEquals(Set.of("x1", "h2"), canvas().selection());
  }

  @Test
  void deleteKeyRemovesTheSelectionAndWhatDependsOnIt(FxRobot r) {
    r.clickOn(node("x2"));
    r.push(KeyCode.DELETE);
    assertFalse(program().isDefined("x2"));
    assertEquals(List.of("dh1"), program().outputs());
  }

  @Test
  void typingInTheTextViewChangesTheDiagramAndKeepsPlacedNodes(FxRobot r) throws Exception {
    drag(r, node("u"), node("u").add(0, 40));
    Point u = program().layout().get("u");
    TextArea area = textArea(r);
    r.clickOn(area);
    r.push(KeyCode.SHORTCUT, KeyCode.END);
    r.write("z := gelu(dh1)\n");
    waitUntil(() -> program().isDefined("z"));
    assertEquals(u, program().layout().get("u"));
    waitUntil(() -> canvas().isCurrent() && canvas().positions().containsKey("z"));
    assertEquals(u, canvas().positions().get("u"));
  }

  @Test
  void aSyntaxErrorInTheTextIsListedAtItsLineAndColumn(FxRobot r) throws Exception {
    Program before = program();
    TextArea area = textArea(r);
    r.clickOn(area);
    r.push(KeyCode.SHORTCUT, KeyCode.END);
    r.write("q := relu(x1\n");
    ListView<?> errors = r.lookup("#text-errors").queryAs(ListView.class);
    waitUntil(() -> !errors.getItems().isEmpty());
    int lines = area.getText().split("\n", -1).length - 1;
    assertEquals(lines, editor.text().errors().get(0).pos().line());
    assertEquals(before, program());
  }

  @Test
  void diagramEditsRewriteTheText(FxRobot r) {
    r.clickOn("#tool-MATRIX").clickOn(at(emptySpot().x(), emptySpot().y()));
    String text = textArea(r).getText(); // the Text tab brought up after the edit shows it
    assertTrue(text.contains("input W : A(n, n) ~ N(0, 1/n)"), text);
  }

  @Test
  void inspectorShowsLiveParseErrorsAndCommitsOnEnter(FxRobot r) {
    r.clickOn(node("x1"));
    openInspector(r);
    r.doubleClickOn("#inspector-expr").push(KeyCode.SHORTCUT, KeyCode.A).write("tanh(u");
    Label err = r.lookup("#inspector-expr-error").queryAs(Label.class);
    assertTrue(err.getText().startsWith("column "), err.getText());
    r.write(")").push(KeyCode.ENTER);
    assertEquals(TpParser.parseExpression("tanh(u)"),
        ((org.tpe.model.Nonlin) program().definition("x1")).phi());
  }

  @Test
  void saveAndReopenKeepsPositions(FxRobot r) throws Exception {
    Path file = home.resolve("saved.tp");
    prompts.saveTo = file;
    drag(r, node("u"), node("u").add(30, 50));
    Point moved = program().layout().get("u");
    r.push(KeyCode.SHORTCUT, KeyCode.S);
    assertTrue(Files.exists(file));
    assertFalse(editor.model().isDirty());
    assertFalse(Files.exists(editor.recovery().file()));
    chooseSample(r, "wwt-v");
    r.interact(() -> editor.openFile(file));
    assertEquals(moved, program().layout().get("u"));
    assertEquals(file, editor.model().file());
  }

  @Test
  void discardingUnsavedWorkAsksFirst(FxRobot r) {
    r.clickOn("#tool-MATRIX").clickOn(at(emptySpot().x(), emptySpot().y()));
    Program edited = program();
    prompts.answer = Prompts.Choice.CANCEL;
    chooseSample(r, "wwt-v");
    assertEquals(List.of("save changes to the untitled program"), prompts.asked);
    assertEquals(edited, program());
    prompts.answer = Prompts.Choice.DISCARD;
    chooseSample(r, "wwt-v");
    assertNotEquals(edited, program());
  }

  @Test
  void choosingAPathClassHighlightsItsPaths(FxRobot r) throws Exception {
    r.clickOn("Paths");
    ListView<?> classes = r.lookup("#path-classes").queryAs(ListView.class);
    waitUntil(() -> !classes.getItems().isEmpty());
    r.clickOn(r.from(classes).lookup(".list-cell").nth(0).queryAs(javafx.scene.Node.class));
    waitUntil(() -> !canvas().highlight().variables().isEmpty()
        && !editor.paths().members().getItems().isEmpty());
    Set<String> lit = canvas().highlight().variables();
    List<String> first = editor.paths().members().getItems().get(0);
    for (String v : first) {
      if (program().isDefined(v)) {
        assertTrue(lit.contains(v), v + " of " + first + " not lit: " + lit);
      }
    }
  }

  @Test
  void clickingAProblemSelectsAndCentresItsNode(FxRobot r) throws Exception {
    TextArea area = textArea(r);
    r.clickOn(area).push(KeyCode.SHORTCUT, KeyCode.END).write("y := relu(nowhere)\n");
    waitUntil(() -> program().isDefined("y"));
    r.clickOn("Problems");
    ListView<?> list = r.lookup("#problems").queryAs(ListView.class);
    waitUntil(() -> list.getItems().stream().anyMatch(x -> "y".equals(
        ((org.tpe.model.Problem) x).subject())) && canvas().isCurrent());
    // the cell showing y's problem (cells are recycled: their order is not the items' order)
    javafx.scene.Node cell = r.from(list).lookup(".list-cell").match(c -> c instanceof
        javafx.scene.control.ListCell<?> lc && lc.getItem() instanceof org.tpe.model.Problem p
        && "y".equals(p.subject())).query();
    r.clickOn(cell);
    assertEquals(Set.of("y"), canvas().selection());
    double[] s = canvas().toScreen(canvas().positions().get("y"));
    assertEquals(canvas().getWidth() / 2, s[0], 1);
    assertEquals(canvas().getHeight() / 2, s[1], 1);
  }

  @Test
  void wheelZoomsAboutTheCursorAndFitRestores(FxRobot r) {
    double before = canvas().scale();
    r.moveTo(node("h2")).scroll(3, javafx.geometry.VerticalDirection.UP);
    assertNotEquals(before, canvas().scale());
    r.clickOn("#fit");
    assertEquals(before, canvas().scale(), 1e-9);
  }

  @Test
  void autosaveIsWrittenAndANewSessionRecoversIt(FxRobot r) throws Exception {
    r.clickOn("#tool-MATRIX").clickOn(at(emptySpot().x(), emptySpot().y()));
    Program edited = program();
    editor.flushAutosave();
    assertTrue(Files.exists(editor.recovery().file()));
    // the editor "crashes": its window is never closed cleanly; a new session starts on the same
    // home directory and finds the autosave
    EditorWindow[] second = new EditorWindow[1];
    r.interact(() -> {
      Stage s = new Stage();
      second[0] = new EditorWindow(s, home, new ScriptedPrompts());
      second[0].start(List.of());
    });
    assertEquals(Samples.defaultSample().program().withLayout(java.util.Map.of()),
        second[0].model().program().withLayout(java.util.Map.of()));
    waitUntil(() -> second[0].notifications().isShowing());
    r.clickOn(r.from(second[0].stage().getScene().getRoot()).lookup(".recover")
        .queryAs(javafx.scene.control.Button.class));
    assertEquals(edited, second[0].model().program());
    assertTrue(second[0].model().isDirty());
    r.interact(() -> second[0].stage().close());
  }

  @Test
  void limitsPanelFollowsEditsInTheBackground(FxRobot r) throws Exception {
    r.clickOn("Limits");
    waitUntil(() -> editor.limits().shown() != null
        && editor.limits().shown().isFor(program()));
    r.clickOn(node("u"));
    openInspector(r);
    r.doubleClickOn("#inspector-variance").push(KeyCode.SHORTCUT, KeyCode.A).write("4")
        .push(KeyCode.ENTER);
    Program edited = program();
    assertEquals(4.0, ((org.tpe.model.VectorInput) edited.definition("u")).variance());
    waitUntil(() -> editor.limits().shown().isFor(edited)
        && "up to date".equals(editor.limits().stateText()));
    // x1 = relu(u), Z^u ~ N(0, 4): E[relu(Z)^2] = 4/2 and E[relu(Z)] = 2/sqrt(2π), so
    // Var = 2 - 2/π (deterministic engine: closed forms, error far below 1e-9)
    double var = editor.limits().shown().limits().value().vectors().get("x1").variance()
        .value();
    assertEquals(2 - 2 / Math.PI, var, 1e-9);
    r.clickOn(node("x1"));
    assertTrue(editor.limits().numbersText().startsWith("mean "), editor.limits().numbersText());
    assertEquals("up to date", editor.limits().stateText());
  }

  @Test
  void finiteWidthOverlayAndConvergenceFollowTheLimits(FxRobot r) throws Exception {
    r.clickOn("Limits");
    waitUntil(() -> "up to date".equals(editor.limits().stateText())
        && editor.limits().shown().isFor(program()));
    org.tpe.session.Snapshot res = editor.limits().shown();
    org.junit.jupiter.api.Assertions.assertNotNull(res.finite().value().vectors().get("x2")
        .histogram());
    // x2 = relu(h2), h2 = W2 x1 with σ² = 2: Z^h2 ~ N(0, 2 E[relu(Z^u)^2]) = N(0, 1), so
    // E[(Z^x2)^2] = 1/2; at n = 1024 the coordinate average is within a few n^(-1/2) of it
    double m2 = res.finite().value().secondMoment("x2", "x2").value();
    assertEquals(0.5, m2, 5 / Math.sqrt(1024));
    assertTrue(res.sweep().value().widths().size() >= 2);
    assertTrue(editor.limits().numbersText().contains("at n = 1024"),
        editor.limits().numbersText());
  }

  // ---- the editor never loses a word the user wrote, and its panels are never stale ----------

  /** Expands the inspector (it opens collapsed, so that the limits have the column). */
  private void openInspector(FxRobot r) {
    r.interact(() -> editor.inspectorPane().setExpanded(true));
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** The text view, its tab brought to the front (the window opens on the limits). */
  private TextArea textArea(FxRobot r) {
    r.interact(() -> editor.tabs().getSelectionModel().select(editor.tabs().getTabs().stream()
        .filter(t -> t.getText().equals("Text")).findFirst().orElseThrow()));
    return r.lookup("#text").queryAs(TextArea.class);
  }

  private static String withoutAt(String text) {
    return text.replaceAll("[ \\t]*@at\\([^)]*\\)", "");
  }

  @Test
  void savingAfterACanvasMoveKeepsEveryCommentAndBlankLine(FxRobot r) throws Exception {
    Path file = home.resolve("mlp-one-input.tp");
    String original = Samples.get("mlp-one-input").text();
    Files.writeString(file, original);
    r.interact(() -> editor.openFile(file));
    assertTrue(textArea(r).getText().contains("# layer-1 bias"), textArea(r).getText());
    drag(r, node("x1"), node("x1").add(0, 40));
    assertTrue(editor.model().isDirty());
    r.push(KeyCode.SHORTCUT, KeyCode.S);
    String saved = Files.readString(file);
    // the move wrote x1's position and changed nothing else
    assertEquals(original, withoutAt(saved));
    assertTrue(saved.contains("x1 := relu(h1)  @at("), saved);
  }

  @Test
  void halfTypedTextSurvivesACanvasEditAndItsUndo(FxRobot r) throws Exception {
    TextArea area = textArea(r);
    r.clickOn(area).push(KeyCode.SHORTCUT, KeyCode.END).write("y := h1 * h2 + )\n");
    waitUntil(() -> !editor.text().errors().isEmpty());
    String typed = area.getText();
    r.clickOn("#tool-MATRIX").clickOn(at(emptySpot().x(), emptySpot().y()));
    assertTrue(program().isDefined("W"), status(r));
    assertTrue(area.getText().contains("y := h1 * h2 + )\n"), area.getText());
    r.interact(editor::undo);
    assertEquals(typed, area.getText());
  }

  @Test
  void renamingInTheInspectorKeepsTheNodeSelectedWithoutAnError(FxRobot r) {
    r.clickOn(node("x1"));
    openInspector(r);
    r.doubleClickOn("#inspector-name").push(KeyCode.SHORTCUT, KeyCode.A).write("z1")
        .push(KeyCode.ENTER);
    assertTrue(program().isDefined("z1"));
    assertEquals(Set.of("z1"), canvas().selection());
    assertEquals("Rename x1 to z1", status(r));
  }

  @Test
  void deletingANodeNamesTheDependentsItTakesInTheStatusLine(FxRobot r) {
    r.clickOn(node("x1"));
    r.push(KeyCode.DELETE);
    assertEquals("Delete x1 and its dependents h2, x2, dh2, dx1, dh1", status(r));
  }

  @Test
  void aNewDocumentStartsAtTheDefaultZoom(FxRobot r) throws TimeoutException {
    chooseSample(r, "resnet");
    // the sample's view is fitted when its layout arrives: zoom after that, or the fit wins
    waitUntil(() -> canvas().isCurrent());
    r.interact(() -> canvas().zoom(0.1));
    assertTrue(canvas().scale() < 0.5);
    javafx.scene.control.MenuBar bar = r.lookup("#menubar").queryAs(
        javafx.scene.control.MenuBar.class);
    javafx.scene.control.MenuItem newItem = bar.getMenus().get(0).getItems().stream()
        .filter(i -> "menu-new".equals(i.getId())).findFirst().orElseThrow();
    r.interact(newItem::fire);
    assertEquals(1.0, canvas().scale(), 1e-9);
  }

  @Test
  void theTextErrorMarkGoesAwayWithTheErrorEvenThroughNew(FxRobot r) throws Exception {
    TextArea area = textArea(r);
    r.clickOn(area).push(KeyCode.SHORTCUT, KeyCode.END).write("q := relu(x1\n");
    waitUntil(() -> !editor.text().errors().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(area.getStyle().contains("border-color"), area.getStyle());
    prompts.answer = Prompts.Choice.DISCARD;
    javafx.scene.control.MenuBar bar = r.lookup("#menubar").queryAs(
        javafx.scene.control.MenuBar.class);
    javafx.scene.control.MenuItem newItem = bar.getMenus().get(0).getItems().stream()
        .filter(i -> "menu-new".equals(i.getId())).findFirst().orElseThrow();
    r.interact(newItem::fire);
    assertFalse(area.getStyle().contains("border-color"), area.getStyle());
    assertTrue(editor.text().errors().isEmpty());
  }

  @Test
  void theLimitsPanelNeverShowsThePreviousProgramsNumbers(FxRobot r) throws Exception {
    r.clickOn("Limits");
    waitUntil(() -> "up to date".equals(editor.limits().stateText())
        && editor.limits().shown().isFor(program()));
    String old = editor.limits().numbersText();
    assertTrue(old.startsWith("mean "), old);
    r.interact(() -> editor.run(new org.tpe.app.editor.model.Commands.SetDistribution("u", 0,
        4)));
    // at once, before anything is recomputed: the old numbers are gone
    assertNotEquals(old, editor.limits().numbersText());
  }

  @Test
  void theConvergencePlotForgetsTheVectorsOfADeletedProgram(FxRobot r) throws Exception {
    r.clickOn("Limits");
    waitUntil(() -> "up to date".equals(editor.limits().stateText())
        && editor.limits().shown().isFor(program()));
    assertTrue(editor.limits().slopeText().startsWith("pooled"), editor.limits().slopeText());
    r.interact(() -> editor.run(new org.tpe.app.editor.model.Commands.Delete(
        Set.copyOf(program().statements().stream().map(s -> s.target()).toList()))));
    assertTrue(program().statements().isEmpty());
    waitUntil(() -> editor.limits().methodText().startsWith("No limits"));
    assertEquals("", editor.limits().slopeText());
  }

  @Test
  void afterCancelTheDensityNoLongerSaysComputing(FxRobot r) throws Exception {
    r.clickOn("Limits");
    r.interact(() -> editor.model().load(org.tpe.format.TpDocument.of(
        org.tpe.app.editor.bench.EditorBenchmark.text()), null));
    waitUntil(() -> editor.limits().stateText().startsWith("numbers up to date"));
    r.interact(() -> r.lookup("#limits-cancel").queryButton().fire());
    waitUntil(() -> editor.limits().stateText().startsWith("cancelled"));
    assertFalse(editor.limits().densityTitle().contains("computing"),
        editor.limits().densityTitle());
  }

  @Test
  void selectingAScalarShowsTheScalarNotAVectorsDensity(FxRobot r) throws Exception {
    chooseSample(r, "layernorm");
    r.clickOn("Limits");
    waitUntil(() -> "up to date".equals(editor.limits().stateText())
        && editor.limits().shown().isFor(program()));
    r.clickOn(node("μ"));
    assertEquals(Set.of("μ"), canvas().selection());
    assertTrue(editor.limits().headingText().contains("μ"), editor.limits().headingText());
    assertEquals("", editor.limits().densityTitle());
  }

  @Test
  void aClickInsideALargeCircleSelectsItsNode(FxRobot r) throws Exception {
    Path file = home.resolve("long.tp");
    String name = "averyveryverylongname";
    Files.writeString(file, "input " + name + " : G(n)\nx := relu(" + name + ")\n");
    r.interact(() -> editor.openFile(file));
    waitUntil(() -> canvas().isCurrent() && canvas().scene().variable(name).isPresent());
    org.tpe.render.layout.Layout.Box b = canvas().scene().variable(name).orElseThrow().bounds();
    assertTrue(b.w() / 2 > 40, "radius " + b.w() / 2);
    r.clickOn(at(b.cx() + b.w() / 2 - 5, b.cy()));
    assertEquals(Set.of(name), canvas().selection());
  }
}
