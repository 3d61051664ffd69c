package org.tpe.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tpe.model.Problem;
import org.tpe.model.SourcePos;

/** One way of naming a place in the text. */
class WhereTest {
  @Test
  void aPlaceIsLineAndColumnInWords() {
    assertEquals("line 10, column 16", Where.of(new SourcePos(10, 16)));
    assertEquals("line 10, column 16: expected ')'",
        Where.problem(Problem.error("expected ')'", new SourcePos(10, 16), null)));
    assertEquals("h: bad", Where.problem(Problem.error("bad", new SourcePos(1, 1), "h")));
  }
}
