package org.tpe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;

class ProgramGraphTest {
  @Test
  void edgesKnowTheirInstructionAndRole() {
    Program p = TpParser.parse("input W : A(n,n)\ninput u : G(n)\ninput θ : R = 1\n"
        + "x := relu(u) * θ\nh := W x\ns := h + u\n");
    ProgramGraph g = ProgramGraph.of(p);
    ProgramGraph.Dependency matrix = g.graph().getEdge("W", "h");
    assertEquals(ProgramGraph.Role.MATRIX, matrix.role());
    assertEquals(1, matrix.instructionIndex());
    assertEquals(ProgramGraph.Role.SCALAR_ARGUMENT, g.graph().getEdge("θ", "x").role());
    assertEquals(ProgramGraph.Role.LINCOMB_ARGUMENT, g.graph().getEdge("u", "s").role());
    assertEquals(Set.of("W", "x", "u", "θ"), g.ancestors("h"));
    assertEquals(Set.of("x", "h", "s"), g.descendants("u"));
  }

  /**
   * Tarjan's components against the definition: two variables are on a common cycle when each
   * reaches the other (checked with the breadth-first {@code descendants}); one is on a cycle
   * alone when it reads itself. Random graphs of 2–12 Nonlins reading random names.
   */
  @Test
  void cycleComponentsAreTheVariablesThatReachEachOther() {
    java.util.Random r = new java.util.Random(3);
    for (int trial = 0; trial < 400; trial++) {
      int n = 2 + r.nextInt(11);
      StringBuilder sb = new StringBuilder("input u : G(n)\n");
      for (int i = 0; i < n; i++) {
        sb.append("x").append(i).append(" := relu(").append(r.nextInt(4) == 0 ? "u"
            : "x" + r.nextInt(n)).append(") + x").append(r.nextInt(n)).append('\n');
      }
      Program p = TpParser.parse(sb.toString());
      ProgramGraph g = ProgramGraph.of(p);
      java.util.Map<String, Integer> c = g.cycleComponents();
      for (int i = 0; i < n; i++) {
        String a = "x" + i;
        Set<String> down = g.descendants(a); // never contains a itself
        boolean onCycle = g.graph().outgoingEdgesOf(a).stream().anyMatch(d ->
            d.target().equals(a) || g.descendants(d.target()).contains(a));
        assertEquals(onCycle, c.containsKey(a), a + "\n" + sb);
        for (int j = 0; j < n; j++) {
          String b = "x" + j;
          boolean together = i == j ? onCycle : down.contains(b) && g.descendants(b).contains(a);
          assertEquals(together, c.containsKey(a) && c.get(a).equals(c.get(b)),
              a + " " + b + "\n" + sb);
        }
      }
    }
  }

  @Test
  void aCycleOfFiftyThousandIsOneComponentOnASmallStack() throws InterruptedException {
    StringBuilder sb = new StringBuilder();
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      sb.append("x").append(i).append(" := relu(x").append((i + 1) % n).append(")\n");
    }
    Program p = TpParser.parse(sb.toString());
    java.util.Map<String, Integer>[] out = new java.util.Map[1];
    Thread t = new Thread(null, () -> out[0] = ProgramGraph.of(p).cycleComponents(), "small",
        256 * 1024);
    t.start();
    t.join();
    assertEquals(n, out[0].size());
    assertEquals(1, Set.copyOf(out[0].values()).size());
  }
}
