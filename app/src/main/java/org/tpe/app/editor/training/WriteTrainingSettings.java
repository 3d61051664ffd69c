package org.tpe.app.editor.training;

import java.util.ArrayList;
import java.util.List;
import org.tpe.app.editor.model.Command;
import org.tpe.app.editor.model.EditRefused;
import org.tpe.model.Program;
import org.tpe.train.TrainingOverrides;

/**
 * Writes the Training tab's steps T, learning rate η and network-wide parametrization into the
 * program's training setup, as one undoable edit: the document then says {@code steps T}, {@code
 * lr η} and {@code parametrization …} (TP IV's abc-parametrizations: a network-wide one replaces
 * every per-parameter {@code abc(a, b, c)}). Fields left as declared (null) are not touched.
 *
 * @param settings the tab's settings; their widths and seeds are not part of the program
 */
public record WriteTrainingSettings(TrainingController.Settings settings) implements Command {
  @Override
  public String label() {
    List<String> what = new ArrayList<>();
    if (settings.steps() != null) {
      what.add("T = " + settings.steps());
    }
    if (settings.learningRate() != null) {
      what.add("η = " + org.tpe.expr.ExprPrinter.number(settings.learningRate()));
    }
    if (settings.parametrization() != null) {
      what.add(settings.parametrization());
    }
    return "Set training " + String.join(", ", what);
  }

  /**
   * @throws EditRefused when the program declares no training setup, when every field is as
   *     declared, or when a value is not valid (T or η not positive, an unknown parametrization)
   */
  @Override
  public Program apply(Program p) {
    if (p.network().isEmpty() || p.network().training() == null) {
      throw new EditRefused("the program declares no training setup to write into: add 'train"
          + " ξ1 : y1, …' first");
    }
    TrainingOverrides o;
    try {
      o = TrainingController.overrides(settings);
    } catch (IllegalArgumentException e) {
      throw new EditRefused(e.getMessage());
    }
    if (o.equals(TrainingOverrides.NONE)) {
      throw new EditRefused("nothing to write: steps, η and the parametrization are as declared");
    }
    return o.applyTo(p);
  }
}
