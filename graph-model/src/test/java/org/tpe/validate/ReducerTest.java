package org.tpe.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.model.Nonlin;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.VarKind;

class ReducerTest {
  private static Program parse(String text) {
    return TpParser.parse(text);
  }

  @Test
  void wwtInsertsOneIdentityPerGVarFeedingAMatMul() {
    Program p = parse("input W : A(n, n)\ninput v : G(n)\ng := W^T v\ny := W g\noutput y\n");
    assertFalse(Reducer.isReduced(p));
    Program r = Reducer.reduce(p);
    assertEquals("input W : A(n, n) ~ N(0, 1/n)\ninput v : G(n) ~ N(0, 1)\n"
        + "v_id := id(v)\ng := W^T v_id\ng_id := id(g)\ny := W g_id\noutput y\n",
        TpPrinter.print(r));
    assertTrue(Reducer.isReduced(r));
  }

  @Test
  void identityIsSharedByEveryMatMulOfTheSameGVar() {
    Program r = Reducer.reduce(parse("input W : A(n, n)\ninput U : A(n, n)\ninput v : G(n)\n"
        + "a := W v\nb := U v\noutput a, b\n"));
    assertEquals("v_id := id(v)\na := W v_id\nb := U v_id\n", instructions(r));
  }

  @Test
  void consecutiveNonlinsCollapseAndTheUnusedInnerXVarIsDropped() {
    Program p = parse("input W : A(n, n)\ninput h : G(n)\nx := relu(h)\nz := tanh(x) + h\n"
        + "y := W z\noutput y\n");
    Program r = Reducer.reduce(p);
    assertEquals("z := tanh(relu(h)) + h\ny := W z\n", instructions(r));
    assertNull(r.definition("x"));
  }

  @Test
  void collapsedXVarStillReadByAMatMulOrOutputIsKept() {
    Program r = Reducer.reduce(parse("input W : A(n, n)\ninput h : G(n)\nx := relu(h)\n"
        + "z := tanh(x)\ny := W x\noutput z, y\n"));
    assertEquals("x := relu(h)\nz := tanh(relu(h))\ny := W x\n", instructions(r));
    Program r2 = Reducer.reduce(parse("input h : G(n)\nx := relu(h)\nz := tanh(x)\n"
        + "output x, z\n"));
    assertEquals("x := relu(h)\nz := tanh(relu(h))\n", instructions(r2));
  }

  @Test
  void chainsCollapseAllTheWayToGVarsAndScalars() {
    Program r = Reducer.reduce(parse("input h : G(n)\ninput θ : R = 2\nx1 := relu(h)\n"
        + "x2 := θ * sin(x1)\nx3 := x2 * x1\noutput x3\n"));
    assertEquals("x3 := θ*sin(relu(h))*relu(h)\n", instructions(r));
  }

  @Test
  void momentsMayKeepReadingXVars() {
    Program r = Reducer.reduce(parse("input W : A(n, n)\ninput h : G(n)\nx := relu(h)\n"
        + "m := avg(x * x)\nz := tanh(x)\ny := W z\noutput y, m\n"));
    assertEquals("x := relu(h)\nm := avg(x*x)\nz := tanh(relu(h))\ny := W z\n",
        instructions(r));
  }

  @Test
  void freshNamesAvoidCollisionsAndKeepPrimesLast() {
    assertEquals("g_id3", Reducer.freshIdentityName("g", Set.of("g", "g_id", "g_id2")));
    assertEquals("u_id'", Reducer.freshIdentityName("u'", Set.of("u'")));
    Program r = Reducer.reduce(parse("input W : A(n, n)\ninput g : G(n)\ng_id := relu(g)\n"
        + "y := W g\noutput y, g_id\n"));
    assertEquals("g_id := relu(g)\ng_id2 := id(g)\ny := W g_id2\n", instructions(r));
  }

  @Test
  void reducedProgramIsReturnedAsIs() {
    Program p = parse("input W : A(n, n)\ninput h : G(n)\nx := relu(h)\ny := W x\noutput y\n");
    assertSame(p, Reducer.reduce(p));
  }

  @Test
  void positionsOfKeptVariablesStayAndThoseOfDroppedOnesGo() {
    Program p = parse("input W : A(n, n)\ninput h : G(n) @at(0, 0)\nx := relu(h) @at(1, 0)\n"
        + "z := tanh(x) @at(2, 0)\ny := W z @at(3, 0)\noutput y\n");
    Program r = Reducer.reduce(p);
    assertEquals(Map.of("h", new Point(0, 0), "z", new Point(2, 0), "y", new Point(3, 0)),
        r.layout());
  }

  @Test
  void programWithErrorsIsRefusedWithTheFirstError() {
    ReductionException e = assertThrows(ReductionException.class,
        () -> Reducer.reduce(parse("input h : G(n)\nx := relu(nope)\noutput x\n")));
    assertTrue(e.getMessage().startsWith("cannot reduce a program with errors"), e.getMessage());
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void doublingChainIsRefusedInsteadOfBuildingAnExponentialFormula() {
    StringBuilder sb = new StringBuilder("input h : G(n)\nx0 := tanh(h)\n");
    for (int i = 1; i <= 20; i++) {
      sb.append("x").append(i).append(" := x").append(i - 1).append(" * x").append(i - 1)
          .append('\n');
    }
    sb.append("output x20\n");
    ReductionException e = assertThrows(ReductionException.class,
        () -> Reducer.reduce(parse(sb.toString())));
    // x0 = tanh(h) has 2 nodes and x_i = x_{i-1} * x_{i-1} has s_i = 2 s_{i-1} + 1 = 3·2^i − 1:
    // x15 has 98 303 nodes (allowed), x16 has 196 607 > 100 000, the first refused
    assertEquals("x16", e.subject());
    assertTrue(e.getMessage().contains("more than 100000 nodes"), e.getMessage());
  }

  /** Property over 400 seeded random programs (every instruction kind, reduced or not). */
  @Test
  void reductionIsReducedIdempotentKeepsOutputsAndComputesTheSameValues() {
    Random r = new Random(20260522);
    int changed = 0;
    for (int trial = 0; trial < 400; trial++) {
      Program p = RandomPrograms.generate(r);
      assertFalse(Validator.validate(p).hasErrors(), () -> TpPrinter.print(p));
      Program red = Reducer.reduce(p);
      String where = "\n" + TpPrinter.print(p) + "reduced to\n" + TpPrinter.print(red);
      assertTrue(Reducer.isReduced(red), where);
      assertFalse(Validator.validate(red).hasErrors(), where);
      assertEquals(red, Reducer.reduce(red), where);
      assertEquals(p.outputs(), red.outputs(), where);
      for (String o : p.outputs()) {
        assertEquals(p.kindOf(o), red.kindOf(o), where);
      }
      for (String gv : p.names(VarKind.G)) {
        assertEquals(VarKind.G, red.kindOf(gv), where);
      }
      assertEquals(red, TpParser.parse(TpPrinter.print(red)), where);
      if (!red.equals(p)) {
        changed++;
      }
      // the same random inputs give bit-for-bit the same values: collapsing and id() perform
      // exactly the floating-point operations of the original program
      int n = 3;
      Map<String, Object> in = RandomPrograms.inputs(p, n, new Random(trial));
      Map<String, Object> a = RandomPrograms.run(p, in, n);
      Map<String, Object> b = RandomPrograms.run(red, in, n);
      for (var s : p.statements()) {
        String name = s.target();
        if (!red.isDefined(name)) {
          assertTrue(p.kindOf(name) == VarKind.X && !p.outputs().contains(name), where);
          continue;
        }
        Object va = a.get(name);
        Object vb = b.get(name);
        if (va instanceof double[] da) {
          assertArrayEquals(da, (double[]) vb, name + where);
        } else if (va instanceof Double) {
          assertEquals(va, vb, name + where);
        }
      }
    }
    assertTrue(changed > 100, "the generator exercises reduction: " + changed);
  }

  private static String instructions(Program p) {
    StringBuilder sb = new StringBuilder();
    for (var ins : p.instructions()) {
      sb.append(ins.target()).append(" := ").append(TpPrinter.rhs(ins)).append('\n');
    }
    return sb.toString();
  }

  @Test
  void insertedIdentityIsANonlin() {
    Program r = Reducer.reduce(parse("input W : A(n, n)\ninput v : G(n)\ny := W v\noutput y\n"));
    assertTrue(r.definition("v_id") instanceof Nonlin);
    assertEquals(VarKind.X, r.kindOf("v_id"));
  }
}
