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
}
