package org.tpe.app.editor;

import java.util.List;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.render.scene.Highlight;
import org.tpe.render.scene.PathHighlight;
import org.tpe.render.text.PathText;
import org.tpe.session.PathReport;

/**
 * What the paths panel asks for and says (TP IIb §5.1), without JavaFX: the paths of
 * the selected G-var or, when none is selected, of the outputs; a heading with their number, their
 * isomorphism classes and how the query was read; the highlight of a class's paths.
 */
final class PathsView {
  private PathsView() {}

  /** The G-var whose paths to show: the selection if it is one, else null (the outputs). */
  static String target(Program p, String selected) {
    return selected != null && p.kindOf(selected) == VarKind.G ? selected : null;
  }

  /** The heading over the classes. */
  static String heading(PathReport r, Program p, String selected) {
    if (p.statements().isEmpty()) {
      return "No program.";
    }
    if (r == null) {
      return "computing the paths…";
    }
    if (r.error() != null) {
      return "No paths: " + r.error();
    }
    String what = r.target() != null ? "ending at " + r.target()
        : "ending at the outputs" + (p.outputs().isEmpty() ? "" : " (" + String.join(", ",
            p.outputs()) + ")") + (selected != null ? " — select a G-var for its own paths" : "");
    return r.count() + " path(s) " + what + " in " + r.classes().size()
        + " isomorphism class(es)" + (r.reduced() ? "; paths are those of the reduced program "
        + "(TP IIb Def. 5.4)" : "") + (r.notes().isEmpty() ? "" : "\n"
        + String.join("\n", r.notes()));
  }

  /** One line of the class list: its word, its number of paths and their length. */
  static String describe(PathReport.PathClass c) {
    return PathText.word(c.word()) + "    — " + c.count()
        + (c.count().equals(java.math.BigInteger.ONE) ? " path" : " paths") + ", |p| = "
        + c.pathLength();
  }

  /**
   * The highlight of {@code paths} (each its vectors p⁰, p¹, … of the reduced program) ending at
   * {@code target} (null: the outputs), mapped onto the drawn program by {@link PathHighlight}:
   * with the ⊕ gates and vectors between the path's G-vars and the way to the target.
   */
  static Highlight highlight(Program p, String target, List<List<String>> paths) {
    return PathHighlight.ofVectors(p, target == null ? p.outputs() : List.of(target), paths);
  }

  /** One line of the member list: a path in the notation of the class list. */
  static String describe(Program p, List<String> vars) {
    return PathText.of(p, vars);
  }
}
