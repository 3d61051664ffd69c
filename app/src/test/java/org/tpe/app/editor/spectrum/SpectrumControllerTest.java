package org.tpe.app.editor.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/** The Spectrum tab's controller, without JavaFX (analyses run on the calling thread). */
class SpectrumControllerTest {
  static final Program RELU = TpParser.parse("input x : G(n) ~ N(0, 1)\n"
      + "input W1 : A(n, n) ~ N(0, 2/n)\ninput W2 : A(n, n) ~ N(0, 2/n)\n"
      + "input W3 : A(n, n) ~ N(0, 2/n)\nh1 := W1 x\nx1 := relu(h1)\nh2 := W2 x1\n"
      + "x2 := relu(h2)\nh3 := W3 x2\noutput h3\n");

  final List<SpectrumController.View> views = new ArrayList<>();
  final SpectrumController c = new SpectrumController(Runnable::run, Runnable::run);

  SpectrumController.View last() {
    return views.get(views.size() - 1);
  }

  @Test
  void defaultJacobianIsAnalysedThreeWays() {
    c.addListener(views::add);
    c.setWidth(256);
    c.programChanged(RELU);
    SpectrumController.View v = last();
    assertEquals("up to date", v.status());
    assertNull(v.error());
    assertEquals("x", v.from());
    assertEquals("h3", v.to());
    assertTrue(v.jacobian().startsWith("J = ∂h3/∂x = W3 · diag(relu′(h2))"), v.jacobian());
    assertEquals(SpectrumController.MOMENTS, v.moments().size());
    // τ_1 = σ⁶ p² = 8/4 = 2, exactly by free probability
    assertEquals("2.0000", v.moments().get(0).free(), "exact up to rounding: no ± shown");
    assertTrue(v.support().contains("atom at 0 of mass 0.5"), v.support());
    SpectrumController.Plot p = v.plot();
    assertNotNull(p);
    assertTrue(p.curveX().length > 100 && p.barHeights().length == SpectrumController.BINS);
    assertEquals(0, p.yMin());
  }

  @Test
  void theSelectionBecomesTheStartOrTheEnd() {
    c.addListener(views::add);
    c.setWidth(256);
    c.programChanged(RELU);
    c.selectionChanged("h2");
    c.useSelectionAsEnd();
    assertEquals("h2", last().to());
    assertTrue(last().jacobian().startsWith("J = ∂h2/∂x = W2 · diag(relu′(h1)) · W1"),
        last().jacobian());
    c.selectionChanged("W1"); // a matrix is not a vector: nothing to pick
    assertNull(c.selected());
    c.selectionChanged("h1");
    c.useSelectionAsStart();
    assertEquals("J = ∂h2/∂h1 = W2 · diag(relu′(h1))", last().jacobian());
  }

  @Test
  void aBadPickSaysWhyAndKeepsTheOptions() {
    c.addListener(views::add);
    c.setWidth(256);
    c.programChanged(RELU);
    c.setStart("h3");
    c.setEnd("x");
    assertTrue(last().error().contains("does not depend on"), last().error());
    assertEquals("not computed", last().status());
    assertNull(last().plot());
  }

  @Test
  void logScaleRedrawsWithoutRecomputing() {
    c.addListener(views::add);
    c.setWidth(256);
    c.programChanged(RELU);
    int before = views.size();
    c.setLogScale(true);
    assertEquals(before + 1, views.size(), "one new view, no 'computing' view");
    SpectrumController.Plot p = last().plot();
    assertTrue(p.logY());
    assertTrue(p.yMax() < 1 && p.yMin() < p.yMax(), p.yMin() + " " + p.yMax());
  }

  @Test
  void orthogonalWeightsHaveNoProgramMoments() {
    c.addListener(views::add);
    c.setWidth(256);
    c.setOrthogonal(true);
    c.programChanged(RELU);
    assertEquals("—", last().moments().get(0).program());
    assertTrue(last().notes().get(0).contains("not computed"), last().notes().toString());
  }

  @Test
  void editsThatRemoveThePickedEndFallBackToTheDefault() {
    c.addListener(views::add);
    c.setWidth(256);
    c.programChanged(RELU);
    c.setEnd("h2");
    Program shorter = TpParser.parse("input x : G(n) ~ N(0, 1)\ninput W1 : A(n, n) ~ N(0, 1/n)\n"
        + "h1 := W1 x\noutput h1\n");
    c.programChanged(shorter);
    assertEquals("h1", last().to());
    assertEquals("J = ∂h1/∂x = W1", last().jacobian());
  }
}
