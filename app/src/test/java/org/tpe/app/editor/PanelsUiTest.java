package org.tpe.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tpe.app.editor.explain.Explainer;
import org.tpe.app.editor.hover.HoverTarget;
import org.tpe.format.TpDocument;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The editor's panels as a new user meets them: the limits beside the graph with nothing cut at
 * three window sizes, the ControlsFX hover card, status bar and notifications, the Explain view,
 * the export dialog's defaults and the menus' wording.
 */
@ExtendWith(ApplicationExtension.class)
class PanelsUiTest {
  /** y = W Wᵀ v at σ² = 1.5: E[(Z^y)²] = σ⁴ + σ⁴ = 2σ⁴ = 4.5 (TP IIb App. B; seeds/004). */
  static final String WWT = "input v : G(n) ~ N(0, 1)\ninput W : A(n, n) ~ N(0, 1.5/n)\n"
      + "g := W^T v\ny := W g\n";

  private EditorWindow editor;
  private final ScriptedPrompts prompts = new ScriptedPrompts();
  private Path home;
  private Stage stage;

  @Start
  void start(Stage stage) throws IOException {
    this.stage = stage;
    home = Files.createTempDirectory("tpe-home");
    editor = new EditorWindow(stage, home, prompts);
    editor.start(List.of());
  }

  @BeforeEach
  void drawn() throws TimeoutException {
    waitUntil(() -> editor.canvas().isCurrent());
  }

  private static void waitUntil(java.util.concurrent.Callable<Boolean> c) throws TimeoutException {
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, c);
  }

  private void load(FxRobot r, String text) throws TimeoutException {
    r.interact(() -> {
      editor.model().load(TpDocument.of(text), null);
      editor.canvas().documentReplaced();
    });
    upToDate();
  }

  private void upToDate() throws TimeoutException {
    waitUntil(() -> editor.canvas().isCurrent() && editor.limits().shown() != null
        && editor.limits().shown().isFor(editor.model().program())
        && "up to date".equals(editor.limits().stateText()));
  }

  private Point2D node(String name) {
    double[] s = editor.canvas().toScreen(editor.canvas().positions().get(name));
    return editor.canvas().localToScreen(s[0], s[1]);
  }

  @Test
  void theWindowOpensWithTheLimitsBesideTheGraphAndTheInspectorCollapsed(FxRobot r)
      throws Exception {
    assertEquals("Limits", editor.tabs().getSelectionModel().getSelectedItem().getText());
    assertFalse(editor.inspectorPane().isExpanded());
    upToDate();
    Bounds canvas = editor.canvas().localToScene(editor.canvas().getLayoutBounds());
    Bounds limits = editor.limits().localToScene(editor.limits().getLayoutBounds());
    assertTrue(limits.getMinX() >= canvas.getMaxX() - 1, canvas + " / " + limits);
    assertTrue(limits.getWidth() > 400 && canvas.getWidth() > 400, canvas + " / " + limits);
    assertTrue(editor.limits().numbersText().startsWith("mean "));
  }

  /** Every label, button and tab header on screen shows its whole text inside the window. */
  @Test
  void nothingIsCutAtThreeWindowSizes(FxRobot r) throws Exception {
    for (int[] size : new int[][] {{1000, 650}, {1400, 900}, {1920, 1080}}) {
      r.interact(() -> {
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(size[0]);
        stage.setHeight(size[1]);
      });
      WaitForAsyncUtils.waitForFxEvents();
      upToDate();
      r.interact(() -> stage.getScene().getRoot().layout());
      WaitForAsyncUtils.waitForFxEvents();
      double w = stage.getScene().getWidth();
      List<String> cut = new ArrayList<>();
      for (Parent root : new Parent[] {editor.limits(), editor.statusBar(),
          (Parent) editor.tabs().lookup(".tab-header-area")}) {
        collectCut(root, w, cut);
      }
      assertTrue(cut.isEmpty(), size[0] + "×" + size[1] + ": cut " + cut);
      // the plots are as wide as their panel: no horizontal scrolling, no fixed 420 px
      double panel = editor.limits().getWidth();
      for (var f : List.of(editor.limits().densityPlot(), editor.limits().heatPlot(),
          editor.limits().convergencePlot())) {
        assertTrue(f.getWidth() > panel - 60 && f.getWidth() <= panel,
            f.getId() + " " + f.getWidth() + " in " + panel);
        assertNotNull(f.figure(), f.getId());
        assertEquals(Math.floor(f.getWidth()), f.figure().width(), 1, f.getId());
      }
    }
  }

  private static void collectCut(Node n, double sceneWidth, List<String> cut) {
    if (!n.isVisible()) {
      return;
    }
    if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
      Text shown = (Text) l.lookup(".text");
      String s = shown == null ? l.getText() : shown.getText();
      Bounds b = l.localToScene(l.getLayoutBounds());
      if (!s.replace("\n", "").equals(l.getText().replace("\n", ""))) {
        cut.add("'" + l.getText() + "' shown as '" + s + "'");
      } else if (b.getMaxX() > sceneWidth + 0.5) {
        cut.add("'" + l.getText() + "' ends at " + b.getMaxX() + " of " + sceneWidth);
      }
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collectCut(c, sceneWidth, cut);
      }
    }
  }

  @Test
  void hoveringANodeShowsItsPopoverWithTheLimitsNumbers(FxRobot r) throws Exception {
    load(r, WWT);
    r.moveTo(node("y"));
    waitUntil(() -> HoverTarget.node("y").equals(editor.hover().showing()));
    Node card = editor.hover().popOver().getContentNode();
    String limit = ((Label) card.lookup("#hover-limit")).getText();
    // exact engine: E Z^y = 0, Var Z^y = 2σ⁴ = 4.5
    assertTrue(limit.contains("E Z^y = 0") && limit.contains("Var Z^y = 4.500"), limit);
    assertEquals("y := W g", ((Label) card.lookup("#hover-definition")).getText());
    assertTrue(((Label) card.lookup("#hover-title")).getText().contains("G-var (MatMul)"));
    assertNotNull(card.lookup("#hover-sparkline"), "a density sparkline");
    // the matrix's card: its σ² and the MatMuls it enters
    r.moveTo(node("W"));
    waitUntil(() -> HoverTarget.node("W").equals(editor.hover().showing()));
    String all = texts(editor.hover().popOver().getContentNode());
    assertTrue(all.contains("σ² = 1.500") && all.contains("g := W^T v"), all);
    r.moveTo(editor.canvas().localToScreen(5, 5));
    waitUntil(() -> editor.hover().showing() == null);
  }

  /** Every label's text under {@code n}, one a line. */
  static String texts(Node n) {
    StringBuilder sb = new StringBuilder();
    if (n instanceof Labeled l) {
      sb.append(l.getText()).append('\n');
    }
    if (n instanceof Parent p) {
      p.getChildrenUnmodifiable().forEach(c -> sb.append(texts(c)));
    }
    return sb.toString();
  }

  @Test
  void theStatusBarShowsTheRunningAnalysisAndItsCancelStopsIt(FxRobot r) throws Exception {
    r.interact(() -> editor.model().load(TpDocument.of(
        org.tpe.app.editor.bench.EditorBenchmark.text()), null));
    waitUntil(() -> editor.statusBar().getProgress() > 0
        && !r.lookup("#status-cancel").queryButton().isDisabled());
    r.clickOn("#status-cancel");
    waitUntil(() -> editor.limits().stateText().startsWith("cancelled")
        || editor.limits().stateText().startsWith("No limits"));
    waitUntil(() -> editor.statusBar().getProgress() == 0
        && r.lookup("#status-cancel").queryButton().isDisabled());
  }

  @Test
  void aRecoveryFileIsOfferedInTheUsersTimeAndRestoreBringsTheWorkBack(FxRobot r)
      throws Exception {
    r.interact(() -> editor.run(new org.tpe.app.editor.model.Commands.SetDistribution("u", 0,
        3)));
    Program edited = editor.model().program();
    editor.flushAutosave();
    EditorWindow[] second = new EditorWindow[1];
    r.interact(() -> {
      second[0] = new EditorWindow(new Stage(), home, new ScriptedPrompts());
      second[0].start(List.of());
    });
    waitUntil(() -> second[0].notifications().isShowing());
    String text = second[0].notifications().getText();
    assertTrue(text.matches("Unsaved work from .+ today can be restored\\."), text);
    assertFalse(text.contains("T") && text.contains("Z"), "no ISO instant: " + text);
    Button restore = r.from(second[0].stage().getScene().getRoot()).lookup(".recover")
        .queryAs(Button.class);
    assertEquals("Restore", restore.getText());
    r.clickOn(restore);
    assertEquals(edited, second[0].model().program());
    assertFalse(second[0].notifications().isShowing());
    r.interact(() -> second[0].stage().close());
  }

  @Test
  void aRefusedEditIsNotifiedAndChangesNothing(FxRobot r) throws Exception {
    Program before = editor.model().program();
    r.interact(() -> editor.run(new org.tpe.app.editor.model.Commands.Rename("u", "x1")));
    assertEquals(before, editor.model().program());
    assertTrue(editor.notifications().isShowing());
    assertTrue(editor.notifications().getText().startsWith("Edit refused: "),
        editor.notifications().getText());
  }

  @Test
  void explainShowsTheDerivationOfTheCliAndATermShowsItsVector(FxRobot r) throws Exception {
    load(r, WWT);
    r.interact(() -> editor.canvas().select(List.of("y")));
    r.clickOn("Explain");
    waitUntil(() -> editor.explain().shown() != null);
    Program p = TpParser.parse(WWT);
    List<String> cli = Explainer.derive(p, "y").derivation().lines();
    assertEquals(cli, editor.explain().shown().lines());
    assertTrue(cli.contains("  E[(Z^y)²] = 4.5") || cli.stream().anyMatch(l -> l.trim()
        .equals("E[(Z^y)²] = 4.5")), String.join("\n", cli));
    Hyperlink zv = r.lookup(".explain-term").queryAllAs(Hyperlink.class).stream()
        .filter(h -> h.getText().equals("Z^v")).findFirst().orElseThrow();
    r.clickOn(zv);
    assertEquals(Set.of("v"), editor.canvas().highlight().variables());
    // the selection is kept: the derivation on screen is still y's
    assertEquals("y", editor.explain().shown().subject());
  }

  @Test
  void theExportDialogStartsAtTheDocumentWithItsNameAndWritesTheChosenScale(FxRobot r)
      throws Exception {
    Path dir = Files.createDirectories(home.resolve("work"));
    prompts.saveTo = dir.resolve("mlp.tp");
    r.interact(() -> editor.saveAs());
    Path out = dir.resolve("picture.png");
    prompts.exportAnswer = d -> new org.tpe.app.editor.files.ExportDefaults.Request(dir,
        "picture.png", d.format(), org.tpe.render.style.Style.PRINT, 1);
    MenuItem png = menuItem(r, "Diagram as PNG…");
    r.interact(png::fire);
    assertEquals(dir.toAbsolutePath(), prompts.exportShown.directory());
    assertEquals("mlp.png", prompts.exportShown.fileName());
    assertEquals(2, prompts.exportShown.scale());
    assertTrue(Files.size(out) > 0);
    java.awt.image.BufferedImage one = javax.imageio.ImageIO.read(out.toFile());
    prompts.exportAnswer = d -> new org.tpe.app.editor.files.ExportDefaults.Request(dir,
        "picture2.png", d.format(), d.style(), 2);
    r.interact(png::fire);
    java.awt.image.BufferedImage two = javax.imageio.ImageIO.read(
        dir.resolve("picture2.png").toFile());
    assertEquals(2 * one.getWidth(), two.getWidth(), 2, "scale 2 doubles the pixels");
  }

  private static MenuItem menuItem(FxRobot r, String text) {
    MenuBar bar = r.lookup("#menubar").queryAs(MenuBar.class);
    return all(bar).stream().filter(i -> text.equals(i.getText())).findFirst()
        .orElseThrow(() -> new AssertionError("no menu item " + text));
  }

  private static List<MenuItem> all(MenuBar bar) {
    List<MenuItem> out = new ArrayList<>();
    for (var m : bar.getMenus()) {
      collect(m.getItems(), out);
    }
    return out;
  }

  private static void collect(List<MenuItem> items, List<MenuItem> out) {
    for (MenuItem i : items) {
      out.add(i);
      if (i instanceof javafx.scene.control.Menu m) {
        collect(m.getItems(), out);
      }
    }
  }

  @Test
  void menusAndTooltipsSayWhatAUserReads(FxRobot r) {
    List<String> labels = all(r.lookup("#menubar").queryAs(MenuBar.class)).stream()
        .map(MenuItem::getText).filter(t -> t != null).toList();
    assertTrue(labels.contains("Diagram as TikZ…"), labels.toString());
    assertFalse(labels.stream().anyMatch(l -> l.contains("TIKZ") || l.contains("alternative")),
        labels.toString());
    assertTrue(labels.containsAll(List.of("Notation", "Keyboard Shortcuts", "Dark Theme")));
    for (ToggleButton b : r.lookup("#palette").lookup(".toggle-button")
        .queryAllAs(ToggleButton.class)) {
      String tip = b.getTooltip().getText();
      assertFalse(tip.contains("Shortcut+"), tip);
    }
  }

  @Test
  void aSelectedWarningIsNotDrawnInTheWarningColour(FxRobot r) throws Exception {
    load(r, "input x : G(n)\ny := relu(x)\noutput y, y\n");
    r.interact(() -> editor.tabs().getSelectionModel().select(editor.tabs().getTabs().stream()
        .filter(t -> t.getText().equals("Problems")).findFirst().orElseThrow()));
    javafx.scene.control.ListView<?> list = r.lookup("#problems")
        .queryAs(javafx.scene.control.ListView.class);
    waitUntil(() -> list.getItems().stream().anyMatch(p -> p instanceof org.tpe.model.Problem q
        && q.severity() == org.tpe.model.Severity.WARNING));
    int warning = list.getItems().indexOf(list.getItems().stream().filter(p ->
        ((org.tpe.model.Problem) p).severity() == org.tpe.model.Severity.WARNING).findFirst()
        .orElseThrow());
    r.interact(() -> list.getSelectionModel().select(warning));
    WaitForAsyncUtils.waitForFxEvents();
    Object item = list.getItems().get(warning);
    javafx.scene.control.ListCell<?> cell = list.lookupAll(".list-cell").stream()
        .map(n -> (javafx.scene.control.ListCell<?>) n).filter(c -> c.getItem() == item)
        .findFirst().orElseThrow();
    assertTrue(cell.getStyleClass().contains("problem-warning"), cell.getStyleClass().toString());
    r.clickOn(cell); // focused: the blue selection bar
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.paint.Color text = (javafx.scene.paint.Color) cell.getTextFill();
    var fills = cell.getBackground().getFills();
    javafx.scene.paint.Color bar = (javafx.scene.paint.Color) fills.get(fills.size() - 1)
        .getFill();
    // WCAG 2 contrast of text on its background: at least 4.5 (AA for normal text)
    double contrast = (luminance(text) + 0.05) / (luminance(bar) + 0.05);
    contrast = Math.max(contrast, 1 / contrast);
    assertTrue(contrast >= 4.5, text + " on " + bar + ": contrast " + contrast);
  }

  private static double luminance(javafx.scene.paint.Color c) {
    return 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
  }

  private static double lin(double s) {
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }

  @Test
  void anEditInThePropertySheetIsOneUndoableCommandAndABadValueChangesNothing(FxRobot r)
      throws Exception {
    load(r, WWT);
    r.interact(() -> {
      editor.canvas().select(List.of("v"));
      editor.inspectorPane().setExpanded(true);
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertNotNull(r.lookup("#inspector-sheet").queryAs(org.controlsfx.control.PropertySheet.class));
    Program before = editor.model().program();
    r.doubleClickOn("#inspector-variance").push(javafx.scene.input.KeyCode.SHORTCUT,
        javafx.scene.input.KeyCode.A).write("abc").push(javafx.scene.input.KeyCode.ENTER);
    Label err = r.lookup("#inspector-variance-error").queryAs(Label.class);
    assertEquals("not a number: 'abc'", err.getText());
    assertTrue(err.isVisible());
    assertEquals(before, editor.model().program());
    r.doubleClickOn("#inspector-variance").push(javafx.scene.input.KeyCode.SHORTCUT,
        javafx.scene.input.KeyCode.A).write("-1").push(javafx.scene.input.KeyCode.ENTER);
    err = r.lookup("#inspector-variance-error").queryAs(Label.class);
    assertFalse(err.getText().isEmpty(), "a negative variance is refused with its reason");
    assertEquals(before, editor.model().program());
    r.doubleClickOn("#inspector-variance").push(javafx.scene.input.KeyCode.SHORTCUT,
        javafx.scene.input.KeyCode.A).write("4").push(javafx.scene.input.KeyCode.ENTER);
    assertEquals(4, ((org.tpe.model.VectorInput) editor.model().program().definition("v"))
        .variance());
    r.interact(editor::undo);
    assertEquals(before, editor.model().program(), "one undo takes the whole edit back");
  }

  @Test
  void panelsOffScreenCatchUpWhenShownAndAHiddenPathHighlightGoesWithAnEdit(FxRobot r)
      throws Exception {
    load(r, WWT);
    // the inspector is built when opened, for the node selected while it was closed
    r.interact(() -> editor.canvas().select(List.of("g")));
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(r.lookup("#inspector-sheet").tryQuery().isEmpty(), "nothing built while closed");
    r.interact(() -> editor.inspectorPane().setExpanded(true));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("g", r.lookup("#inspector-name")
        .queryAs(javafx.scene.control.TextInputControl.class).getText());
    // a path class of y chosen in the Paths tab lights the canvas
    r.interact(() -> editor.canvas().select(List.of("y")));
    r.interact(() -> editor.tabs().getSelectionModel().select(tab("Paths")));
    javafx.scene.control.ListView<?> classes = editor.paths().classes();
    waitUntil(() -> !classes.getItems().isEmpty());
    r.interact(() -> classes.getSelectionModel().select(0));
    waitUntil(() -> !editor.canvas().highlight().variables().isEmpty());
    // with the tab hidden, an edit drops the lists and the highlight of the previous program
    r.interact(() -> editor.tabs().getSelectionModel().select(tab("Limits")));
    r.interact(() -> editor.run(new org.tpe.app.editor.model.Commands.SetDistribution("v", 0,
        2)));
    assertEquals(org.tpe.render.scene.Highlight.NONE, editor.canvas().highlight());
    assertTrue(classes.getItems().isEmpty());
    // shown again, the tab lists the current program's classes
    r.interact(() -> editor.tabs().getSelectionModel().select(tab("Paths")));
    waitUntil(() -> !classes.getItems().isEmpty());
    waitUntil(() -> !editor.paths().headingText().startsWith("computing"));
  }

  private javafx.scene.control.Tab tab(String name) {
    return editor.tabs().getTabs().stream().filter(t -> t.getText().equals(name)).findFirst()
        .orElseThrow();
  }

  @Test
  void aParseErrorIsPlacedAsLineAndColumn(FxRobot r) throws Exception {
    r.interact(() -> editor.model().editText("input x : G(n)\ny := relu(x\n", "typed"));
    r.interact(() -> editor.tabs().getSelectionModel().select(editor.tabs().getTabs().stream()
        .filter(t -> t.getText().equals("Text")).findFirst().orElseThrow()));
    javafx.scene.control.ListView<?> errors = r.lookup("#text-errors")
        .queryAs(javafx.scene.control.ListView.class);
    waitUntil(() -> !errors.getItems().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.ListCell<?> cell = errors.lookupAll(".list-cell").stream()
        .map(n -> (javafx.scene.control.ListCell<?>) n).filter(c -> c.getItem() != null)
        .findFirst().orElseThrow();
    assertTrue(cell.getText().matches("line 2, column \\d+: .+"), cell.getText());
  }

  @Test
  void aFileChangedOnDiskIsOfferedForReload(FxRobot r) throws Exception {
    Path f = home.resolve("wwt.tp");
    Files.writeString(f, WWT);
    r.interact(() -> editor.openFile(f));
    r.interact(editor::checkDisk);
    assertFalse(editor.notifications().isShowing(), "unchanged: nothing to say");
    Files.writeString(f, WWT.replace("1.5/n", "3/n"));
    r.interact(editor::checkDisk);
    assertTrue(editor.notifications().isShowing());
    assertEquals("wwt.tp changed on disk.", editor.notifications().getText());
    Button reload = r.from(editor.notifications()).lookup(".button").queryAllAs(Button.class)
        .stream().filter(b -> b.getText().equals("Reload")).findFirst().orElseThrow();
    r.clickOn(reload);
    assertEquals(3, ((org.tpe.model.MatrixInput) editor.model().program().definition("W"))
        .sigma2());
    assertFalse(editor.notifications().isShowing());
  }

  @Test
  void theDarkThemeDarkensTheControlsAndThePlots(FxRobot r) throws Exception {
    upToDate();
    r.interact(() -> editor.setDark(true));
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(stage.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css")));
    r.interact(() -> editor.limits().requestLayout());
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(org.tpe.app.editor.plot.PlotTheme.DARK.background(),
        editor.limits().densityPlot().figure().background());
    waitUntil(() -> editor.canvas().isCurrent()
        && editor.canvas().scene().style() == org.tpe.render.style.Style.DARK);
    r.interact(() -> editor.setDark(false));
    assertEquals(org.tpe.app.editor.plot.PlotTheme.LIGHT.background(),
        editor.limits().densityPlot().figure().background());
  }
}
