package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tpe --help} lists every command with a whole sentence (picocli shows one line of a
 * command's description there, which cut several in the middle), and each command's own help
 * says that sentence too.
 */
class HelpTextTest {
  /** The command list of {@code tpe --help}: name → summary, wrapped lines joined. */
  static Map<String, String> summaries(String help) {
    Map<String, String> out = new LinkedHashMap<>();
    String current = null;
    boolean inCommands = false;
    for (String line : help.split("\n")) {
      if (line.startsWith("Commands:")) {
        inCommands = true;
        continue;
      }
      if (!inCommands || line.isBlank()) {
        continue;
      }
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        String t = line.trim();
        int sp = t.indexOf(' ');
        current = sp < 0 ? t : t.substring(0, sp);
        out.put(current, sp < 0 ? "" : t.substring(sp).trim());
      } else if (current != null) {
        out.put(current, out.get(current) + " " + line.trim());
      }
    }
    return out;
  }

  @Test
  void everyCommandIsSummedUpInAWholeSentence() {
    CliTestSupport.Run r = CliTestSupport.tpe("--help");
    assertEquals(0, r.code(), r.err());
    Map<String, String> s = summaries(r.out());
    List<String> commands = new java.util.ArrayList<>(TpeCommand.SUBCOMMANDS.keySet());
    commands.add("help");
    assertEquals(commands, List.copyOf(s.keySet()), "every command is listed:\n" + r.out());
    s.forEach((name, text) -> {
      assertTrue(text.endsWith("."), name + ": '" + text + "' stops mid-sentence");
      assertTrue(text.length() >= 20, name + ": '" + text + "' says too little");
      long open = text.chars().filter(c -> c == '(').count();
      long close = text.chars().filter(c -> c == ')').count();
      assertEquals(open, close, name + ": unbalanced parentheses in '" + text + "'");
    });
    for (String name : s.keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CliTestSupport.Run own = CliTestSupport.tpe(name, "--help");
      assertEquals(0, own.code(), name);
      // compared without white space: picocli wraps lines at different places (even at "E[")
      String text = own.out().replaceAll("\\s+", "");
      String summary = s.get(name).replaceAll("\\s+", "");
      assertTrue(text.contains(summary), name + ": its own help does not say '" + summary
          + "':\n" + own.out());
    }
  }
}
