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

  private Program program() {
    return editor.model().program();
  }

  private DiagramCanvas canvas() {
    return editor.canvas();
  }

  /** Screen point of a node's centre. */
  private Point2D node(String name) {
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

  private static void waitUntil(java.util.concurrent.Callable<Boolean> c) throws TimeoutException {
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, c);
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
  void typingInTheTextViewChangesTheDiagramKeepingPositions(FxRobot r) throws Exception {
    Point u = canvas().positions().get("u");
    TextArea area = r.lookup("#text").queryAs(TextArea.class);
    r.clickOn(area);
    r.push(KeyCode.SHORTCUT, KeyCode.END);
    r.write("z := gelu(dh1)\n");
    waitUntil(() -> program().isDefined("z"));
    assertEquals(u, program().layout().get("z") == null ? null : program().layout().get("u"));
    assertTrue(canvas().positions().containsKey("z"));
  }

  @Test
  void aSyntaxErrorInTheTextIsListedAtItsLineAndColumn(FxRobot r) throws Exception {
    Program before = program();
    TextArea area = r.lookup("#text").queryAs(TextArea.class);
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
    String text = r.lookup("#text").queryAs(TextArea.class).getText();
    assertTrue(text.contains("input W : A(n, n) ~ N(0, 1/n)"), text);
  }

  @Test
  void inspectorShowsLiveParseErrorsAndCommitsOnEnter(FxRobot r) {
    r.clickOn(node("x1"));
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
  void choosingAPathClassHighlightsItsPaths(FxRobot r) {
    r.clickOn("Paths");
    ListView<?> classes = r.lookup("#path-classes").queryAs(ListView.class);
    assertFalse(classes.getItems().isEmpty());
    r.clickOn(r.from(classes).lookup(".list-cell").nth(0).queryAs(javafx.scene.Node.class));
    Set<String> lit = canvas().highlight().vertices();
    assertFalse(lit.isEmpty());
    org.tpe.paths.IsomorphismClass c = (org.tpe.paths.IsomorphismClass) classes.getItems().get(0);
    org.tpe.paths.Path first = c.paths().findFirst().orElseThrow();
    for (String v : first.vars()) {
      if (program().isDefined(v)) {
        assertTrue(lit.contains(v), v + " of " + first + " not lit: " + lit);
      }
    }
  }

  @Test
  void clickingAProblemSelectsAndCentresItsNode(FxRobot r) throws Exception {
    TextArea area = r.lookup("#text").queryAs(TextArea.class);
    r.clickOn(area).push(KeyCode.SHORTCUT, KeyCode.END).write("y := relu(nowhere)\n");
    waitUntil(() -> program().isDefined("y"));
    r.clickOn("Problems");
    ListView<?> list = r.lookup("#problems").queryAs(ListView.class);
    int i = 0;
    while (i < list.getItems().size()
        && !"y".equals(((org.tpe.model.Problem) list.getItems().get(i)).subject())) {
      i++;
    }
    assertTrue(i < list.getItems().size(), "expected a problem about y: " + list.getItems());
    r.clickOn(r.from(list).lookup(".list-cell").nth(i).queryAs(javafx.scene.Node.class));
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
    r.clickOn(r.from(second[0].stage().getScene().getRoot()).lookup("#recover")
        .queryAs(javafx.scene.control.Button.class));
    assertEquals(edited, second[0].model().program());
    assertTrue(second[0].model().isDirty());
    r.interact(() -> second[0].stage().close());
  }

  @Test
  void limitsPanelFollowsEditsInTheBackground(FxRobot r) throws Exception {
    r.clickOn("Limits");
    waitUntil(() -> editor.limits().shown() != null
        && editor.limits().shown().program().equals(program()));
    r.clickOn(node("u"));
    r.doubleClickOn("#inspector-variance").push(KeyCode.SHORTCUT, KeyCode.A).write("4")
        .push(KeyCode.ENTER);
    Program edited = program();
    assertEquals(4.0, ((org.tpe.model.VectorInput) edited.definition("u")).variance());
    waitUntil(() -> editor.limits().shown().program().equals(edited)
        && "up to date".equals(editor.limits().stateText()));
    // x1 = relu(u), Z^u ~ N(0, 4): E[relu(Z)^2] = 4/2 and E[relu(Z)] = 2/sqrt(2π), so
    // Var = 2 - 2/π (deterministic engine: closed forms, error far below 1e-9)
    double var = editor.limits().shown().stats().vectors().get("x1").variance().value();
    assertEquals(2 - 2 / Math.PI, var, 1e-9);
    r.clickOn(node("x1"));
    assertTrue(editor.limits().numbersText().startsWith("mean "), editor.limits().numbersText());
    assertEquals("up to date", editor.limits().stateText());
  }

  @Test
  void finiteWidthOverlayAndConvergenceFollowTheLimits(FxRobot r) throws Exception {
    r.clickOn("Limits");
    waitUntil(() -> "up to date".equals(editor.limits().stateText())
        && editor.limits().shown().program().equals(program()));
    org.tpe.app.editor.limits.LimitsPane.Result res = editor.limits().shown();
    org.junit.jupiter.api.Assertions.assertNotNull(res.finite().vectors().get("x2").histogram());
    // x2 = relu(h2), h2 = W2 x1 with σ² = 2: Z^h2 ~ N(0, 2 E[relu(Z^u)^2]) = N(0, 1), so
    // E[(Z^x2)^2] = 1/2; at n = 1024 the coordinate average is within a few n^(-1/2) of it
    double m2 = res.finite().secondMoment("x2", "x2").value();
    assertEquals(0.5, m2, 5 / Math.sqrt(1024));
    assertTrue(res.convergence().widths().size() >= 2);
    assertTrue(editor.limits().numbersText().contains("at n = 1024"),
        editor.limits().numbersText());
  }
}
