package org.tpe.app.editor.hover;

import java.util.Objects;

/**
 * What the mouse rests on in the diagram, for the hover card: a node (a variable's circle or
 * square, a gate, standing for the variable it computes, or a matrix tile) or the dashed edge of
 * the MatMul defining {@code name} (TP IIb §4).
 *
 * @param name the variable, or the MatMul's result
 * @param matMulEdge whether it is the edge rather than the node
 */
public record HoverTarget(String name, boolean matMulEdge) {
  public HoverTarget {
    Objects.requireNonNull(name, "name");
  }

  public static HoverTarget node(String name) {
    return new HoverTarget(name, false);
  }

  public static HoverTarget matMulEdge(String result) {
    return new HoverTarget(result, true);
  }

  /**
   * What its card says in program {@code p}, the numbers from {@code s} (null: none yet); null
   * when {@code p} has no such node or MatMul (the program changed under the mouse).
   */
  public CardText card(org.tpe.model.Program p, org.tpe.session.Snapshot s) {
    if (!p.isDefined(name)) {
      return null;
    }
    return matMulEdge ? EdgeFacts.of(p, s, name) : NodeFacts.of(p, s, name);
  }
}
