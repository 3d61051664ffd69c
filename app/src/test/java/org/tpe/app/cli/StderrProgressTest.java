package org.tpe.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StderrProgressTest {
  @Test
  void quietForTwoSecondsThenALineAtMostEveryTwoSeconds() {
    long[] now = {1_000};
    StringWriter w = new StringWriter();
    StderrProgress p = new StderrProgress(new PrintWriter(w), "simulate", () -> now[0]);
    p.progress(0.1, "width 64: h1");
    now[0] += 1_999_999_999L;
    p.progress(0.2, "width 64: h2");
    assertEquals("", w.toString(), "a quick command prints nothing");
    now[0] += 1;
    p.progress(0.3, "width 64: h3");
    now[0] += 1_000_000_000L;
    p.progress(0.4, "width 64: h4");
    now[0] += 1_000_000_000L;
    p.progress(1.5, "");
    assertEquals("tpe simulate: 30% (width 64: h3)\ntpe simulate: 100%\n",
        w.toString().replace(System.lineSeparator(), "\n"));
  }
}
