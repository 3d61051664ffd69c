package org.tpe.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpDocument;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.format.TpSyntaxException;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.validate.Validator;

/** The training setup in the text: it parses, prints back, and every mistake has its place. */
class TrainingSyntaxTest {
  static final String NET = """
      input e : G(n) ~ N(0, 1)
      input W : A(n, n) ~ N(0, 1/n)
      input v : G(n) ~ N(0, 1)
      x := tanh(e)
      hb := W x
      xb := tanh(hb)
      parametrization mup
      inputs ξ1, ξ2, ξ3
      gram ξ1 : 1, 0.4, -0.3
      gram ξ2 : 0.4, 1.2, 0.2
      gram ξ3 : -0.3, 0.2, 0.9
      embedding U : e
      param U, W, v
      readout v · xb
      """;
  static final String TRAINING = """
      train ξ1 : 0.5, ξ2 : -0.4
      test ξ3
      loss logistic
      lr 0.25
      steps 3
      batch full
      """;

  private static List<Problem> errors(String text) {
    return Validator.validate(TpParser.parse(text)).errors();
  }

  /** The single error of {@code text}: at {@code where}, its message containing {@code what}. */
  private static void error(String text, String where, String what) {
    List<Problem> es = errors(text);
    assertEquals(1, es.size(), es.toString());
    assertEquals(where, String.valueOf(es.get(0).pos()), es.get(0).message());
    assertTrue(es.get(0).message().contains(what), es.get(0).message());
  }

  @Test
  void everyTrainingStatementParsesIntoTheTrainingValue() {
    Training t = TpParser.parse(NET + TRAINING).network().training();
    assertEquals(List.of(new Training.Example("ξ1", 0.5), new Training.Example("ξ2", -0.4)),
        t.examples());
    assertEquals(List.of("ξ3"), t.tests());
    assertEquals(Training.Loss.LOGISTIC, t.lossOrDefault());
    assertEquals(0.25, t.learningRateOrDefault());
    assertEquals(3, t.stepsOrDefault());
    assertEquals(Training.Batch.FULL, t.batchOrDefault());
    assertEquals(-0.4, t.labelOf("ξ2"));
    assertTrue(Double.isNaN(t.labelOf("ξ3")));
  }

  @Test
  void unwrittenStatementsTakeTheDefaultsAndStayUnwritten() {
    Program p = TpParser.parse(NET + "train ξ1 : 1\n");
    Training t = p.network().training();
    assertEquals(Training.Loss.MSE, t.lossOrDefault());
    assertEquals(1.0, t.learningRateOrDefault());
    assertEquals(1, t.stepsOrDefault());
    assertEquals(Training.Batch.CYCLIC, t.batchOrDefault());
    assertNull(t.loss());
    String printed = TpPrinter.print(p);
    assertTrue(printed.endsWith("readout v · xb\ntrain ξ1 : 1\n"), printed);
    assertNull(TpParser.parse(NET).network().training(), "no training statement, no setup");
  }

  @Test
  void printThenParseIsTheIdentity() {
    Program p = TpParser.parse(NET + TRAINING + "train ξ3 : 2\ntest ξ2\n");
    String printed = TpPrinter.print(p);
    assertEquals(p, TpParser.parse(printed));
    assertTrue(printed.contains("train ξ1 : 0.5, ξ2 : -0.4, ξ3 : 2\ntest ξ3, ξ2\n"), printed);
    assertNotEquals(p, TpParser.parse(printed.replace("lr 0.25", "lr 0.5")));
  }

  @Test
  void aDocumentEditOfTheLearningRateRewritesOnlyItsLine() {
    String text = NET + "train ξ1 : 0.5   # the first example\ntrain ξ2 : -0.4\nlr 0.25\n"
        + "steps 2  # two steps\n";
    TpDocument d = TpDocument.of(text);
    Program p = d.program();
    Program q = p.toBuilder().network(p.network().withTraining(
        p.network().training().withLearningRate(0.5))).build();
    String edited = d.withProgram(q).text();
    // the written train lines (two statements, a comment) and the steps line stay as written
    assertEquals(text.replace("lr 0.25\n", "lr 0.5\n"), edited);
    assertEquals(q, TpParser.parse(edited));
  }

  @Test
  void trainingKeywordsStayUsableAsVariableNames() {
    Program p = TpParser.parse("input u : G(n)\ntrain := relu(u)\nsteps := avg(u*u)\n"
        + "lr := steps + 1\n");
    assertNull(p.network().training());
    assertTrue(p.isDefined("train") && p.isDefined("steps") && p.isDefined("lr"));
  }

  @Test
  void labelsForInputsThatDoNotExistAreErrorsAtTheName() {
    error(NET + "train ξ1 : 0.5, ξ7 : 1\n", "15:17", "ξ7 is not an input of the network (the"
        + " inputs are ξ1, ξ2, ξ3)");
    error(NET + "train ξ1 : 0.5\ntest ζ\n", "16:6", "ζ is not an input");
    error(NET + "train ξ1 : 0.5, ξ1 : 1\n", "15:17", "listed twice");
  }

  @Test
  void stepsAndLearningRateMustBePositive() {
    error(NET + "train ξ1 : 0.5\nlr -0.1\n", "16:4", "learning rate η must be positive, not"
        + " -0.1");
    error(NET + "train ξ1 : 0.5\nlr 0\n", "16:4", "must be positive, not 0");
    error(NET + "train ξ1 : 0.5\nsteps 0\n", "16:7", "whole number from 1 to 50, not 0");
    error(NET + "train ξ1 : 0.5\nsteps 2.5\n", "16:7", "not 2.5");
    error(NET + "train ξ1 : 0.5\nsteps 80\n", "16:7", "grows like T²");
  }

  @Test
  void aSetupWithoutExamplesOrWithoutParametersIsAnError() {
    error(NET + "test ξ1\n", "15:1", "has no examples");
    error(NET.replace("param U, W, v\n", "") + "train ξ1 : 1\n", "14:1", "nothing is trained");
  }

  private static TpSyntaxException syntax(String text) {
    return assertThrows(TpSyntaxException.class, () -> TpParser.parse(text));
  }

  @Test
  void malformedTrainingStatementsAreSyntaxErrorsWithLineAndColumn() {
    TpSyntaxException e = syntax(NET + "loss hinge\n");
    assertEquals(15, e.line());
    assertEquals(6, e.column());
    assertTrue(e.getMessage().contains("expected a loss (mse or logistic)"), e.getMessage());
    e = syntax(NET + "batch random\n");
    assertTrue(e.getMessage().contains("expected a batch (cyclic"), e.getMessage());
    e = syntax(NET + "train ξ1 0.5\n");
    assertEquals(10, e.column());
    assertTrue(e.getMessage().contains("expected ':' after the training input"), e.getMessage());
    e = syntax(NET + "lr 1\nlr 2\n");
    assertEquals(16, e.line());
    assertTrue(e.getMessage().contains("the first is at line 15"), e.getMessage());
    e = syntax(NET + "steps x\n");
    assertEquals(15, e.line());
  }
}
