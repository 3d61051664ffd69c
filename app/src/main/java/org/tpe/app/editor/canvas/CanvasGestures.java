package org.tpe.app.editor.canvas;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tpe.app.editor.model.Command;
import org.tpe.app.editor.model.Commands;
import org.tpe.app.editor.model.ConnectTool;
import org.tpe.app.editor.model.ProgramEdits;
import org.tpe.model.Input;
import org.tpe.model.MatrixInput;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

/**
 * The canvas's gestures as a state machine without a stage (JetUML's tools: gestures in,
 * operations out): press, drag and release in screen coordinates go in, a {@link Command} comes
 * out, and the selection, the view transform and what to draw while dragging are kept here.
 *
 * <p>Primary press selects (shift toggles), drag moves the selection (one {@code Move} on
 * release), drag on empty space draws a rubber band; secondary or middle drag pans. With an add
 * tool a press on empty space adds a node there; with a connect tool a drag from a node to
 * another node (or to empty space) connects them, and while dragging the feedback says whether
 * the connection is legal and why not ({@link Commands#whyNot}). Hit-testing goes through the
 * {@link DiagramGeometry} (the renderer's scene). Not thread-safe: one UI thread drives it.
 */
public final class CanvasGestures {
  /** Mouse buttons. */
  public enum Button { PRIMARY, SECONDARY, MIDDLE }

  /** What the gestures read of the editor. */
  public interface Source {
    Program program();

    /** The geometry drawn, or null while there is none yet. */
    DiagramGeometry geometry();

    /** Names a new node must not get (lines of the text that do not parse define them). */
    Set<String> reservedNames();
  }

  /**
   * What one event asks of the editor: a command to run (or null), a status line (or null), and
   * the nodes to select if the command is applied.
   */
  public record Feedback(Command command, String status, boolean error,
      List<String> selectIfApplied) {
    public Feedback {
      selectIfApplied = List.copyOf(selectIfApplied);
    }

    static Feedback say(String status, boolean error) {
      return new Feedback(null, status, error, List.of());
    }

    static Feedback run(Command c, List<String> select) {
      return new Feedback(c, null, false, select);
    }
  }

  /** The line drawn while connecting: from a node's centre to the mouse, legal or not. */
  public record ConnectLine(Point from, double toX, double toY, boolean legal) {}

  /** How far (screen pixels) a press must travel to be a drag. */
  public static final double DRAG_SLOP = 3;
  /** Where a node made by connecting to another one goes: one column to its right. */
  public static final double COLUMN = 150;

  private enum Gesture { NONE, PAN, MOVE, RUBBER, CONNECT }

  private final Source source;
  private final LinkedHashSet<String> selection = new LinkedHashSet<>();
  private Tool tool = Tool.SELECT;
  private Viewport viewport = Viewport.IDENTITY;
  private Gesture gesture = Gesture.NONE;
  private double pressX;
  private double pressY;
  private double lastX;
  private double lastY;
  private double curX;
  private double curY;
  private String connectFrom;
  private String connectWhyNot;
  private Map<String, Point> ghosts = Map.of();
  /** Centres of the selected nodes when the move began (what the drag offsets). */
  private Map<String, Point> moveFrom = Map.of();

  public CanvasGestures(Source source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  // ---- state ---------------------------------------------------------------------------------

  public Tool tool() {
    return tool;
  }

  public void setTool(Tool t) {
    tool = Objects.requireNonNull(t);
  }

  /** The selected variables, in selection order (read-only view). */
  public Set<String> selection() {
    return Collections.unmodifiableSet(selection);
  }

  /** Replaces the selection by the defined ones of {@code names}. */
  public void select(Collection<String> names) {
    selection.clear();
    Program p = source.program();
    names.stream().filter(p::isDefined).forEach(selection::add);
  }

  /** Drops from the selection what the program no longer defines. */
  public void programChanged() {
    Program p = source.program();
    selection.removeIf(n -> !p.isDefined(n));
  }

  public Viewport viewport() {
    return viewport;
  }

  public void setViewport(Viewport v) {
    viewport = Objects.requireNonNull(v);
  }

  /**
   * The nodes being moved and their centres under the mouse: the canvas draws them there at once
   * ({@link DiagramGeometry#moved}), and keeps them there after the release until the moved
   * program's own layout arrives.
   */
  public Map<String, Point> ghosts() {
    return ghosts;
  }

  /** Forgets where a move left its nodes, once the moved program's layout draws them there. */
  public void clearGhosts() {
    if (gesture != Gesture.MOVE) {
      ghosts = Map.of();
    }
  }

  /** The rubber band in screen coordinates {x0, y0, x1, y1}, or null. */
  public double[] rubberBand() {
    return gesture == Gesture.RUBBER ? new double[] {Math.min(pressX, curX),
        Math.min(pressY, curY), Math.max(pressX, curX), Math.max(pressY, curY)} : null;
  }

  /** The connecting line, or null when not connecting. */
  public ConnectLine connectLine() {
    DiagramGeometry g = source.geometry();
    if (gesture != Gesture.CONNECT || g == null || g.centre(connectFrom) == null) {
      return null;
    }
    return new ConnectLine(g.centre(connectFrom), curX, curY, connectWhyNot == null);
  }

  // ---- events --------------------------------------------------------------------------------

  private String hit(double sx, double sy) {
    DiagramGeometry g = source.geometry();
    if (g == null) {
      return null;
    }
    Point w = viewport.toModel(sx, sy);
    return g.hit(w.x(), w.y(), DiagramGeometry.TOLERANCE_PX / viewport.scale());
  }

  public Feedback press(double sx, double sy, Button button, boolean shift) {
    pressX = lastX = curX = sx;
    pressY = lastY = curY = sy;
    if (button != Button.PRIMARY) {
      gesture = Gesture.PAN;
      return null;
    }
    String n = hit(sx, sy);
    switch (tool) {
      case SELECT -> {
        if (n == null) {
          if (!shift) {
            selection.clear();
          }
          gesture = Gesture.RUBBER;
        } else {
          if (shift) {
            if (!selection.remove(n)) {
              selection.add(n);
            }
          } else if (!selection.contains(n)) {
            selection.clear();
            selection.add(n);
          }
          gesture = selection.contains(n) ? Gesture.MOVE : Gesture.NONE;
          moveFrom = gesture == Gesture.MOVE ? centres(selection) : Map.of();
        }
        return null;
      }
      case VECTOR, MATRIX, SCALAR -> {
        gesture = Gesture.NONE;
        if (n != null) {
          return Feedback.say("Click on empty space to add a node (" + n + " is here)", true);
        }
        Input in = newInput(tool);
        tool = Tool.SELECT;
        return Feedback.run(new Commands.AddInput(in, viewport.toModel(sx, sy)),
            List.of(in.target()));
      }
      default -> {
        if (n == null) {
          gesture = Gesture.NONE;
          return Feedback.say("Start a " + tool.connect().label() + " on a node and drag to its "
              + "partner", true);
        }
        connectFrom = n;
        connectWhyNot = null;
        gesture = Gesture.CONNECT;
        return null;
      }
    }
  }

  private Input newInput(Tool t) {
    Program p = source.program();
    Set<String> reserved = source.reservedNames();
    return switch (t) {
      case VECTOR -> VectorInput.of(ProgramEdits.freshName(p, "u", false, reserved));
      case MATRIX -> MatrixInput.of(ProgramEdits.freshName(p, "W", true, reserved));
      default -> new ScalarInput(ProgramEdits.freshName(p, "θ", false, reserved), 1.0);
    };
  }

  public Feedback drag(double sx, double sy) {
    curX = sx;
    curY = sy;
    Feedback f = null;
    switch (gesture) {
      case PAN -> viewport = viewport.pannedBy(sx - lastX, sy - lastY);
      case MOVE -> ghosts = movedTo(sx, sy);
      case CONNECT -> {
        String n = hit(sx, sy);
        if (connectFrom.equals(n)) {
          n = null;
        }
        ConnectTool ct = tool.connect();
        connectWhyNot = Commands.whyNot(source.program(), ct, connectFrom, n);
        f = connectWhyNot != null ? Feedback.say(connectWhyNot, true)
            : Feedback.say(ct.label() + " from " + connectFrom + (n == null ? " to a new node"
                : " to " + n), false);
      }
      default -> { }
    }
    lastX = sx;
    lastY = sy;
    return f;
  }

  /** The centres drawn of {@code names} (those drawn), in their order. */
  private Map<String, Point> centres(Collection<String> names) {
    DiagramGeometry g = source.geometry();
    Map<String, Point> out = new LinkedHashMap<>();
    for (String s : names) {
      Point q = g == null ? null : g.centre(s);
      if (q != null) {
        out.put(s, q);
      }
    }
    return out;
  }

  /**
   * The selected nodes' centres at the press moved by the mouse's travel since (the geometry drawn
   * meanwhile shows them moved already, so it is not what the travel offsets).
   */
  private Map<String, Point> movedTo(double sx, double sy) {
    double dx = (sx - pressX) / viewport.scale();
    double dy = (sy - pressY) / viewport.scale();
    Map<String, Point> next = new LinkedHashMap<>();
    moveFrom.forEach((s, q) -> next.put(s, new Point(q.x() + dx, q.y() + dy)));
    return next;
  }

  public Feedback release(double sx, double sy, boolean shift) {
    Gesture g = gesture;
    gesture = Gesture.NONE;
    boolean dragged = Math.hypot(sx - pressX, sy - pressY) > DRAG_SLOP;
    switch (g) {
      case MOVE -> {
        if (dragged) {
          ghosts = movedTo(sx, sy); // where the mouse is released, not where it was last dragged
        }
        if (!ghosts.isEmpty() && dragged) {
          return Feedback.run(new Commands.Move(ghosts), List.copyOf(selection));
        }
        ghosts = Map.of();
        return null;
      }
      case RUBBER -> {
        DiagramGeometry geo = source.geometry();
        if (dragged && geo != null) {
          if (!shift) {
            selection.clear();
          }
          selection.addAll(geo.within(viewport.toModel(pressX, pressY),
              viewport.toModel(sx, sy)));
        }
        return null;
      }
      case CONNECT -> {
        String from = connectFrom;
        connectFrom = null;
        if (!dragged) {
          return null;
        }
        String target = hit(sx, sy);
        if (from.equals(target)) {
          target = null;
        }
        ConnectTool ct = tool.connect();
        Program p = source.program();
        String stem = switch (ct) {
          case MATMUL -> "h";
          case NONLIN -> "x";
          case MOMENT -> "θ";
        };
        String name = ProgramEdits.freshName(p, stem, false, source.reservedNames());
        return Feedback.run(new Commands.Connect(ct, from, target, name,
            placeOfNewNode(p, ct, from, target, sx, sy)), List.of(name));
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * Where a node made by a connection goes: where the mouse was released on empty space, else one
   * column right of the vector it is computed from.
   */
  private Point placeOfNewNode(Program p, ConnectTool ct, String from, String target, double sx,
      double sy) {
    DiagramGeometry g = source.geometry();
    if (target == null || g == null) {
      return viewport.toModel(sx, sy);
    }
    String vector = ct == ConnectTool.MATMUL && p.kindOf(target) == VarKind.A ? from : target;
    Point q = g.centre(vector);
    return q == null ? viewport.toModel(sx, sy) : new Point(q.x() + COLUMN, q.y());
  }

  /** Zooms by {@code f} about the screen point (sx, sy). */
  public void zoomAbout(double f, double sx, double sy) {
    viewport = viewport.zoomedAbout(f, sx, sy);
  }
}
