package org.tpe.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.tpe.network.Network;

/**
 * A Tensor Program (DESIGN §3): initial variables, covariances of initial vectors, a straight-line
 * sequence of instructions, the output vectors, a title, and node positions for the diagram.
 *
 * <p>Immutable. A program may be ill formed (an undefined name, a cycle, a matrix used as a
 * vector): the model holds what the user wrote so that {@code Validator} can say what is wrong
 * and where. Kinds are those of each name's first definition.
 *
 * <p>Equality is by value over everything but source positions, so {@code parse(print(p))}
 * equals {@code p}.
 */
public final class Program {
  private final String title;
  private final List<Input> inputs;
  private final List<Covariance> covariances;
  private final List<Instruction> instructions;
  private final List<String> outputs;
  private final Map<String, Point> layout;
  private final SourceMap sourceMap;
  /**
   * Each name's first definition, its index in {@link #inputs} or {@link #instructions} and its
   * kind: one map, and a kind read without touching the statement.
   */
  private final Map<String, Definition> definitions;
  /** The first definition of each name, in program order (inputs first). */
  private final List<Statement> firstDefinitions;
  /**
   * The last {@code cov} entry for each unordered pair of names, keyed by the pair of the names'
   * numbers ({@link CovarianceIndex}); made on the first lookup, as a command that reads the
   * {@code cov} lines in order (the initial covariance of the limits) never needs it. Immutable
   * once made (final fields), so two threads that race to make it each see a whole one.
   */
  private volatile CovarianceIndex covarianceIndex;
  /** The vector inputs, in program order. */
  private final List<VectorInput> vectorInputs;
  /** The {@code cov} lines resolved to vector inputs ({@link CovarianceInputs}), on first use. */
  private volatile CovarianceInputs covarianceInputs;
  private final Network network;

  private Program(Builder b) {
    this.title = b.title == null ? "" : b.title;
    this.inputs = List.copyOf(b.inputs);
    this.covariances = List.copyOf(b.covariances);
    this.instructions = List.copyOf(b.instructions);
    this.outputs = List.copyOf(b.outputs);
    this.layout = Collections.unmodifiableMap(new LinkedHashMap<>(b.layout));
    this.sourceMap = b.sourceMap == null ? SourceMap.EMPTY : b.sourceMap;
    this.network = b.network == null ? Network.NONE : b.network;
    // sized for every name at once: a rehash per doubling costs more than the puts
    int names = capacity(inputs.size() + instructions.size());
    Map<String, Definition> defs = new HashMap<>(names);
    List<Statement> firsts = new ArrayList<>(inputs.size() + instructions.size());
    for (int i = 0; i < inputs.size(); i++) {
      Input in = inputs.get(i);
      if (defs.putIfAbsent(in.target(), new Definition(in, i, in.kind(), firsts.size())) == null) {
        firsts.add(in);
      }
    }
    for (int i = 0; i < instructions.size(); i++) {
      Instruction ins = instructions.get(i);
      if (defs.putIfAbsent(ins.target(), new Definition(ins, i, ins.resultKind(), firsts.size()))
          == null) {
        firsts.add(ins);
      }
    }
    this.firstDefinitions = Collections.unmodifiableList(firsts);
    this.definitions = defs;
    List<VectorInput> vins = new ArrayList<>();
    for (Input in : inputs) {
      if (in instanceof VectorInput v) {
        vins.add(v);
      }
    }
    this.vectorInputs = Collections.unmodifiableList(vins);
  }

  /** The initial capacity of a HashMap that holds {@code n} entries without rehashing. */
  private static int capacity(int n) {
    return (int) Math.min(1 << 30, n * 4L / 3 + 1);
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this program's content (positions dropped), to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.title = title;
    b.inputs.addAll(inputs);
    b.covariances.addAll(covariances);
    b.instructions.addAll(instructions);
    b.outputs.addAll(outputs);
    b.layout.putAll(layout);
    b.network = network;
    return b;
  }

  public String title() {
    return title;
  }

  public List<Input> inputs() {
    return inputs;
  }

  public List<Covariance> covariances() {
    return covariances;
  }

  public List<Instruction> instructions() {
    return instructions;
  }

  public List<String> outputs() {
    return outputs;
  }

  /** Node positions from {@code @at} annotations or the editor; analyses ignore them. */
  public Map<String, Point> layout() {
    return layout;
  }

  public SourceMap sourceMap() {
    return sourceMap;
  }

  /**
   * The network declarations (parameters, readout, inputs and their Gram matrix; {@link
   * Network#NONE} when the program declares none): the program is then the forward pass of one
   * input of that network.
   */
  public Network network() {
    return network;
  }

  /** Inputs then instructions: every statement that defines a variable. */
  public List<Statement> statements() {
    List<Statement> out = new ArrayList<>(inputs.size() + instructions.size());
    out.addAll(inputs);
    out.addAll(instructions);
    return out;
  }

  /**
   * A name's first definition: the statement, its index among its kind's, its kind, and the
   * name's number (its place in {@link #firstDefinitions}: inputs first, then instructions).
   */
  private record Definition(Statement statement, int index, VarKind kind, int number) {}

  /** The (first) statement defining {@code name}, or null. */
  public Statement definition(String name) {
    Definition d = definitions.get(name);
    return d == null ? null : d.statement();
  }

  /** Whether some statement defines {@code name}. */
  public boolean isDefined(String name) {
    return definitions.containsKey(name);
  }

  /** The kind of {@code name}, or null if nothing defines it. */
  public VarKind kindOf(String name) {
    Definition d = definitions.get(name);
    return d == null ? null : d.kind();
  }

  private static VarKind kindOf(Statement s) {
    return s instanceof Input in ? in.kind() : ((Instruction) s).resultKind();
  }

  /**
   * Index of the instruction defining {@code name}, or -1 for inputs and unknown names. O(1).
   */
  public int instructionIndex(String name) {
    Definition d = definitions.get(name);
    return d != null && d.statement() instanceof Instruction ? d.index() : -1;
  }

  /** Index of the input declaring {@code name}, or -1 for instructions and unknown names. O(1). */
  public int inputIndex(String name) {
    Definition d = definitions.get(name);
    return d != null && d.statement() instanceof Input ? d.index() : -1;
  }

  /**
   * Where the (first) statement defining {@code name} stands in the text, or null (unknown name,
   * or a program without text). O(1).
   */
  public SourcePos definitionPos(String name) {
    Definition d = definitions.get(name);
    if (d == null) {
      return null;
    }
    return d.statement() instanceof Input ? sourceMap.input(d.index())
        : sourceMap.instruction(d.index());
  }

  /** Names of all variables of the given kinds, inputs first, each once, in program order. */
  public List<String> names(VarKind... kinds) {
    List<String> out = new ArrayList<>();
    for (Statement s : firstDefinitions) {
      VarKind k = kindOf(s);
      for (VarKind want : kinds) {
        if (k == want) {
          out.add(s.target());
          break;
        }
      }
    }
    return out;
  }

  /** Vectors (G- and X-vars) in program order. */
  public List<String> vectors() {
    return names(VarKind.G, VarKind.X);
  }

  /** Scalars in program order. */
  public List<String> scalars() {
    return names(VarKind.SCALAR);
  }

  /** Matrices in program order. */
  public List<String> matrices() {
    return names(VarKind.A);
  }

  /** Initial vectors in program order. */
  public List<VectorInput> vectorInputs() {
    return vectorInputs;
  }

  /**
   * The two vector inputs each {@code cov} line names, by their positions in {@link
   * #vectorInputs()} (-1 for a name whose first definition is not a vector input). Made on the
   * first call; immutable (final fields), so two threads that race to make it each see a whole
   * one.
   */
  public CovarianceInputs covarianceInputs() {
    CovarianceInputs c = covarianceInputs;
    if (c == null) {
      c = new CovarianceInputs(this);
      covarianceInputs = c;
    }
    return c;
  }

  /**
   * Cov(Z^a, Z^b) of two initial vectors as declared: the variance when {@code a = b}, the
   * {@code cov} entry if any (the last one wins), else 0. O(1) (an index built with the program).
   */
  public double initialCovariance(String a, String b) {
    if (a.equals(b) && definition(a) instanceof VectorInput v) {
      return v.variance();
    }
    int i = covarianceIndex(a, b);
    return i < 0 ? 0 : covariances.get(i).value();
  }

  /**
   * Index in {@link #covariances()} of the {@code cov} entry that gives Cov(a, b) — the last one
   * about the unordered pair {a, b} — or -1 when there is none. O(1).
   */
  public int covarianceIndex(String a, String b) {
    CovarianceIndex index = covarianceIndex;
    if (index == null) {
      index = new CovarianceIndex(this);
      covarianceIndex = index;
    }
    return index.get(a, b);
  }

  /**
   * The last {@code cov} entry about each unordered pair of names: a {@link PairIndex} from the
   * pair of the names' numbers to the entry's index in {@link #covariances()}. A defined name's
   * number is its {@link Definition#number()}; a name no statement defines (an ill-formed
   * program, which the validator reports) gets the next free number here. No boxing and one
   * table, where an index by name needs a hash map per row.
   */
  private static final class CovarianceIndex {
    private final Map<String, Definition> definitions;
    /** Numbers of the names in {@code cov} lines that nothing defines (usually empty). */
    private final Map<String, Integer> undefined = new HashMap<>();
    private final PairIndex entries;

    CovarianceIndex(Program p) {
      definitions = p.definitions;
      List<Covariance> covs = p.covariances;
      entries = new PairIndex(covs.size());
      int next = p.firstDefinitions.size();
      for (int i = 0; i < covs.size(); i++) {
        Covariance c = covs.get(i);
        int x = number(c.a());
        if (x < 0) {
          x = next++;
          undefined.put(c.a(), x);
        }
        int y = number(c.b());
        if (y < 0) {
          y = next++;
          undefined.put(c.b(), y);
        }
        entries.put(x, y, i); // a later line about the same pair overwrites: the last one wins
      }
    }

    /** The name's number, or -1 when no statement defines it and no cov line names it. */
    private int number(String name) {
      Definition d = definitions.get(name);
      if (d != null) {
        return d.number();
      }
      Integer u = undefined.get(name);
      return u == null ? -1 : u;
    }

    int get(String a, String b) {
      int x = number(a);
      int y = number(b);
      return x < 0 || y < 0 ? -1 : entries.get(x, y);
    }
  }

  /** Whether instruction {@code ins} is a Nonlin+ (a Nonlin reading scalars). */
  public boolean isNonlinPlus(Nonlin ins) {
    return ins.arguments().stream().anyMatch(a -> kindOf(a) == VarKind.SCALAR);
  }

  /** A copy with {@code name}'s node at {@code p} (or unplaced when {@code p} is null). */
  public Program withPosition(String name, Point p) {
    Builder b = toBuilderKeepingSource();
    if (p == null) {
      b.layout.remove(name);
    } else {
      b.layout.put(name, p);
    }
    return b.build();
  }

  /** A copy with the given layout (positions for names not in the program are dropped). */
  public Program withLayout(Map<String, Point> newLayout) {
    Builder b = toBuilderKeepingSource();
    b.layout.clear();
    newLayout.forEach((k, v) -> {
      if (isDefined(k)) {
        b.layout.put(k, v);
      }
    });
    return b.build();
  }

  /** A copy whose instructions are transformed one by one. */
  public Program mapInstructions(UnaryOperator<Instruction> f) {
    Builder b = toBuilder();
    b.instructions.replaceAll(f);
    return b.build();
  }

  private Builder toBuilderKeepingSource() {
    Builder b = toBuilder();
    b.sourceMap = sourceMap;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Program p)) {
      return false;
    }
    return title.equals(p.title) && inputs.equals(p.inputs) && covariances.equals(p.covariances)
        && instructions.equals(p.instructions) && outputs.equals(p.outputs)
        && layout.equals(p.layout) && network.equals(p.network);
  }

  @Override
  public int hashCode() {
    return Objects.hash(title, inputs, covariances, instructions, outputs, layout, network);
  }

  @Override
  public String toString() {
    return "Program[" + (title.isEmpty() ? "" : "\"" + title + "\", ") + inputs.size()
        + " inputs, " + instructions.size() + " instructions]";
  }

  /** Collects the parts of a program; {@link #build()} may be called more than once. */
  public static final class Builder {
    private static final java.util.regex.Pattern LINE_BREAKS =
        java.util.regex.Pattern.compile("[\\r\\n]+");

    private String title = "";
    private final List<Input> inputs = new ArrayList<>();
    private final List<Covariance> covariances = new ArrayList<>();
    private final List<Instruction> instructions = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, Point> layout = new LinkedHashMap<>();
    private SourceMap sourceMap;
    private Network network;

    private Builder() {}

    /** Sets the title; line breaks become spaces (a title is one line of the text format). */
    public Builder title(String t) {
      Objects.requireNonNull(t);
      // the regex only where it has work (a title is set on every derived program)
      this.title = t.indexOf('\n') < 0 && t.indexOf('\r') < 0 ? t
          : LINE_BREAKS.matcher(t).replaceAll(" ");
      return this;
    }

    public Builder input(Input in) {
      inputs.add(Objects.requireNonNull(in));
      return this;
    }

    public Builder covariance(Covariance c) {
      covariances.add(Objects.requireNonNull(c));
      return this;
    }

    public Builder instruction(Instruction i) {
      instructions.add(Objects.requireNonNull(i));
      return this;
    }

    public Builder output(String name) {
      outputs.add(Objects.requireNonNull(name));
      return this;
    }

    public Builder position(String name, Point p) {
      layout.put(Objects.requireNonNull(name), Objects.requireNonNull(p));
      return this;
    }

    public Builder sourceMap(SourceMap m) {
      this.sourceMap = m;
      return this;
    }

    /** Sets the network declarations ({@link Network#NONE} for none). */
    public Builder network(Network n) {
      this.network = n;
      return this;
    }

    public Network network() {
      return network == null ? Network.NONE : network;
    }

    public List<Input> inputs() {
      return inputs;
    }

    public List<Instruction> instructions() {
      return instructions;
    }

    public List<Covariance> covariances() {
      return covariances;
    }

    public List<String> outputs() {
      return outputs;
    }

    public Map<String, Point> layout() {
      return layout;
    }

    public Program build() {
      return new Program(this);
    }
  }
}
