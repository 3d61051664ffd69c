package org.tpe.app.editor.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tpe.expr.Expr;
import org.tpe.expr.Fn;
import org.tpe.format.TpParser;
import org.tpe.model.Classifier;
import org.tpe.model.Covariance;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.LinComb;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Names;
import org.tpe.model.Nonlin;
import org.tpe.model.Point;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;

/**
 * The editor's commands (DESIGN §2: an edit is a command that produces a new {@code Program}).
 * Every command is a small immutable record; instructions built from expressions go through
 * {@link Classifier}, the same rule the parser uses, so that what the editor builds prints and
 * parses back to itself.
 */
public final class Commands {
  private Commands() {}

  // ---- adding initial variables ------------------------------------------------------------

  /**
   * Declares an initial variable (a vector, a matrix or a scalar, with its distribution or limit)
   * at {@code at}.
   */
  public record AddInput(Input input, Point at) implements Command {
    @Override
    public String label() {
      String what = input instanceof VectorInput ? "vector"
          : input instanceof MatrixInput ? "matrix" : "scalar";
      return "Add " + what + " " + input.target();
    }

    @Override
    public Program apply(Program p) {
      checkNewName(p, input.target());
      return p.toBuilder().input(input).position(input.target(), at).build();
    }
  }

  // ---- connecting ------------------------------------------------------------------------------

  /**
   * A drag from {@code source} to {@code target} with a connect tool.
   *
   * <ul>
   *   <li>MatMul: one end a matrix W, the other a vector x; creates {@code h := W x} at {@code at}.
   *   <li>Nonlin: from a vector or scalar to empty space ({@code target} null) creates {@code x :=
   *       relu(g)} ({@link #defaultPhi}); onto an existing Nonlin, Moment
   *       or LinComb result adds {@code source} to its expression as a new summand, which the user
   *       then edits in the inspector.
   *   <li>Moment: from a vector to empty space creates {@code θ := avg(x * x)}.
   * </ul>
   *
   * @param target the node dropped on, or null for empty space
   * @param newName the name of the created variable (ignored when adding to an existing one)
   */
  public record Connect(ConnectTool tool, String source, String target, String newName, Point at)
      implements Command {
    @Override
    public String label() {
      return "Connect " + source + (target == null ? "" : " → " + target) + " (" + tool.label()
          + ")";
    }

    @Override
    public Program apply(Program p) {
      return connect(p, this);
    }
  }

  /**
   * Why a connection is illegal, or null when it is legal. The canvas asks this while the user
   * drags, so the reason is shown before the mouse is released.
   */
  public static String whyNot(Program p, ConnectTool tool, String source, String target) {
    try {
      connect(p, new Connect(tool, source, target, "tmp_", new Point(0, 0)));
      return null;
    } catch (EditRefused e) {
      return e.reason();
    }
  }

  private static Program connect(Program p, Connect c) {
    VarKind s = kind(p, c.source());
    VarKind t = c.target() == null ? null : kind(p, c.target());
    if (c.source().equals(c.target())) {
      throw new EditRefused("drag from one node to another one, not onto itself");
    }
    switch (c.tool()) {
      case MATMUL: {
        String matrix;
        String vector;
        if (s == VarKind.A && t != null && t.isVector()) {
          matrix = c.source();
          vector = c.target();
        } else if (t == VarKind.A && s.isVector()) {
          matrix = c.target();
          vector = c.source();
        } else if (t == null) {
          throw new EditRefused("a MatMul needs a matrix: drop the vector " + c.source()
              + " on a matrix (add one from the palette)");
        } else if (s.isVector() && t.isVector()) {
          throw new EditRefused("a MatMul needs a matrix: drop the vector on a matrix, not on "
              + "the vector " + c.target());
        } else if (s == VarKind.A && t == VarKind.A) {
          throw new EditRefused("a MatMul multiplies a matrix by a vector, not two matrices");
        } else {
          throw new EditRefused("a MatMul multiplies a matrix by a vector; "
              + (s == VarKind.SCALAR ? c.source() : c.target()) + " is a scalar");
        }
        checkNewName(p, c.newName());
        return p.toBuilder().instruction(new MatMul(c.newName(), matrix, false, vector))
            .position(c.newName(), c.at()).build();
      }
      case MOMENT: {
        if (!s.isVector()) {
          throw new EditRefused("a Moment averages a vector: drag from a vector, not from the "
              + (s == VarKind.A ? "matrix " : "scalar ") + c.source());
        }
        if (t != null) {
          return addArgument(p, c.source(), c.target());
        }
        checkNewName(p, c.newName());
        Expr x = new Expr.Ref(c.source());
        return p.toBuilder().instruction(new Moment(c.newName(), new Expr.Bin('*', x, x)))
            .position(c.newName(), c.at()).build();
      }
      default: {
        if (s == VarKind.A) {
          throw new EditRefused("a matrix cannot enter a Nonlin: use the MatMul tool and drop "
              + c.source() + " on a vector");
        }
        if (t != null) {
          return addArgument(p, c.source(), c.target());
        }
        if (s == VarKind.SCALAR) {
          throw new EditRefused("a Nonlin needs a vector: drop the scalar " + c.source()
              + " on an existing Nonlin to make it a Nonlin+");
        }
        checkNewName(p, c.newName());
        Instruction ins = Classifier.classify(c.newName(), defaultPhi(p, c.source()), p::kindOf);
        return p.toBuilder().instruction(ins).position(c.newName(), c.at()).build();
      }
    }
  }

  /** relu of a G-var (the papers' running example); the identity of anything else. */
  static Expr defaultPhi(Program p, String source) {
    Fn fn = p.kindOf(source) == VarKind.G ? Fn.RELU : Fn.ID;
    return new Expr.Call(fn, List.of(new Expr.Ref(source)));
  }

  private static Program addArgument(Program p, String source, String target) {
    Statement def = p.definition(target);
    if (def instanceof Input) {
      throw new EditRefused(target + " is an initial variable and reads nothing; drop "
          + source + " on empty space to make a new node");
    }
    if (def instanceof MatMul) {
      throw new EditRefused("the MatMul " + target + " already has its vector; a MatMul reads "
          + "one matrix and one vector");
    }
    Instruction ins = (Instruction) def;
    if (ins.arguments().contains(source)) {
      throw new EditRefused(target + " already reads " + source);
    }
    if (source.equals(target) || ProgramEdits.descendants(p, Set.of(target)).contains(source)) {
      throw new EditRefused("would create a cycle: " + target + " already feeds " + source);
    }
    VarKind s = p.kindOf(source);
    Expr old;
    if (ins instanceof ScalarOp so) {
      if (s.isVector()) {
        throw new EditRefused(target + " is a function of scalars; a vector reaches a scalar only "
            + "through a Moment (avg)");
      }
      old = so.f();
    } else if (ins instanceof Nonlin n) {
      old = n.phi();
    } else if (ins instanceof Moment m) {
      old = m.phi();
    } else {
      old = linCombExpr((LinComb) ins);
    }
    Expr next = new Expr.Bin('+', old, new Expr.Ref(source));
    Instruction replacement = ins instanceof Moment ? new Moment(target, next)
        : Classifier.classify(target, next, p::kindOf);
    return reorder(ProgramEdits.replace(p, target, replacement));
  }

  private static Expr linCombExpr(LinComb l) {
    Expr e = null;
    for (LinComb.Term t : l.terms()) {
      Expr term = t.coefficient() == 1 ? new Expr.Ref(t.variable())
          : new Expr.Bin('*', new Expr.Num(t.coefficient()), new Expr.Ref(t.variable()));
      e = e == null ? term : new Expr.Bin('+', e, term);
    }
    return e;
  }

  /** Restores a straight-line order after an instruction gained an argument defined later. */
  private static Program reorder(Program p) {
    List<Instruction> order = ProgramEdits.topologicalOrder(p.instructions());
    if (order == null) {
      throw new EditRefused("would create a cycle");
    }
    Program.Builder b = p.toBuilder();
    b.instructions().clear();
    b.instructions().addAll(order);
    return b.build();
  }

  // ---- deleting, renaming, moving -------------------------------------------------------------

  /**
   * Deletes {@code names} and everything computed from them (a diagram never keeps an edge whose
   * end is gone), with their positions, covariances and output marks.
   */
  public record Delete(Set<String> names) implements Command {
    public Delete {
      names = Set.copyOf(names);
    }

    @Override
    public String label() {
      return names.size() == 1 ? "Delete " + names.iterator().next()
          : "Delete " + names.size() + " variables";
    }

    @Override
    public Program apply(Program p) {
      Set<String> gone = new HashSet<>(names);
      gone.removeIf(n -> !p.isDefined(n));
      if (gone.isEmpty()) {
        throw new EditRefused("nothing to delete: select a node first");
      }
      gone.addAll(ProgramEdits.descendants(p, gone));
      Program.Builder b = p.toBuilder();
      b.inputs().removeIf(s -> gone.contains(s.target()));
      b.instructions().removeIf(s -> gone.contains(s.target()));
      List<Covariance> cs = ProgramEdits.keepCovariances(b.covariances(), gone);
      b.covariances().clear();
      b.covariances().addAll(cs);
      b.outputs().removeIf(gone::contains);
      b.layout().keySet().removeIf(gone::contains);
      b.network(p.network().without(gone));
      return b.build();
    }
  }

  /** Renames a variable everywhere it appears. */
  public record Rename(String from, String to) implements Command {
    @Override
    public String label() {
      return "Rename " + from + " to " + to;
    }

    @Override
    public Program apply(Program p) {
      ProgramEdits.require(p, from);
      if (from.equals(to)) {
        return p;
      }
      checkNewName(p, to);
      Map<String, String> map = Map.of(from, to);
      Program.Builder b = p.toBuilder();
      b.inputs().replaceAll(in -> ProgramEdits.rename(in, map));
      b.instructions().replaceAll(ins -> ProgramEdits.rename(ins, map));
      b.covariances().replaceAll(c -> new Covariance(map.getOrDefault(c.a(), c.a()),
          map.getOrDefault(c.b(), c.b()), c.value()));
      b.outputs().replaceAll(o -> map.getOrDefault(o, o));
      Map<String, Point> layout = new LinkedHashMap<>();
      b.layout().forEach((k, v) -> layout.put(map.getOrDefault(k, k), v));
      b.layout().clear();
      b.layout().putAll(layout);
      b.network(p.network().renamed(n -> map.getOrDefault(n, n)));
      return b.build();
    }
  }

  /** Moves nodes; the canvas issues one per drag, on release. */
  public record Move(Map<String, Point> positions) implements Command {
    public Move {
      positions = Map.copyOf(positions);
    }

    @Override
    public String label() {
      return positions.size() == 1 ? "Move " + positions.keySet().iterator().next()
          : "Move " + positions.size() + " nodes";
    }

    @Override
    public Program apply(Program p) {
      Map<String, Point> layout = new LinkedHashMap<>(p.layout());
      positions.forEach((k, v) -> {
        ProgramEdits.require(p, k);
        layout.put(k, v);
      });
      return p.withLayout(layout);
    }
  }

  /** Replaces the whole layout (automatic layout on demand). */
  public record SetLayout(Map<String, Point> layout) implements Command {
    public SetLayout {
      layout = Map.copyOf(layout);
    }

    @Override
    public String label() {
      return "Automatic layout";
    }

    @Override
    public Program apply(Program p) {
      return p.withLayout(layout);
    }
  }

  // ---- inspector edits ------------------------------------------------------------------------

  /**
   * Sets the right-hand side of an instruction from the inspector's expression field: φ for a
   * Nonlin, the inside of {@code avg(…)} for a Moment, the expression of a LinComb or scalar op.
   * The result is classified again (a Nonlin whose φ becomes linear turns into a LinComb).
   */
  public record SetExpression(String name, String text) implements Command {
    @Override
    public String label() {
      return "Set " + name + " := " + text;
    }

    @Override
    public Program apply(Program p) {
      Statement def = ProgramEdits.require(p, name);
      if (def instanceof Input || def instanceof MatMul) {
        throw new EditRefused(name + " has no expression to edit");
      }
      Expr e;
      try {
        e = TpParser.parseExpression(text);
      } catch (org.tpe.format.TpSyntaxException ex) {
        throw new EditRefused("column " + ex.column() + ": " + ex.problems().get(0).message());
      }
      if (e.references().contains(name)) {
        throw new EditRefused("would create a cycle: " + name + " cannot read itself");
      }
      Instruction ins = def instanceof Moment ? new Moment(name, e)
          : Classifier.classify(name, e, p::kindOf);
      return reorder(ProgramEdits.replace(p, name, ins));
    }
  }

  /** Sets the matrix, transposition and vector of a MatMul. */
  public record SetMatMul(String name, String matrix, boolean transposed, String argument)
      implements Command {
    @Override
    public String label() {
      return "Set " + name + " := " + matrix + (transposed ? "^T " : " ") + argument;
    }

    @Override
    public Program apply(Program p) {
      if (!(ProgramEdits.require(p, name) instanceof MatMul)) {
        throw new EditRefused(name + " is not a MatMul");
      }
      if (p.kindOf(matrix) != VarKind.A) {
        throw new EditRefused(matrix + " is not a matrix: a MatMul needs a declared matrix");
      }
      VarKind k = p.kindOf(argument);
      if (k == null || !k.isVector()) {
        throw new EditRefused(argument + " is not a vector");
      }
      if (argument.equals(name) || ProgramEdits.descendants(p, Set.of(name)).contains(argument)) {
        throw new EditRefused("would create a cycle: " + name + " already feeds " + argument);
      }
      return reorder(ProgramEdits.replace(p, name, new MatMul(name, matrix, transposed, argument)));
    }
  }

  /**
   * Sets the parameters of an initial variable: mean and variance of a vector, σ² of a matrix
   * (the entries are N(0, σ²/n)), the limit of a scalar ({@code mean} unused for those two).
   */
  public record SetDistribution(String name, double mean, double variance) implements Command {
    @Override
    public String label() {
      return "Set distribution of " + name;
    }

    @Override
    public Program apply(Program p) {
      Statement def = ProgramEdits.require(p, name);
      if (!Double.isFinite(mean) || !Double.isFinite(variance)) {
        throw new EditRefused("enter a finite number");
      }
      Input next;
      if (def instanceof VectorInput) {
        if (variance < 0) {
          throw new EditRefused("a variance cannot be negative: " + variance);
        }
        next = new VectorInput(name, mean, variance);
      } else if (def instanceof MatrixInput) {
        if (variance <= 0) {
          throw new EditRefused("σ² of a matrix must be positive: " + variance);
        }
        next = new MatrixInput(name, variance);
      } else if (def instanceof ScalarInput) {
        next = new ScalarInput(name, variance);
      } else {
        throw new EditRefused(name + " is computed by an instruction; only initial variables "
            + "have a distribution");
      }
      return ProgramEdits.replace(p, name, next);
    }
  }

  /** Sets Cov(Z^a, Z^b) of two initial vectors; 0 removes the entry. */
  public record SetCovariance(String a, String b, double value) implements Command {
    @Override
    public String label() {
      return "Set cov(" + a + ", " + b + ")";
    }

    @Override
    public Program apply(Program p) {
      if (!(p.definition(a) instanceof VectorInput) || !(p.definition(b) instanceof VectorInput)) {
        throw new EditRefused("covariances are between two initial vectors");
      }
      if (a.equals(b)) {
        throw new EditRefused("cov(" + a + ", " + a + ") is the variance: set it in the "
            + "distribution field");
      }
      if (!Double.isFinite(value)) {
        throw new EditRefused("enter a finite number");
      }
      Program.Builder bld = p.toBuilder();
      bld.covariances().removeIf(c -> c.concerns(a, b));
      if (value != 0) {
        bld.covariance(new Covariance(a, b, value));
      }
      return bld.build();
    }
  }

  /** Marks or unmarks a vector as an output of the program. */
  public record SetOutput(String name, boolean output) implements Command {
    @Override
    public String label() {
      return (output ? "Mark " : "Unmark ") + name + " as output";
    }

    @Override
    public Program apply(Program p) {
      VarKind k = ProgramEdits.require(p, name) instanceof Input in ? in.kind() : p.kindOf(name);
      if (output && !k.isVector()) {
        throw new EditRefused("only vectors can be outputs; " + name + " is a "
            + (k == VarKind.A ? "matrix" : "scalar"));
      }
      Program.Builder b = p.toBuilder();
      b.outputs().remove(name);
      if (output) {
        b.output(name);
      }
      return b.build();
    }
  }

  /**
   * Replaces the program by one parsed from the text view. Nodes the text gives no {@code @at}
   * keep their current position, so typing never scrambles the diagram.
   */
  public record ReplaceProgram(Program next, String why) implements Command {
    public ReplaceProgram {
      Objects.requireNonNull(next, "next");
    }

    @Override
    public String label() {
      return why;
    }

    @Override
    public Program apply(Program p) {
      Map<String, Point> layout = new HashMap<>(p.layout());
      layout.putAll(next.layout());
      Map<String, Point> kept = new LinkedHashMap<>();
      for (String n : new LinkedHashSet<>(layout.keySet())) {
        if (next.isDefined(n)) {
          kept.put(n, layout.get(n));
        }
      }
      return next.withLayout(kept);
    }
  }

  // ---- shared checks ---------------------------------------------------------------------------

  private static VarKind kind(Program p, String name) {
    ProgramEdits.require(p, name);
    return p.kindOf(name);
  }

  static void checkNewName(Program p, String name) {
    if (!Names.isValid(name)) {
      throw new EditRefused("'" + name + "' is not a valid name: use letters, digits and _, "
          + "starting with a letter, optionally ending in primes; not a keyword or function");
    }
    if (p.isDefined(name)) {
      throw new EditRefused(name + " is already defined; choose another name");
    }
  }
}
