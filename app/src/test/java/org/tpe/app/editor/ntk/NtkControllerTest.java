package org.tpe.app.editor.ntk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.app.editor.model.EditRefused;
import org.tpe.format.TpParser;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.network.Network;
import org.tpe.samples.Samples;

/** The NTK tab's logic and the network edits, without JavaFX. */
class NtkControllerTest {
  private static NtkController.View view(Program p) {
    return NtkController.compute(p, ProgressListener.NONE, CancellationToken.NONE);
  }

  @Test
  void viewListsTotalNngpEveryParameterAndEveryClassWithPathsOnTheCanvas() {
    Program p = Samples.get("ntk-mlp-relu").program();
    NtkController.View v = view(p);
    assertTrue(v.ok(), v.status());
    assertEquals(List.of("ξ1", "ξ2", "ξ3"), v.inputs());
    assertEquals("total", v.entries().get(0).kind());
    assertEquals("nngp", v.entries().get(1).kind());
    assertEquals(7, v.entries().stream().filter(e -> e.kind().equals("parameter")).count());
    List<NtkController.Entry> classes = v.entries().stream()
        .filter(e -> e.kind().equals("class")).toList();
    assertEquals(7, classes.size());
    double params = v.entries().stream().filter(e -> e.kind().equals("parameter"))
        .mapToDouble(NtkController.Entry::share).sum();
    assertEquals(1, params, 1e-12, "the parameters' shares of tr Θ add up to 1");
    NtkController.Entry w2 = classes.stream().filter(e -> e.label().equals("class W2 W3"))
        .findFirst().orElseThrow();
    assertEquals(List.of(List.of("x1", "g2", "x2", "g3")), w2.paths());
    assertTrue(v.details().stream().anyMatch(d -> d.startsWith("✓ A2")), v.details().toString());
  }

  @Test
  void aProgramWithoutNetworkSaysWhatToMark() {
    NtkController.View v = view(TpParser.parse("input u : G(n)\nx := relu(u)\n"));
    assertFalse(v.ok());
    assertTrue(v.status().contains("declares no network"), v.status());
  }

  @Test
  void aBadNetworkShowsTheFirstProblemWithItsLine() {
    String text = Samples.get("ntk-mlp-relu").text().replace("readout v · x3\n", "");
    NtkController.View v = view(TpParser.parse(text));
    assertFalse(v.ok());
    assertTrue(v.status().startsWith("line 27, column 1: the network has no readout"),
        v.status());
  }

  @Test
  void backwardDocumentIsTheDerivedProgramOrTheReason() {
    NtkController.Derived d = NtkController.backwardDocument(
        Samples.get("ntk-mlp-relu").program());
    assertTrue(d.program().isDefined("dh3") && d.program().isDefined("dx2"));
    assertEquals(Samples.get("ntk-mlp-relu").program().network(), d.program().network());
    NtkController.Derived none = NtkController.backwardDocument(TpParser.parse("input u : G(n)\n"));
    assertNull(none.program());
    assertTrue(none.message().contains("no readout"), none.message());
  }

  @Test
  void colourScaleIsWhiteAtZeroRedAbovePositiveBlueBelow() {
    assertArrayEquals(new double[] {1, 1, 1}, NtkController.colour(0, 2), 1e-12);
    assertArrayEquals(new double[] {0.839, 0.157, 0.157}, NtkController.colour(2, 2), 1e-12);
    assertArrayEquals(new double[] {0.122, 0.435, 0.922}, NtkController.colour(-5, 2), 1e-12);
    double[] half = NtkController.colour(1, 2);
    assertEquals((1 + 0.839) / 2, half[0], 1e-12);
  }

  // ---- commands --------------------------------------------------------------------------------

  static final String PLAIN = """
      input h : G(n) ~ N(0, 1)
      input W : A(n, n) ~ N(0, 2/n)
      x := relu(h)
      g := W x
      y := relu(g)
      """;

  @Test
  void markingFromTheInspectorBuildsAWorkingNetwork() {
    Program p = TpParser.parse(PLAIN);
    p = new NetworkCommands.SetEmbedding("h", "U", true).apply(p);
    p = new NetworkCommands.SetTrainable("W", true).apply(p);
    p = new NetworkCommands.ReadOut("y").apply(p);
    p = new NetworkCommands.SetInputs("inputs a, b\ngram a : 1, 0.3\ngram b : 0.3, 2\n").apply(p);
    Network n = p.network();
    assertEquals(List.of("U", "W", "v"), n.paramNames(), "a new input layer and new readout"
        + " weights are trainable");
    assertEquals(new Network.Readout("v", "y"), n.readout());
    assertTrue(p.isDefined("v"));
    NtkController.View v = view(p);
    assertTrue(v.ok(), v.status());
    assertEquals(List.of("a", "b"), v.inputs());
    p = new NetworkCommands.SetTrainable("W", false).apply(p);
    assertEquals(List.of("U", "v"), p.network().paramNames());
    p = new NetworkCommands.SetEmbedding("h", "U", false).apply(p);
    assertTrue(p.network().embeddings().isEmpty());
    assertEquals(TpParser.parse(NetworkCommands.inputsText(p)).network().inputs(),
        List.of("a", "b"), "the inputs' text reads back");
  }

  @Test
  void renamingOrDeletingAVariableCarriesItsDeclarations() {
    Program p = Samples.get("ntk-mlp-relu").program();
    Program r = new org.tpe.app.editor.model.Commands.Rename("W2", "V2").apply(p);
    assertTrue(r.network().isTrainable("V2") && !r.network().isTrainable("W2"));
    Program d = new org.tpe.app.editor.model.Commands.Delete(java.util.Set.of("v")).apply(p);
    assertEquals(null, d.network().readout(), "the readout went with its weights");
    assertFalse(d.network().isTrainable("v"));
  }

  @Test
  void editsThatMakeNoSenseAreRefusedWithAReason() {
    Program p = TpParser.parse(PLAIN);
    assertThrows(EditRefused.class, () -> new NetworkCommands.ReadOut("W").apply(p));
    assertThrows(EditRefused.class, () -> new NetworkCommands.SetEmbedding("x", "U", true)
        .apply(p));
    EditRefused e = assertThrows(EditRefused.class,
        () -> new NetworkCommands.SetInputs("gram a 1").apply(p));
    assertTrue(e.getMessage().startsWith("line 1, column "), e.getMessage());
  }
}
