package org.tpe.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tpe.app.editor.hover.HoverTarget;
import org.tpe.format.TpDocument;
import org.tpe.model.Point;
import org.tpe.render.layout.Layout.Pt;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.ElementId;
import org.tpe.samples.Samples;
import org.tpe.session.PathReport;

/**
 * The hover cards a new user finds beyond the nodes' (ControlsFX {@code PopOver}s): resting on a
 * MatMul's dashed edge shows its matrix, σ² and ZHat/ZDot numbers; resting on an isomorphism class
 * in the Paths tab shows its word and count; the Paths filter (a ControlsFX clearable {@code
 * CustomTextField}) filters the classes and paths as the user types, and its clear button brings
 * them all back.
 */
@ExtendWith(ApplicationExtension.class)
class HoverCardsUiTest {
  /** y = W Wᵀ v at σ² = 1.5: Var Ẑ^y = σ² E[(Z^g)²] = σ⁴ = 2.25, E[(Z^y)²] = 2σ⁴ = 4.5. */
  static final String WWT = PanelsUiTest.WWT;

  private EditorWindow editor;

  @Start
  void start(Stage stage) throws IOException {
    editor = new EditorWindow(stage, Files.createTempDirectory("tpe-home"),
        new ScriptedPrompts());
    editor.start(List.of());
  }

  private static void waitUntil(Callable<Boolean> c) throws TimeoutException {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, c);
  }

  private void load(FxRobot r, String text) throws TimeoutException {
    r.interact(() -> {
      editor.model().load(TpDocument.of(text), null);
      editor.canvas().documentReplaced();
    });
    waitUntil(() -> editor.canvas().isCurrent() && editor.limits().shown() != null
        && editor.limits().shown().isFor(editor.model().program())
        && "up to date".equals(editor.limits().stateText()));
  }

  private Point2D screen(double mx, double my) {
    double[] s = editor.canvas().toScreen(new Point(mx, my));
    return editor.canvas().localToScreen(s[0], s[1]);
  }

  /** The middle, by arc length, of the drawn route of the MatMul defining {@code h}. */
  private Point2D middleOfEdge(String h) {
    Element e = editor.canvas().scene().elements(ElementId.Type.EDGE).stream()
        .filter(x -> x.role().equals("matmul") && x.id().toVar().equals(h)).findFirst()
        .orElseThrow();
    List<Pt> r = e.route();
    double total = 0;
    for (int i = 0; i + 1 < r.size(); i++) {
      total += Math.hypot(r.get(i + 1).x() - r.get(i).x(), r.get(i + 1).y() - r.get(i).y());
    }
    double left = total / 2;
    for (int i = 0; i + 1 < r.size(); i++) {
      double len = Math.hypot(r.get(i + 1).x() - r.get(i).x(), r.get(i + 1).y() - r.get(i).y());
      if (len >= left && len > 0) {
        double t = left / len;
        return screen(r.get(i).x() + t * (r.get(i + 1).x() - r.get(i).x()),
            r.get(i).y() + t * (r.get(i + 1).y() - r.get(i).y()));
      }
      left -= len;
    }
    throw new AssertionError("no route");
  }

  @Test
  void restingOnAMatMulEdgeShowsItsMatrixAndItsZHatAndZDotNumbers(FxRobot r) throws Exception {
    load(r, WWT);
    r.moveTo(middleOfEdge("y"));
    waitUntil(() -> HoverTarget.matMulEdge("y").equals(editor.hover().showing()));
    Node card = editor.hover().popOver().getContentNode();
    assertEquals("MatMul   g —W→ y", ((Label) card.lookup("#hover-title")).getText());
    assertEquals("y := W g", ((Label) card.lookup("#hover-definition")).getText());
    String all = PanelsUiTest.texts(card);
    assertTrue(all.contains("W: entries iid N(0, σ²/n), σ² = 1.500"), all);
    // the exact engine: E[(Z^g)²] = σ² = 1.5, Var Ẑ^y = σ⁴ = 2.25, Ż's share 2σ⁴ − σ⁴ = 2.25
    assertTrue(all.contains("Var Ẑ^y = σ² E[(Z^g)²] = 1.500 × 1.500 = 2.250"), all);
    assertTrue(all.contains("E[(Z^y)²] − Var Ẑ^y = 2.250"), all);
    String limit = ((Label) card.lookup("#hover-limit")).getText();
    assertTrue(limit.contains("E[(Z^y)²] = 4.500"), limit);
    // the other edge, by the transpose, has no ZDot
    r.moveTo(middleOfEdge("g"));
    waitUntil(() -> HoverTarget.matMulEdge("g").equals(editor.hover().showing()));
    String g = PanelsUiTest.texts(editor.hover().popOver().getContentNode());
    assertTrue(g.contains("Ż^g = 0, since no MatMul by W comes before it"), g);
    // a node is still a node
    double[] c = editor.canvas().toScreen(editor.canvas().positions().get("y"));
    r.moveTo(editor.canvas().localToScreen(c[0], c[1]));
    waitUntil(() -> HoverTarget.node("y").equals(editor.hover().showing()));
    r.moveTo(editor.canvas().localToScreen(5, 5));
    waitUntil(() -> editor.hover().showing() == null);
  }

  private void openPaths(FxRobot r) throws TimeoutException {
    r.interact(() -> {
      editor.openSample(Samples.get("resnet"));
      editor.tabs().getSelectionModel().select(editor.tabs().getTabs().stream()
          .filter(t -> t.getText().equals("Paths")).findFirst().orElseThrow());
    });
    waitUntil(() -> editor.paths().report() != null
        && editor.paths().classes().getItems().size() == 63);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** The cell showing {@code c}. */
  private Node cellOf(FxRobot r, PathReport.PathClass c) {
    return r.from(editor.paths().classes()).lookup(".list-cell").match(n ->
        n instanceof ListCell<?> lc && c.equals(lc.getItem())).query();
  }

  @Test
  void restingOnAPathClassShowsItsWordItsCountAndItsPath(FxRobot r) throws Exception {
    openPaths(r);
    // resnet, depth 6: 2⁶ − 1 = 63 paths to h6, one per non-empty increasing word
    PathReport.PathClass w1 = editor.paths().classes().getItems().get(0);
    assertEquals(List.of("W1"), w1.word());
    r.moveTo(cellOf(r, w1));
    waitUntil(() -> Integer.valueOf(0).equals(editor.paths().card().showing()));
    waitUntil(() -> PanelsUiTest.texts(editor.paths().card().popOver().getContentNode())
        .contains("its path: "));
    String all = PanelsUiTest.texts(editor.paths().card().popOver().getContentNode());
    assertTrue(all.contains("W1   isomorphism class 1 of 63"), all);
    assertTrue(all.contains("1 of the 63 paths ending at the outputs (h6): 1.6%"), all);
    assertTrue(all.contains("its path: x0 —W1→ g1"), all);
    // the card opens to the left of the mouse: the Paths tab is at the window's right edge
    Bounds cell = cellOf(r, w1).localToScreen(cellOf(r, w1).getLayoutBounds());
    assertTrue(editor.paths().card().popOver().getX() < cell.getMaxX(),
        editor.paths().card().popOver().getX() + " / " + cell);
    // another class: the card follows
    PathReport.PathClass w2 = editor.paths().classes().getItems().get(1);
    r.moveTo(cellOf(r, w2));
    waitUntil(() -> Integer.valueOf(1).equals(editor.paths().card().showing()));
    assertTrue(PanelsUiTest.texts(editor.paths().card().popOver().getContentNode())
        .contains("W2   isomorphism class 2 of 63"));
    r.moveTo(editor.canvas().localToScreen(5, 5));
    waitUntil(() -> editor.paths().card().showing() == null);
  }

  @Test
  void theFilterFiltersAsTheUserTypesAndItsClearButtonBringsAllBack(FxRobot r)
      throws Exception {
    openPaths(r);
    assertNotNull(editor.paths().filterField().getLeft(), "a search glyph");
    r.clickOn("#paths-filter").write("W2");
    // the subsets of {1…6} containing 2: 2⁵ = 32
    waitUntil(() -> editor.paths().classes().getItems().size() == 32);
    assertTrue(editor.paths().classes().getItems().stream().allMatch(c ->
        c.word().contains("W2")));
    assertEquals("32 of 63 classes with W2 in their word", editor.paths().filterSummary());
    r.write(" W3");
    waitUntil(() -> editor.paths().classes().getItems().size() == 16);
    // a class chosen under the filter keeps the report's numbering: W2 W3 lights x1 … g3
    PathReport.PathClass w2w3 = editor.paths().classes().getItems().stream()
        .filter(c -> c.word().equals(List.of("W2", "W3"))).findFirst().orElseThrow();
    r.clickOn(cellOf(r, w2w3));
    waitUntil(() -> editor.paths().members().getItems().equals(List.of(
        List.of("x1", "g2", "x2", "g3"))));
    assertTrue(editor.canvas().highlight().variables().containsAll(List.of("x1", "g2", "x2",
        "g3")));
    // a vector term keeps the classes and filters the chosen class's paths
    r.clickOn("#paths-filter").push(javafx.scene.input.KeyCode.END).write(" x0");
    waitUntil(() -> editor.paths().members().getItems().isEmpty());
    assertEquals(16, editor.paths().classes().getItems().size());
    assertTrue(editor.paths().filterSummary().endsWith("; paths through x0"),
        editor.paths().filterSummary());
    // the clear button (ControlsFX's) empties the field: every class is back
    Node clear = editor.paths().filterField().lookup(".clear-button");
    assertNotNull(clear, "a clear button");
    waitUntil(() -> clear.getOpacity() > 0.9);
    r.clickOn(clear);
    waitUntil(() -> editor.paths().classes().getItems().size() == 63);
    assertEquals("", editor.paths().filterField().getText());
    assertEquals("", editor.paths().filterSummary());
    assertFalse(editor.paths().classes().getSelectionModel().isEmpty(),
        "the chosen class stays chosen");
    waitUntil(() -> editor.paths().members().getItems().size() == 1);
  }
}
