package org.tpe.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarOp;
import org.tpe.render.scene.SceneBuilder;
import org.tpe.render.style.Style;
import org.tpe.samples.Samples;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The SVG of every sample is well-formed XML and shows the paper's notation one for one: a dashed
 * path per MatMul, a gate per Nonlin, a bar-gate and a square per Moment, a circle per vector, and
 * every variable's and matrix's name as text.
 */
class SvgStructureTest {
  static Stream<Samples.Sample> samples() {
    return Samples.all().stream();
  }

  private static List<Element> byClass(Document d, String tag, String cls) {
    NodeList nl = d.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nl.getLength(); i++) {
      Element e = (Element) nl.item(i);
      if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
        out.add(e);
      }
    }
    return out;
  }

  private static long count(Program p, Class<? extends Instruction> c) {
    return p.instructions().stream().filter(c::isInstance).count();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void svgShowsEveryInstructionInTheNotation(Samples.Sample sample) throws Exception {
    Program p = sample.program();
    String svg = SvgWriter.svg(SceneBuilder.build(p, Style.DEFAULT));
    Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

    List<Element> matmuls = byClass(d, "path", "matmul-edge");
    assertEquals(count(p, MatMul.class), matmuls.size(), "one dashed path per MatMul");
    for (Element m : matmuls) {
      assertTrue(m.hasAttribute("stroke-dasharray"), "MatMul edges are dashed");
    }
    long dashed = 0;
    NodeList paths = d.getElementsByTagName("path");
    for (int i = 0; i < paths.getLength(); i++) {
      dashed += ((Element) paths.item(i)).hasAttribute("stroke-dasharray") ? 1 : 0;
    }
    assertEquals(matmuls.size(), dashed, "nothing but MatMuls is dashed");
    assertEquals(count(p, Nonlin.class), byClass(d, "path", "gate").size(), "a gate per Nonlin");
    assertEquals(count(p, ScalarOp.class), byClass(d, "path", "scalar-gate").size());
    assertEquals(count(p, Moment.class), byClass(d, "path", "bar-gate").size(),
        "a bar-gate per Moment");
    assertEquals(p.scalars().size(), byClass(d, "rect", "square").size(), "a square per scalar");
    assertEquals(p.vectors().size(), byClass(d, "circle", "circle").size(), "a circle per vector");
    assertEquals(p.outputs().size(), byClass(d, "circle", "output-ring").size()
        + byClass(d, "rect", "output-ring").size(), "outputs have a double outline");

    String text = d.getDocumentElement().getTextContent();
    for (String v : p.vectors()) {
      assertTrue(text.contains(v.replaceAll("\\d+|'", "")), "label of " + v);
    }
    for (Instruction ins : p.instructions()) {
      if (ins instanceof MatMul mm) {
        assertTrue(text.contains(mm.matrix().replaceAll("\\d+", "")), "matrix label " + mm);
      }
    }
    boolean transposes = p.instructions().stream()
        .anyMatch(i -> i instanceof MatMul mm && mm.transposed());
    assertEquals(transposes, svg.contains("class=\"sup\">") && text.contains("⊤"),
        "a transpose is W with a ⊤ superscript");
  }

  @org.junit.jupiter.api.Test
  void superscriptsAreTspansRaisedAboveTheBaseline() throws Exception {
    Program p = Samples.get("wwt-v").program();
    String svg = SvgWriter.svg(SceneBuilder.build(p, Style.DEFAULT));
    // W^T v: the label is W then a raised, smaller ⊤
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "<tspan x=\"[^\"]+\" y=\"([^\"]+)\" font-size=\"12\" font-style=\"italic\">W</tspan>"
            + "<tspan x=\"[^\"]+\" y=\"([^\"]+)\" font-size=\"([^\"]+)\" class=\"sup\">⊤</tspan>")
        .matcher(svg);
    assertTrue(m.find(), svg);
    assertTrue(Double.parseDouble(m.group(2)) < Double.parseDouble(m.group(1)), "raised");
    assertTrue(Double.parseDouble(m.group(3)) < 12, "smaller");
  }
}
