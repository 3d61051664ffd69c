package org.tpe.render.layout;

import java.util.Map;
import org.tpe.model.Program;

/**
 * Lays a program's diagram out left to right in the direction of computation (TP IIb §4): the
 * entry point of the renderer's layout, a pure function of the program.
 *
 * <ol>
 *   <li>{@link ElkLayout}: the automatic layered layout of the diagram's {@link Unit}s (each gate
 *       rigidly attached to the variable it computes), long chains wrapped into rows;
 *   <li>{@link PinnedLayout}: variables with a position in {@link Program#layout()} (an {@code
 *       @at(x, y)} annotation: the node's centre) that differs from the automatic one by more than
 *       {@link #SAME} keep it exactly, unless it would put the node on another one; every other
 *       variable follows its nearest placed neighbour to a free spot; edges that no longer fit are
 *       routed again, orthogonally, around the nodes ({@link OrthogonalRouter});
 *   <li>{@link LabelPlacer}: labels that would lie on a node, an edge, a selection ring or another
 *       label move to a free spot beside their own edge or gate, and every matrix gets a tile
 *       beside one of its MatMul edges; with positions, an edge still crossing a label that found
 *       no free spot is routed again around the labels ({@link PinnedLayout#repair}) and the
 *       labels placed once more.
 * </ol>
 *
 * So a program with no positions gets a fully automatic layout, a file saved by the editor with
 * every position keeps its routed edges, and a drawing whose nodes were placed by hand keeps the
 * user's positions with orthogonal edges. Cost: dominated by ELK (about 0.1–0.3 s for 500
 * variables, benchmark {@code layout-500}); the router adds O(grid) per rerouted edge.
 * Deterministic: the same program always gets the same layout.
 */
public final class AutoLayout {
  /** Blank margin around the drawing. */
  public static final double PADDING = 18;
  /**
   * A position within this distance of the automatic one is the automatic one (an editor that
   * saved every node's position has not moved them), so its edges keep their routes.
   */
  public static final double SAME = 0.5;
  /** Above this many nodes (variables and gates) crossing minimisation is less thorough. */
  public static final int LARGE = 2 * ElkLayout.LARGE;
  /** Length of the solid arrow from a gate to the variable it computes. */
  public static final double GATE_GAP = 14;
  /**
   * Room outside a vector's outline where the editor may draw a selection ring: no label is
   * placed there.
   */
  public static final double RING_CLEARANCE = 9;
  /** Gap between a gate's label and the top of its gate's unit. */
  static final double LABEL_NODE = 3;

  private AutoLayout() {}

  /** Lays out {@code program}'s diagram. */
  public static Layout layout(Program program) {
    return layout(program, DiagramGraph.of(program));
  }

  /** Lays out {@code graph}, the diagram of {@code program}. */
  public static Layout layout(Program program, DiagramGraph graph) {
    return withFixed(program, graph, automatic(graph));
  }

  /**
   * The automatic layout of {@code graph} ({@link ElkLayout}, folded into rows when long), before
   * any fixed position is applied and before labels are settled: it depends on the graph alone,
   * so an editor may keep it while only positions change. {@code layout(program, graph)} is
   * {@code withFixed(program, graph, automatic(graph))}.
   */
  public static Layout automatic(DiagramGraph graph) {
    return ElkLayout.layout(graph, Unit.of(graph));
  }

  /**
   * {@code auto} (the {@link #automatic} layout of {@code graph}, the diagram of {@code program})
   * with {@code program}'s fixed positions applied ({@link PinnedLayout}), labels and matrix tiles
   * placed ({@link LabelPlacer}) as {@link #layout} does. No ELK run: the cost is the label
   * placement, plus the router for each edge whose two ends moved differently.
   */
  public static Layout withFixed(Program program, DiagramGraph graph, Layout auto) {
    Map<String, Unit> units = Unit.of(graph);
    Layout placed = PinnedLayout.apply(program, graph, units, auto);
    Layout labelled = LabelPlacer.place(program, graph, placed);
    if (placed == auto) {
      return labelled;
    }
    Layout repaired = PinnedLayout.repair(graph, units, labelled);
    return repaired == labelled ? labelled : LabelPlacer.place(program, graph, repaired);
  }
}
