package org.tpe.app.editor.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tpe.limit.CancellationToken;
import org.tpe.limit.ProgressListener;
import org.tpe.model.Program;
import org.tpe.samples.Samples;

/** The Training tab's logic, without JavaFX. */
class TrainingControllerTest {
  private static TrainingController.View view(Program p, TrainingController.Settings s) {
    return TrainingController.compute(p, s, ProgressListener.NONE, CancellationToken.NONE);
  }

  private static final TrainingController.Settings SMALL =
      new TrainingController.Settings(2, null, null, List.of(64, 128), 2);

  @Test
  void theViewHasTheLimitAndEveryWidthForEveryInputAndTheLoss() {
    TrainingController.View v = view(Samples.get("train-linear").program(), SMALL);
    assertTrue(v.ok(), v.status());
    assertEquals(List.of("ξ1", "ξ2", "ξ3"), v.inputs());
    assertEquals(2, v.steps());
    // 3 limit curves, then 3 inputs at each of 2 widths
    assertEquals(3 + 6, v.outputs().size());
    assertEquals(TrainingController.Kind.LIMIT, v.outputs().get(0).kind());
    assertEquals(64, v.outputs().get(3).width());
    assertEquals(1 + 2, v.losses().size());
    // f_1(ξ1) = η y₁ (σ_U² + σ_v²) in the sample's closed form
    assertEquals(0.3 * 0.5 * 2.3, v.outputs().get(0).values()[1], 1e-9);
    assertTrue(v.status().startsWith("feature learning"), v.status());
    assertNotNull(v.check());
  }

  @Test
  void densitiesAndTheCoordinateCheckAtAStep() {
    TrainingController.View v = view(Samples.get("train-linear").program(), SMALL);
    TrainingController.Density d = TrainingController.density(v, "e", 2);
    assertNotNull(d.limit());
    assertNotNull(d.finite());
    assertTrue(d.title().contains("step 2") && d.title().contains("n = 128"), d.title());
    List<String> labels = new ArrayList<>();
    double[][] sizes = TrainingController.coordinateSizes(v, 1, labels);
    assertEquals(labels.size(), sizes.length);
    assertEquals(2, sizes[0].length, "one size per width");
    assertTrue(labels.get(0).startsWith("e"), labels.toString());
    assertNull(TrainingController.density(v, "nothing", 1).limit());
  }

  @Test
  void inTheKernelRegimeKernelGradientDescentIsShownDashed() {
    TrainingController.View v = view(Samples.get("train-linear").program(),
        new TrainingController.Settings(1, null, "ntk", List.of(), 1));
    assertTrue(v.ok(), v.status());
    assertTrue(v.outputs().stream().anyMatch(s -> s.kind() == TrainingController.Kind.KERNEL_GD));
    assertNull(v.check(), "no widths, no coordinate check");
  }

  @Test
  void withoutATrainingSetupOrWithBadSettingsTheViewSaysWhy() {
    TrainingController.View v = view(Samples.get("ntk-mlp-relu").program(), SMALL);
    assertFalse(v.ok());
    assertTrue(v.status().contains("declares no training setup"), v.status());
    v = view(Samples.get("train-linear").program(),
        new TrainingController.Settings(0, null, null, List.of(), 1));
    assertFalse(v.ok());
    assertTrue(v.status().contains("whole number from 1"), v.status());
    v = view(Samples.get("train-sp-mlp").program(),
        new TrainingController.Settings(1, null, null, List.of(), 1));
    assertFalse(v.ok());
    assertTrue(v.status().contains("run finite widths"), v.status());
    assertThrows(IllegalArgumentException.class, () -> TrainingController.widths("256, x"));
    assertEquals(List.of(256, 512), TrainingController.widths(" 256, 512 "));
  }

  @Test
  void standardParametrizationShowsFiniteWidthsWithoutALimit() {
    TrainingController.View v = view(Samples.get("train-sp-mlp").program(),
        new TrainingController.Settings(1, null, null, List.of(32, 64), 1));
    assertTrue(v.ok(), v.status());
    assertTrue(v.status().contains("no limit"), v.status());
    assertTrue(v.outputs().stream().allMatch(s -> s.kind() == TrainingController.Kind.FINITE));
  }
}
