package org.tpe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A source map made by {@link SourceMap#owning} of a caller's lists is the one the constructor
 * makes of them: equal, with the same hash and the same positions.
 */
class SourceMapTest {
  @Test
  void owningIsTheConstructorsMap() {
    List<SourcePos> inputs = new ArrayList<>(List.of(new SourcePos(1, 7), new SourcePos(2, 7)));
    List<SourcePos> instructions = new ArrayList<>(List.of(new SourcePos(4, 1)));
    List<SourcePos> covs = new ArrayList<>(List.of(new SourcePos(3, 1)));
    List<SourcePos> outputs = new ArrayList<>(List.of(new SourcePos(5, 8)));
    List<Map<String, SourcePos>> covRefs = new ArrayList<>(List.of(
        Map.of("u", new SourcePos(3, 5), "v", new SourcePos(3, 8))));
    List<Map<String, SourcePos>> insRefs = new ArrayList<>(List.of(
        Map.of("u", new SourcePos(4, 11))));
    SourcePos title = new SourcePos(6, 1);
    SourceMap made = new SourceMap(inputs, instructions, covs, outputs, covRefs, insRefs, title);
    SourceMap owned = SourceMap.owning(inputs, instructions, covs, outputs, covRefs, insRefs,
        title);
    assertEquals(made, owned);
    assertEquals(made.hashCode(), owned.hashCode());
    assertEquals(new SourcePos(3, 8), owned.covarianceReference(0, "v"));
    assertEquals(new SourcePos(4, 11), owned.reference(0, "u"));
    assertEquals(new SourcePos(2, 7), owned.input(1));
    assertEquals(null, owned.input(2));
    assertEquals(new SourcePos(3, 1), owned.covarianceReference(0, "w"), "the statement");
    assertEquals(title, owned.title());
  }
}
