package org.tpe.render.scene;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Variables and steps of computation to highlight: a path or all paths of an isomorphism class
 * (TP IIb §5.1; DESIGN §5 "selecting a path or an isomorphism class highlights its vectors and
 * edges"). A step {@code a → b} highlights the edges that carry {@code a} into the computation of
 * {@code b}: the dashed MatMul edge, or the edge into b's gate and the gate's edge to b.
 */
public record Highlight(Set<String> variables, Set<Step> steps) {
  /** One step of computation: {@code to} is computed by an instruction reading {@code from}. */
  public record Step(String from, String to) {}

  public static final Highlight NONE = new Highlight(Set.of(), Set.of());

  public Highlight {
    variables = Set.copyOf(variables);
    steps = Set.copyOf(steps);
  }

  /** The highlight of the given paths, each a list of variables p⁰, p¹, …, in order. */
  public static Highlight ofPaths(Iterable<List<String>> paths) {
    Set<String> vars = new HashSet<>();
    Set<Step> steps = new HashSet<>();
    for (List<String> p : paths) {
      vars.addAll(p);
      for (int i = 0; i + 1 < p.size(); i++) {
        steps.add(new Step(p.get(i), p.get(i + 1)));
      }
    }
    return new Highlight(vars, steps);
  }

  public boolean isEmpty() {
    return variables.isEmpty() && steps.isEmpty();
  }

  /** Whether some highlighted step ends at {@code to}. */
  public boolean anyStepTo(String to) {
    return steps.stream().anyMatch(s -> s.to().equals(to));
  }
}
