package org.tpe.render.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.Program;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.SceneBuilder;
import org.tpe.render.style.Style;

/**
 * The editor draws whatever the user has typed so far: empty programs, programs of matrices only,
 * cycles, self-references and undefined names export without an exception in every format.
 */
class DegenerateProgramsTest {
  @Test
  void degenerateProgramsStillDraw() {
    List<String> programs = List.of(
        "",
        "input W : A(n, n)\n",
        "input u : G(n)\n",
        "input W : A(n, n)\nh := W h\noutput h\n",
        "input W : A(n, n)\nx := relu(y)\ny := W x\noutput y\n",
        "input u : G(n)\nx := relu(u) * zz\ny := avg(x)\noutput y, nope\n",
        "input θ : R = 1\nκ := θ * θ\noutput κ\n",
        // positions millions of units apart, and every node dropped on one spot
        "input W : A(n, n)\ninput u : G(n) @at(1000000, -5000)\nx := relu(u) @at(-300000, 20)\n"
            + "h := W x @at(5, 9000000)\noutput h\n",
        "input W : A(n, n)\ninput u : G(n) @at(0, 0)\nx := relu(u) @at(0, 0)\nh := W x @at(0, 0)\n"
            + "k := h + 2*x @at(0, 0)\noutput k\n");
    for (String text : programs) {
      Program p = TpParser.parse(text);
      for (Style st : Style.all()) {
        Scene s = SceneBuilder.build(p, st);
        assertTrue(s.bounds().w() > 0 && s.bounds().h() > 0, text);
        for (Format f : Format.values()) {
          // PNG refuses an image larger than 16000 pixels a side, with a message
          double scale = f == Format.PNG ? Math.min(1, 4000 / Math.max(s.bounds().w(),
              s.bounds().h())) : 1;
          assertTrue(Exporter.export(s, f, scale, p.title()).length > 0, text + " " + f);
        }
      }
    }
  }
}
