package org.tpe.app.editor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

class CommandsTest {
  private static final Point P = new Point(10, 20);

  private static Program mlp() {
    return TpParser.parse("""
        input u : G(n) ~ N(0, 1)
        input W : A(n, n) ~ N(0, 2/n)
        x := relu(u)
        h := W x
        y := tanh(h)
        output y
        """);
  }

  /** Printing then parsing an edited program gives it back: the editor and the parser agree. */
  private static void assertRoundTrips(Program p) {
    assertEquals(p, TpParser.parse(TpPrinter.print(p)));
  }

  @Test
  void matMulByDraggingVectorOntoMatrix() {
    Program p = new Commands.Connect(ConnectTool.MATMUL, "y", "W", "h2", P).apply(mlp());
    assertEquals(new MatMul("h2", "W", false, "y"), p.definition("h2"));
    assertEquals(P, p.layout().get("h2"));
    assertRoundTrips(p);
  }

  @Test
  void matMulBetweenTwoVectorsIsRefusedWithAReason() {
    EditRefused e = assertThrows(EditRefused.class,
        () -> new Commands.Connect(ConnectTool.MATMUL, "x", "y", "h2", P).apply(mlp()));
    assertTrue(e.reason().startsWith("a MatMul needs a matrix"), e.reason());
    assertEquals(e.reason(), Commands.whyNot(mlp(), ConnectTool.MATMUL, "x", "y"));
    assertNull(Commands.whyNot(mlp(), ConnectTool.MATMUL, "W", "y"));
  }

  @Test
  void nonlinFromGVarIsReluAndFromXVarIsIdentity() {
    Program p = new Commands.Connect(ConnectTool.NONLIN, "h", null, "z", P).apply(mlp());
    assertEquals(TpParser.parseExpression("relu(h)"), ((Nonlin) p.definition("z")).phi());
    Program q = new Commands.Connect(ConnectTool.NONLIN, "y", null, "z", P).apply(mlp());
    assertEquals(TpParser.parseExpression("id(y)"), ((Nonlin) q.definition("z")).phi());
    assertRoundTrips(p);
  }

  @Test
  void connectingIntoAnUpstreamNodeWouldCreateACycle() {
    String why = Commands.whyNot(mlp(), ConnectTool.NONLIN, "y", "x");
    assertEquals("would create a cycle: x already feeds y", why);
  }

  @Test
  void addingALaterArgumentReordersTheInstructions() {
    Program p = TpParser.parse("""
        input u : G(n)
        input W : A(n, n)
        a := relu(u)
        h := W u
        """);
    Program q = new Commands.Connect(ConnectTool.NONLIN, "h", "a", null, P).apply(p);
    assertEquals(List.of("h", "a"), q.instructions().stream().map(i -> i.target()).toList());
    assertEquals(TpParser.parseExpression("relu(u) + h"), ((Nonlin) q.definition("a")).phi());
    assertRoundTrips(q);
  }

  @Test
  void momentIsAScalarSecondMoment() {
    Program p = new Commands.Connect(ConnectTool.MOMENT, "y", null, "m", P).apply(mlp());
    assertEquals(new Moment("m", TpParser.parseExpression("y * y")), p.definition("m"));
    assertEquals(VarKind.SCALAR, p.kindOf("m"));
    assertThrows(EditRefused.class,
        () -> new Commands.Connect(ConnectTool.MOMENT, "W", null, "m", P).apply(mlp()));
  }

  @Test
  void deleteRemovesEverythingComputedFromTheNode() {
    Program p = new Commands.Delete(Set.of("W")).apply(mlp());
    assertEquals(List.of("u", "x"), p.statements().stream().map(s -> s.target()).toList());
    assertTrue(p.outputs().isEmpty());
  }

  @Test
  void renameReachesEveryReference() {
    Program p = new Commands.Rename("h", "g").apply(mlp().withPosition("h", P));
    assertEquals(new MatMul("g", "W", false, "x"), p.definition("g"));
    assertEquals(TpParser.parseExpression("tanh(g)"), ((Nonlin) p.definition("y")).phi());
    assertEquals(P, p.layout().get("g"));
    assertFalse(p.isDefined("h"));
    assertThrows(EditRefused.class, () -> new Commands.Rename("h", "x").apply(mlp()));
    assertThrows(EditRefused.class, () -> new Commands.Rename("h", "relu").apply(mlp()));
  }

  @Test
  void linearExpressionIsClassifiedAsLinComb() {
    Program p = new Commands.SetExpression("y", "h + 2*u").apply(mlp());
    assertInstanceOf(LinComb.class, p.definition("y"));
    assertEquals(VarKind.G, p.kindOf("y"));
    EditRefused e = assertThrows(EditRefused.class,
        () -> new Commands.SetExpression("y", "relu(h").apply(mlp()));
    assertTrue(e.reason().startsWith("column "), e.reason());
  }

  @Test
  void distributionAndCovarianceOfInitialVectors() {
    Program p = mlp().toBuilder().input(VectorInput.of("v")).build();
    p = new Commands.SetDistribution("u", 0.5, 2).apply(p);
    assertEquals(new VectorInput("u", 0.5, 2), p.definition("u"));
    p = new Commands.SetCovariance("u", "v", 0.3).apply(p);
    assertEquals(0.3, p.initialCovariance("u", "v"));
    p = new Commands.SetCovariance("u", "v", 0).apply(p);
    assertTrue(p.covariances().isEmpty());
    assertThrows(EditRefused.class, () -> new Commands.SetDistribution("W", 0, -1).apply(mlp()));
  }

  @Test
  void aVariableNamedTmpDoesNotBlockConnections() {
    Program p = TpParser.parse("input u : G(n)\ninput tmp_ : G(n)\n");
    assertNull(Commands.whyNot(p, ConnectTool.NONLIN, "u", null));
    Program q = new Commands.Connect(ConnectTool.NONLIN, "u", null, "x", P).apply(p);
    assertTrue(q.isDefined("x"));
  }
}
