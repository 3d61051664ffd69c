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

  @Test
  void eachSubcommandIsListedUnderItsOwnName() {
    TpeCommand.SUBCOMMANDS.forEach((name, c) -> assertTrue(
        name.equals(c.getAnnotation(picocli.CommandLine.Command.class).name()), name));
  }

  @Test
  void helpListsEveryCommandAndAnUnknownOneIsAUsageError() {
    CliTestSupport.Run h = CliTestSupport.tpe("--help");
    for (String name : TpeCommand.SUBCOMMANDS.keySet()) {
      assertTrue(h.out().contains("  " + name + " "), name + " in\n" + h.out());
    }
    CliTestSupport.Run u = CliTestSupport.tpe("frobnicate");
    org.junit.jupiter.api.Assertions.assertEquals(TpeCommand.USAGE, u.code());
    CliTestSupport.Run v = CliTestSupport.tpe("help", "validate");
    org.junit.jupiter.api.Assertions.assertEquals(0, v.code());
    assertTrue(v.out().contains("Usage: tpe validate"), v.out());
  }
}
