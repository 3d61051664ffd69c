package org.tpe.app.editor.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.app.editor.model.EditorModel;
import org.tpe.format.TpDocument;
import org.tpe.network.Parametrization;
import org.tpe.samples.Samples;

/** The Training tab's Write to file: the tab's T, η and parametrization become the document's. */
class WriteTrainingSettingsTest {
  private static TrainingController.Settings settings(Integer t, Double eta, String p) {
    return new TrainingController.Settings(t, eta, p, List.of(256), 1);
  }

  private static EditorModel model(String sample) {
    return new EditorModel(TpDocument.of(Samples.get(sample).text()), null);
  }

  @Test
  void writingStepsAndRateRewritesOnlyThoseLinesAndUndoes() {
    EditorModel m = model("train-mup-mlp");
    String before = m.text();
    EditorModel.Outcome o = m.execute(new WriteTrainingSettings(settings(2, 0.5, null)));
    assertTrue(o.applied(), o.message());
    assertEquals(before.replace("\nlr 1\n", "\nlr 0.5\n").replace("\nsteps 3\n", "\nsteps 2\n"),
        m.text(), "every other line, comments included, stays as written");
    assertEquals(2, m.program().network().training().stepsOrDefault());
    assertEquals(0.5, m.program().network().training().learningRateOrDefault());
    assertTrue(m.undo());
    assertEquals(before, m.text());
  }

  @Test
  void aNetworkWideParametrizationReplacesTheDeclaredOne() {
    EditorModel m = model("train-mup-mlp");
    assertTrue(m.execute(new WriteTrainingSettings(settings(null, null, "ntk"))).applied());
    assertEquals(Parametrization.NTK, m.program().network().parametrization());
    assertTrue(m.text().contains("\nparametrization ntk\n"), m.text());
    assertFalse(m.text().contains("parametrization mup"), m.text());
  }

  @Test
  void badValuesAndProgramsWithoutATrainingSetupAreRefusedWithTheReason() {
    EditorModel m = model("train-mup-mlp");
    String before = m.text();
    EditorModel.Outcome eta = m.execute(new WriteTrainingSettings(settings(null, -1.0, null)));
    assertFalse(eta.applied());
    assertTrue(eta.message().contains("learning rate η must be positive"), eta.message());
    EditorModel.Outcome steps = m.execute(new WriteTrainingSettings(settings(0, null, null)));
    assertFalse(steps.applied());
    assertTrue(steps.message().contains("number of steps T"), steps.message());
    EditorModel.Outcome nothing = m.execute(new WriteTrainingSettings(settings(null, null, null)));
    assertFalse(nothing.applied());
    assertTrue(nothing.message().startsWith("nothing to write"), nothing.message());
    assertEquals(before, m.text(), "a refused edit changes nothing");
    EditorModel plain = model("mlp-one-input");
    EditorModel.Outcome none = plain.execute(new WriteTrainingSettings(settings(2, null, null)));
    assertFalse(none.applied());
    assertTrue(none.message().contains("no training setup"), none.message());
  }
}
