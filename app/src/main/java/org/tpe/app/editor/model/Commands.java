package org.tpe.app.editor.model;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * drags, so the reason is shown before the mouse is released; it checks the connection without
   * building anything (the name of a new node is chosen on release).
   */
  public static String whyNot(Program p, ConnectTool tool, String source, String target) {
    try {
      plan(p, tool, source, target);
      return null;
    } catch (EditRefused e) {
      return e.reason();
    }
  }

  /** What a legal connection makes: a new MatMul, Nonlin or Moment, or one more argument. */
  private enum Kind { NEW_MATMUL, NEW_NONLIN, NEW_MOMENT, ADD_ARGUMENT }

  /** A checked connection: what it makes, and for a MatMul its matrix and vector. */
  private record Plan(Kind kind, String matrix, String vector) {}

  /** Checks a connection of {@code source} to {@code target} (null: empty space). */
  private static Plan plan(Program p, ConnectTool tool, String source, String target) {
    VarKind s = kind(p, source);
    VarKind t = target == null ? null : kind(p, target);
    if (source.equals(target)) {
      throw new EditRefused("drag from one node to another one, not onto itself");
    }
    switch (tool) {
      case MATMUL: {
        if (s == VarKind.A && t != null && t.isVector()) {
          return new Plan(Kind.NEW_MATMUL, source, target);
        } else if (t == VarKind.A && s.isVector()) {
          return new Plan(Kind.NEW_MATMUL, target, source);
        } else if (t == null) {
          throw new EditRefused("a MatMul needs a matrix: drop the vector " + source
              + " on a matrix (add one from the palette)");
        } else if (s.isVector() && t.isVector()) {
          throw new EditRefused("a MatMul needs a matrix: drop the vector on a matrix, not on "
              + "the vector " + target);
        } else if (s == VarKind.A && t == VarKind.A) {
          throw new EditRefused("a MatMul multiplies a matrix by a vector, not two matrices");
        } else {
          throw new EditRefused("a MatMul multiplies a matrix by a vector; "
              + (s == VarKind.SCALAR ? source : target) + " is a scalar");
        }
      }
      case MOMENT: {
        if (!s.isVector()) {
          throw new EditRefused("a Moment averages a vector: drag from a vector, not from the "
              + (s == VarKind.A ? "matrix " : "scalar ") + source);
        }
        if (t != null) {
          checkArgument(p, source, target);
          return new Plan(Kind.ADD_ARGUMENT, null, null);
        }
        return new Plan(Kind.NEW_MOMENT, null, null);
      }
      default: {
        if (s == VarKind.A) {
          throw new EditRefused("a matrix cannot enter a Nonlin: use the MatMul tool and drop "
              + source + " on a vector");
        }
        if (t != null) {
          checkArgument(p, source, target);
          return new Plan(Kind.ADD_ARGUMENT, null, null);
        }
        if (s == VarKind.SCALAR) {
          throw new EditRefused("a Nonlin needs a vector: drop the scalar " + source
              + " on an existing Nonlin to make it a Nonlin+");
        }
        return new Plan(Kind.NEW_NONLIN, null, null);
      }
    }
  }

  private static Program connect(Program p, Connect c) {
    Plan plan = plan(p, c.tool(), c.source(), c.target());
    if (plan.kind() == Kind.ADD_ARGUMENT) {
      return addArgument(p, c.source(), c.target());
    }
    checkNewName(p, c.newName());
    Instruction ins = switch (plan.kind()) {
      case NEW_MATMUL -> new MatMul(c.newName(), plan.matrix(), false, plan.vector());
      case NEW_MOMENT -> {
        Expr x = new Expr.Ref(c.source());
        yield new Moment(c.newName(), new Expr.Bin('*', x, x));
      }
      default -> Classifier.classify(c.newName(), defaultPhi(p, c.source()), p::kindOf);
    };
    return p.toBuilder().instruction(ins).position(c.newName(), c.at()).build();
  }

  /** relu of a G-var (the papers' running example); the identity of anything else. */
  static Expr defaultPhi(Program p, String source) {
    Fn fn = p.kindOf(source) == VarKind.G ? Fn.RELU : Fn.ID;
    return new Expr.Call(fn, List.of(new Expr.Ref(source)));
  }

  /** Checks that {@code source} may become one more argument of {@code target}'s instruction. */
  private static void checkArgument(Program p, String source, String target) {
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
    if (ins instanceof ScalarOp && p.kindOf(source).isVector()) {
      throw new EditRefused(target + " is a function of scalars; a vector reaches a scalar only "
          + "through a Moment (avg)");
    }
  }

  private static Program addArgument(Program p, String source, String target) {
    Instruction ins = (Instruction) p.definition(target);
    Expr old;
    if (ins instanceof ScalarOp so) {
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

    /** Dependents named in a label; more are counted. */
    static final int NAMED = 8;

    @Override
    public String label() {
      return names.size() == 1 ? "Delete " + names.iterator().next()
          : "Delete " + names.size() + " variables";
    }

    /**
     * "Delete x1 and its dependents h2, x2, dh2" (in program order): what reads the deleted
     * variables goes with them, and the user is told which.
     */
    @Override
    public String label(Program before) {
      Set<String> asked = new HashSet<>(names);
      asked.removeIf(n -> !before.isDefined(n));
      Set<String> deps = ProgramEdits.descendants(before, asked);
      deps.removeAll(asked);
      List<String> ordered = before.statements().stream().map(Statement::target)
          .filter(deps::contains).distinct().toList();
      String what = asked.size() == 1 ? "Delete " + asked.iterator().next()
          : "Delete " + asked.size() + " variables";
      if (ordered.isEmpty()) {
        return asked.isEmpty() ? label() : what;
      }
      String list = String.join(", ", ordered.subList(0, Math.min(NAMED, ordered.size())))
          + (ordered.size() > NAMED ? ", … (" + ordered.size() + " in all)" : "");
      return what + " and " + (asked.size() == 1 ? "its" : "their") + " dependent"
          + (ordered.size() == 1 ? " " : "s ") + list;
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

  /**
   * Automatic layout: every node given back to the layout engine, that is every {@code @at}
   * annotation removed (a node without a position is where automatic layout puts it).
   */
  public record AutomaticLayout() implements Command {
    @Override
    public String label() {
      return "Automatic layout";
    }

    @Override
    public Program apply(Program p) {
      return p.withLayout(Map.of());
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
      // the first entry about {a, b} keeps its place (and its line in the text) with the new value
      Program.Builder bld = p.toBuilder();
      List<Covariance> cs = bld.covariances();
      int at = -1;
      for (int i = 0; i < cs.size() && at < 0; i++) {
        if (cs.get(i).concerns(a, b)) {
          at = i;
        }
      }
      Covariance first = at < 0 ? new Covariance(a, b, value)
          : new Covariance(cs.get(at).a(), cs.get(at).b(), value);
      cs.removeIf(c -> c.concerns(a, b));
      if (value != 0) {
        cs.add(at < 0 ? cs.size() : at, first);
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
