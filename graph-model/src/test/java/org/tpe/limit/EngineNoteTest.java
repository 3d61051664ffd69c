package org.tpe.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;

/**
 * The note that says which engine ran and why: "as asked" only when the user named the engine;
 * a caller that chose it for the user (a training limit's automatic choice) gives its reason
 * through {@link LimitOptions#withEngineChosen}, and the note says "chosen: REASON" instead.
 */
class EngineNoteTest {
  private static final Program PROGRAM = TpParser.parse(
      "input u : G(n)\nx := relu(u)\noutput x\n");

  private static List<String> notes(LimitOptions o) {
    return Limits.compute(PROGRAM, o.withHistogramBins(0).withSamples(256).withBatches(8))
        .notes();
  }

  private static String engineNote(List<String> notes, String engine) {
    return notes.stream().filter(n -> n.startsWith(engine)).findFirst()
        .orElseThrow(() -> new AssertionError("no note of " + engine + ": " + notes));
  }

  @Test
  void anEngineNamedByTheUserIsAsAsked() {
    for (LimitOptions.Engine e : List.of(LimitOptions.Engine.EXACT, LimitOptions.Engine.PARTICLE,
        LimitOptions.Engine.QUASI)) {
      String label = e == LimitOptions.Engine.EXACT ? "exact engine"
          : e == LimitOptions.Engine.QUASI ? "quasi-random particles" : "particle engine";
      String note = engineNote(notes(LimitOptions.defaults().withEngine(e)), label);
      assertTrue(note.startsWith(label + ", as asked; "), note);
    }
  }

  @Test
  void anEngineChosenForTheUserSaysWhyAndNeverAsAsked() {
    List<String> notes = notes(LimitOptions.defaults()
        .withEngineChosen(LimitOptions.Engine.QUASI, "the test's reason"));
    String note = engineNote(notes, "quasi-random particles");
    assertTrue(note.startsWith("quasi-random particles chosen: the test's reason; "), note);
    assertTrue(notes.stream().noneMatch(n -> n.contains("as asked")), String.valueOf(notes));
    // naming the engine afterwards forgets the reason
    LimitOptions named = LimitOptions.defaults()
        .withEngineChosen(LimitOptions.Engine.EXACT, "x").withEngine(LimitOptions.Engine.EXACT);
    assertEquals(null, named.engineReason());
  }

  @Test
  void aReasonNeedsANamedEngineAndWords() {
    assertThrows(IllegalArgumentException.class, () -> LimitOptions.defaults()
        .withEngineChosen(LimitOptions.Engine.AUTO, "why"));
    assertThrows(IllegalArgumentException.class, () -> LimitOptions.defaults()
        .withEngineChosen(LimitOptions.Engine.QUASI, " "));
    assertThrows(NullPointerException.class, () -> LimitOptions.defaults()
        .withEngineChosen(LimitOptions.Engine.QUASI, null));
  }
}
