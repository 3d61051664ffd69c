package org.tpe.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.format.TpSyntaxException;
import org.tpe.model.Program;

/** The network declarations in the text: every form parses, prints back, and reports errors. */
class NetworkSyntaxTest {
  static final String TEXT = """
      input e1 : G(n) ~ N(0, 1)
      input e2 : G(n) ~ N(0, 1)
      input W : A(n, n) ~ N(0, 1/n)
      input b : G(n) ~ N(0, 0.1)
      input v : G(n) ~ N(0, 1)
      h := e1 + b
      x := tanh(h)
      g := W x
      y := tanh(g + e2)
      parametrization mup
      inputs ξ, ζ
      gram ξ(1) : 1, 0.5, 0.2, 0
      gram ξ(2) : 0.5, 1, 0, 0.1
      gram ζ(1) : 0.2, 0, 1, -0.3
      gram ζ(2) : 0, 0.1, -0.3, 1
      embedding U : e1, e2
      param U, b
      param W : abc(0.5, 0, 0)
      param v : ntk
      readout v · y
      """;

  @Test
  void everyDeclarationParsesIntoTheNetworkValue() {
    Network n = TpParser.parse(TEXT).network();
    assertEquals(Parametrization.MUP, n.parametrization());
    assertEquals(List.of("ξ", "ζ"), n.inputs());
    assertEquals(2, n.tokenCount());
    assertEquals(-0.3, n.gramEntry(1, 1, 1, 2), 0);
    assertEquals(0.1, n.gramEntry(0, 2, 1, 2), 0);
    assertEquals(List.of("U", "b", "W", "v"), n.paramNames());
    assertEquals(Parametrization.abc(0.5, 0, 0), n.parametrizationOf("W"));
    assertEquals(Parametrization.MUP, n.parametrizationOf("b"), "the network's default");
    assertEquals(new Network.Readout("v", "y"), n.readout());
    assertEquals(List.of("e1", "e2"), n.embeddingNamed("U").tokens());
  }

  @Test
  void printThenParseIsTheIdentity() {
    Program p = TpParser.parse(TEXT);
    String printed = TpPrinter.print(p);
    assertEquals(p, TpParser.parse(printed));
    assertTrue(printed.contains("readout v · y\n"), printed);
    assertTrue(printed.contains("param W : abc(0.5, 0, 0)\n"), printed);
    assertTrue(printed.contains("gram ζ(2) : 0, 0.1, -0.3, 1\n"), printed);
  }

  @Test
  void aNetworkBuiltInCodePrintsAndParsesBack() {
    Program base = TpParser.parse(TEXT.substring(0, TEXT.indexOf("parametrization")));
    Network n = Network.builder().inputs(List.of("a", "b"))
        .embedding(new Network.Embedding("U", List.of("e1", "e2")))
        .gramMatrix(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}})
        .param(new Network.Param(List.of("W", "U"), null))
        .readout(new Network.Readout("v", "y")).build();
    Program p = base.toBuilder().network(n).build();
    assertEquals(p, TpParser.parse(TpPrinter.print(p)));
  }

  @Test
  void networksDifferingInADeclarationAreNotEqualButPositionsDoNotCount() {
    Program p = TpParser.parse(TEXT);
    assertEquals(p, TpParser.parse("\n\n" + TEXT.replace("param U, b", "param  U,b")));
    assertNotEquals(p, TpParser.parse(TEXT.replace("param U, b", "param U")));
  }

  @Test
  void keywordsStayUsableAsVariableNames() {
    Program p = TpParser.parse("input u : G(n)\nparam := relu(u)\nreadout := tanh(u)\n");
    assertTrue(p.network().isEmpty());
    assertTrue(p.isDefined("param") && p.isDefined("readout"));
  }

  @Test
  void positionsOfDeclarationsAreKeptForMessages() {
    Network n = TpParser.parse(TEXT).network();
    assertEquals("18:7", n.source().param(1, "W").toString());
    assertEquals("20:13", n.source().readout(true).toString());
    assertEquals("13:1", n.source().gramRow(1, -1).toString());
    assertEquals("13:18", n.source().gramRow(1, 1).toString());
  }

  private static TpSyntaxException syntax(String text) {
    return assertThrows(TpSyntaxException.class, () -> TpParser.parse(text));
  }

  @Test
  void malformedDeclarationsAreSyntaxErrorsWithLineAndColumn() {
    TpSyntaxException e = syntax("input u : G(n)\nparam u : exotic\n");
    assertEquals(2, e.line());
    assertEquals(11, e.column());
    assertTrue(e.getMessage().contains("expected a parametrization"), e.getMessage());
    e = syntax("input u : G(n)\nreadout u · u\nreadout u · u\n");
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("one readout statement; the first is at line 2"),
        e.getMessage());
    e = syntax("input u : G(n)\ngram a(0) : 1\n");
    assertTrue(e.getMessage().contains("whole number from 1"), e.getMessage());
    e = syntax("input u : G(n)\nparametrization abc(0, 0, 0)\n");
    assertTrue(e.getMessage().contains("write it on a param line"), e.getMessage());
  }
}
