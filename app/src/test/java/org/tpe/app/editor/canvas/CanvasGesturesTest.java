package org.tpe.app.editor.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tpe.app.editor.model.Commands;
import org.tpe.app.editor.model.ConnectTool;
import org.tpe.format.TpParser;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.scene.Highlight;

/**
 * The canvas's gestures without a stage: screen points in, commands out, hit-testing through the
 * renderer's scene. The view is the identity (scale 1) unless a test pans or zooms, so screen and
 * model points coincide.
 */
class CanvasGesturesTest {
  private static final String LONG = "averyveryverylongname";
  private Program program = TpParser.parse("input " + LONG + " : G(n)\ninput W : A(n, n)\n"
      + "x := relu(" + LONG + ")\nh := W x\n");
  private Set<String> reserved = Set.of();
  private final GeometryWorker worker = new GeometryWorker(g -> { });
  private DiagramGeometry geometry = build();
  private final CanvasGestures gestures = new CanvasGestures(new CanvasGestures.Source() {
    @Override
    public Program program() {
      return program;
    }

    @Override
    public DiagramGeometry geometry() {
      return geometry;
    }

    @Override
    public Set<String> reservedNames() {
      return reserved;
    }
  });

  private DiagramGeometry build() {
    return worker.build(new GeometryWorker.Request(1, program, Highlight.NONE));
  }

  @AfterEach
  void close() {
    worker.close();
  }

  private Box box(String name) {
    return geometry.box(name);
  }

  @Test
  void aPressInsideALargeCircleHitsItWhereAFixedRadiusWouldMiss() {
    Box b = box(LONG);
    double r = b.w() / 2;
    assertTrue(r > 40, "a long name makes a large circle: r = " + r);
    gestures.press(b.cx() + r - 2, b.cy(), CanvasGestures.Button.PRIMARY, false);
    gestures.release(b.cx() + r - 2, b.cy(), false);
    assertEquals(Set.of(LONG), gestures.selection());
    // just outside the outline (beyond the click tolerance) is empty space
    double out = r + DiagramGeometry.TOLERANCE_PX + 2;
    gestures.press(b.cx() + out / Math.sqrt(2), b.cy() + out / Math.sqrt(2),
        CanvasGestures.Button.PRIMARY, false);
    assertEquals(Set.of(), gestures.selection());
  }

  @Test
  void draggingASelectedNodeMakesOneMoveOnRelease() {
    Box b = box("x");
    assertNull(gestures.press(b.cx(), b.cy(), CanvasGestures.Button.PRIMARY, false));
    assertEquals(Set.of("x"), gestures.selection());
    assertNull(gestures.drag(b.cx() + 10, b.cy() + 5));
    assertEquals(Map.of("x", new Point(b.cx() + 10, b.cy() + 5)), gestures.ghosts());
    // the node goes where the mouse is released, even when no drag event reported the last step
    CanvasGestures.Feedback f = gestures.release(b.cx() + 30, b.cy() + 20, false);
    assertEquals(new Commands.Move(Map.of("x", new Point(b.cx() + 30, b.cy() + 20))), f.command());
    assertEquals(List.of("x"), f.selectIfApplied());
    // the ghost stays where the node was dropped until the moved node is drawn there
    assertEquals(1, gestures.ghosts().size());
    gestures.clearGhosts();
    assertEquals(Map.of(), gestures.ghosts());
  }

  @Test
  void aPressThatDoesNotTravelIsAClickNotAMove() {
    Box b = box("x");
    gestures.press(b.cx(), b.cy(), CanvasGestures.Button.PRIMARY, false);
    assertNull(gestures.release(b.cx() + 1, b.cy(), false));
    assertEquals(Set.of("x"), gestures.selection());
  }

  @Test
  void aConnectDragSaysWhyNotBeforeReleaseAndConnectsOnRelease() {
    gestures.setTool(Tool.MATMUL);
    Box x = box("x");
    Box l = box(LONG);
    gestures.press(x.cx(), x.cy(), CanvasGestures.Button.PRIMARY, false);
    CanvasGestures.Feedback onVector = gestures.drag(l.cx(), l.cy());
    assertTrue(onVector.error());
    assertTrue(onVector.status().startsWith("a MatMul needs a matrix"), onVector.status());
    assertNotNull(gestures.connectLine());
    Box w = box("W");
    CanvasGestures.Feedback onMatrix = gestures.drag(w.cx(), w.cy());
    assertEquals("MatMul from x to W", onMatrix.status());
    CanvasGestures.Feedback f = gestures.release(w.cx(), w.cy(), false);
    Commands.Connect c = assertInstanceOf(Commands.Connect.class, f.command());
    assertEquals(ConnectTool.MATMUL, c.tool());
    assertEquals("x", c.source());
    assertEquals("W", c.target());
    assertEquals("h1", c.newName());
    // one column right of the vector it multiplies
    assertEquals(new Point(x.cx() + CanvasGestures.COLUMN, x.cy()), c.at());
    assertNull(gestures.connectLine());
  }

  @Test
  void anAddToolAddsWhereClickedWithAFreshNameAndGoesBackToSelect() {
    reserved = Set.of("u1");
    gestures.setTool(Tool.VECTOR);
    CanvasGestures.Feedback f = gestures.press(-300, -300, CanvasGestures.Button.PRIMARY, false);
    Commands.AddInput add = assertInstanceOf(Commands.AddInput.class, f.command());
    // u1 is defined by a line of the text that does not parse yet
    assertEquals("u2", add.input().target());
    assertEquals(new Point(-300, -300), add.at());
    assertEquals(List.of("u2"), f.selectIfApplied());
    assertEquals(Tool.SELECT, gestures.tool());
  }

  @Test
  void aRubberBandSelectsTheNodesWhoseCentreItEncloses() {
    Box x = box("x");
    Box h = box("h");
    gestures.press(Math.min(x.x(), h.x()) - 5, Math.min(x.y(), h.y()) - 5,
        CanvasGestures.Button.PRIMARY, false);
    gestures.drag(Math.max(x.x() + x.w(), h.x() + h.w()) + 5, Math.max(x.y() + x.h(),
        h.y() + h.h()) + 5);
    assertNotNull(gestures.rubberBand());
    gestures.release(Math.max(x.x() + x.w(), h.x() + h.w()) + 5, Math.max(x.y() + x.h(),
        h.y() + h.h()) + 5, false);
    assertTrue(gestures.selection().containsAll(Set.of("x", "h")), gestures.selection().toString());
    assertNull(gestures.rubberBand());
  }

  @Test
  void aSecondaryDragPansAndHitTestingFollowsTheView() {
    gestures.press(0, 0, CanvasGestures.Button.SECONDARY, false);
    gestures.drag(100, 50);
    gestures.release(100, 50, false);
    assertEquals(new Viewport(1, 100, 50), gestures.viewport());
    gestures.zoomAbout(2, 100, 50);
    Box b = box("x");
    double[] s = gestures.viewport().toScreen(new Point(b.cx(), b.cy()));
    gestures.press(s[0], s[1], CanvasGestures.Button.PRIMARY, false);
    assertEquals(Set.of("x"), gestures.selection());
  }

  @Test
  void theGeometryOfAMoveOrANewVarianceReusesTheAutomaticLayout() {
    long before = worker.automaticLayouts();
    program = program.withPosition("x", new Point(500, 500));
    DiagramGeometry moved = build();
    assertEquals(new Point(500, 500), moved.centre("x"));
    program = new Commands.SetDistribution(LONG, 0, 3).apply(program);
    build();
    assertEquals(before, worker.automaticLayouts());
    program = new Commands.Connect(ConnectTool.NONLIN, "h", null, "y", new Point(0, 0))
        .apply(program);
    build();
    assertEquals(before + 1, worker.automaticLayouts());
  }

  @Test
  void aDraggedNodeIsDrawnUnderThePointerAtEveryStepWithItsEdgesFollowing() {
    DiagramGeometry built = geometry;
    Box b = box("x");
    gestures.press(b.cx(), b.cy(), CanvasGestures.Button.PRIMARY, false);
    for (int i = 1; i <= 4; i++) {
      gestures.drag(b.cx() + 25 * i, b.cy() + 10 * i);
      // what the canvas draws: the geometry built, with the dragged nodes moved in it
      geometry = built.moved(gestures.ghosts());
      assertEquals(new Point(b.cx() + 25 * i, b.cy() + 10 * i), geometry.centre("x"),
          "step " + i + ": the travel since the press, not since the last drawn step");
      assertEquals("x", geometry.hit(b.cx() + 25 * i, b.cy() + 10 * i, 0), "hit where drawn");
    }
    // the edge into x's gate now starts on the argument's outline and ends at the moved gate
    org.tpe.render.scene.Element arg = geometry.scene().elements().stream()
        .filter(e -> e.id().name().equals("a:x:" + LONG)).findFirst().orElseThrow();
    Box gate = geometry.scene().elements().stream().filter(e -> e.id().type()
        == org.tpe.render.scene.ElementId.Type.INSTRUCTION && e.id().name().equals("x"))
        .findFirst().orElseThrow().bounds();
    org.tpe.render.layout.Layout.Pt end = arg.route().get(arg.route().size() - 1);
    assertTrue(end.x() >= gate.x() - 1e-9 && end.x() <= gate.x() + gate.w() + 1e-9
        && end.y() >= gate.y() - 1e-9 && end.y() <= gate.y() + gate.h() + 1e-9,
        "the edge ends on the moved gate " + gate + ": " + end);
    assertEquals(built.centre(LONG), geometry.centre(LONG), "the other nodes stay");
    CanvasGestures.Feedback f = gestures.release(b.cx() + 100, b.cy() + 40, false);
    assertEquals(new Commands.Move(Map.of("x", new Point(b.cx() + 100, b.cy() + 40))),
        f.command());
    // until the moved program's layout arrives, the dropped node stays drawn where it was dropped
    assertEquals(new Point(b.cx() + 100, b.cy() + 40), built.moved(gestures.ghosts())
        .centre("x"));
  }

  @Test
  void aDraggedMatrixTileMovesWithThePointer() {
    DiagramGeometry built = geometry;
    Box w = box("W");
    gestures.press(w.cx(), w.cy(), CanvasGestures.Button.PRIMARY, false);
    gestures.drag(w.cx() - 40, w.cy() - 30);
    geometry = built.moved(gestures.ghosts());
    assertEquals(new Point(w.cx() - 40, w.cy() - 30), geometry.centre("W"));
    assertEquals("W", geometry.hit(w.cx() - 40, w.cy() - 30, 0));
  }

  @Test
  void aVarianceEditReusesThePlacedLayoutAndSceneWhichAFreshBuildAgreesWith() {
    program = program.withPosition("x", new Point(400, 300)); // a pinned node: edges are routed
    DiagramGeometry first = build();
    program = new Commands.SetDistribution(LONG, 0, 3).apply(program);
    DiagramGeometry second = build();
    assertTrue(first.scene() == second.scene(), "the same graph and positions: nothing rebuilt");
    try (GeometryWorker fresh = new GeometryWorker(g -> { })) {
      DiagramGeometry ref = fresh.build(new GeometryWorker.Request(2, program, Highlight.NONE));
      assertEquals(ref.scene(), second.scene());
      assertEquals(ref.tiles(), second.tiles());
    }
    Highlight hl = new Highlight(Set.of("x"), Set.of());
    DiagramGeometry lit = worker.build(new GeometryWorker.Request(3, program, hl));
    assertTrue(lit.scene() != second.scene(), "a new highlight draws a new scene");
    assertTrue(lit.scene().variable("x").orElseThrow().highlighted());
  }

  @Test
  void aMatrixTileSitsOverItsFirstMatMulAndIsHitAsTheMatrix() {
    Box w = box("W");
    Box x = box("x");
    Box h = box("h");
    // the renderer's tile: above the dashed x → h arrow, between the two circles
    assertTrue(w.cx() > x.x() + x.w() && w.cx() < h.x(), "the tile is over the arrow: " + w);
    assertTrue(w.y() + w.h() < x.cy(), "the tile is above the arrow: " + w);
    assertEquals("W", geometry.hit(w.cx(), w.cy(), 0));
  }
}
