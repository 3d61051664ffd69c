package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TpeCommandTest {
  @Test
  void debugIsOffUnlessTpeDebugHasAValueThatMeansOn() {
    for (String off : new String[] {null, "", " ", "0", "false", "No", "OFF"}) {
      assertFalse(TpeCommand.debug(off), "TPE_DEBUG=" + off);
    }
    for (String on : new String[] {"1", "yes", "true", "on", "trace"}) {
      assertTrue(TpeCommand.debug(on), "TPE_DEBUG=" + on);
    }
  }
}
