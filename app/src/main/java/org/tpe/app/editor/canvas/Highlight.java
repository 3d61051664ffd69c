package org.tpe.app.editor.canvas;

import java.util.List;
import java.util.Set;

/**
 * Vectors and edges to light up on the canvas (a path or an isomorphism class, DESIGN §5-6). An
 * edge is named by the variables at its two ends, in the direction of computation.
 */
public record Highlight(Set<String> vertices, Set<List<String>> edges) {
  public static final Highlight NONE = new Highlight(Set.of(), Set.of());

  public Highlight {
    vertices = Set.copyOf(vertices);
    edges = Set.copyOf(edges);
  }

  /** Whether the edge from {@code a} to {@code b} is lit. */
  public boolean hasEdge(String a, String b) {
    return edges.contains(List.of(a, b));
  }

  /** The highlight of the paths given as vertex sequences (each step a lit edge). */
  public static Highlight ofPaths(List<List<String>> paths) {
    java.util.Set<String> v = new java.util.HashSet<>();
    java.util.Set<List<String>> e = new java.util.HashSet<>();
    for (List<String> p : paths) {
      v.addAll(p);
      for (int i = 0; i + 1 < p.size(); i++) {
        e.add(List.of(p.get(i), p.get(i + 1)));
      }
    }
    return new Highlight(v, e);
  }
}
