package org.tpe.network;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The network declarations of a program (TP IIb §5 Setup 5.2; DESIGN §9 "Networks"): the program's
 * statements are the forward pass of one input; these declarations add which matrices and initial
 * vectors are trainable parameters and their parametrization, which vector the scalar output
 * reads (f = vᵀx/√n in NTK parametrization), which initial vectors are the input layer's
 * embeddings U ξ_t / √d (one per token t of a sequence), and the inputs ξ₁ … ξ_k by their
 * dimension-normalised Gram matrix G[(a, t), (b, s)] = ξ_{a,t}·ξ_{b,s}/d (a per-token Gram for
 * sequence models).
 *
 * <p>In the {@code .tp} text (one statement a line, after the program):
 *
 * <pre>
 * parametrization ntk                  # ntk (default), standard or mup
 * inputs ξ1, ξ2
 * gram ξ1 : 1, 0.5                     # row ξ1 of G; with tokens: gram ξ1(2) : …
 * gram ξ2 : 0.5, 1
 * embedding U : h1                     # h1 = U ξ / √d; tokens of a sequence: embedding U : e1, e2
 * param U, W2, W3, v                   # trainable; optionally ': ntk', ': mup', ': abc(a, b, c)'
 * readout v · x3                       # f = vᵀ x3 / √n
 * </pre>
 *
 * <p>The program alone is the network on one input whose embedding vectors are independent with
 * their declared variance σ_U² ({@code tpe limits} on the file computes that); {@code
 * org.tpe.derive.Instantiation} gives it on the declared inputs.
 *
 * <p>Immutable; may be ill formed (an undefined name, a Gram row of the wrong length):
 * {@link NetworkValidator} says what is wrong and where. Equality is by value over everything but
 * source positions ({@link NetworkSource}), so {@code parse(print(p))} equals {@code p}. The
 * training setup ({@link Training}: examples with labels, test inputs, loss, learning rate, steps,
 * batch) is a further field, parsed and printed after these.
 */
public final class Network {
  /** The declarations of a program that declares no network. */
  public static final Network NONE = builder().build();

  /** A row of the Gram matrix: input {@code input}, token {@code token} (0: written without). */
  public record GramRow(String input, int token, List<Double> values) {
    public GramRow {
      Objects.requireNonNull(input, "input");
      if (token < 0) {
        throw new IllegalArgumentException("token is 1-based (0: none): " + token);
      }
      values = List.copyOf(values);
    }

    /** The token index this row is for (1 when written without a token). */
    public int tokenIndex() {
      return token == 0 ? 1 : token;
    }

    /** {@code ξ1} or {@code ξ1(2)}, as written. */
    public String label() {
      return token == 0 ? input : input + "(" + token + ")";
    }
  }

  /** An input layer: {@code matrix} (n×d, not a program variable) makes {@code tokens}. */
  public record Embedding(String matrix, List<String> tokens) {
    public Embedding {
      Objects.requireNonNull(matrix, "matrix");
      tokens = List.copyOf(tokens);
    }
  }

  /** Trainable parameters with their parametrization (null: the network's). */
  public record Param(List<String> names, Parametrization parametrization) {
    public Param {
      names = List.copyOf(names);
    }
  }

  /** f = vᵀx / n^s: the readout {@code weights} v read {@code vector} x. */
  public record Readout(String weights, String vector) {
    public Readout {
      Objects.requireNonNull(weights, "weights");
      Objects.requireNonNull(vector, "vector");
    }
  }

  private final Parametrization parametrization;
  private final List<String> inputs;
  private final List<GramRow> gram;
  private final List<Embedding> embeddings;
  private final List<Param> params;
  private final Readout readout;
  private final Training training;
  private final NetworkSource source;
  /** The trainable names, each once, in order of declaration (read on every kernel term). */
  private final List<String> paramNames;
  private final Set<String> trainable;
  /** Name → its first param line's parametrization when that line gives one. */
  private final java.util.Map<String, Parametrization> ownParametrization;

  private Network(Builder b) {
    this.parametrization = b.parametrization;
    this.inputs = List.copyOf(b.inputs);
    this.gram = List.copyOf(b.gram);
    this.embeddings = List.copyOf(b.embeddings);
    this.params = List.copyOf(b.params);
    this.readout = b.readout;
    this.training = b.training;
    this.source = b.source == null ? NetworkSource.EMPTY : b.source;
    Set<String> names = new LinkedHashSet<>();
    java.util.Map<String, Parametrization> own = new java.util.HashMap<>();
    for (Param p : params) {
      names.addAll(p.names());
      if (p.parametrization() != null) {
        for (String n : p.names()) {
          own.putIfAbsent(n, p.parametrization());
        }
      }
    }
    this.paramNames = List.copyOf(names);
    this.trainable = Set.copyOf(names);
    this.ownParametrization = own;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this network's declarations (positions dropped). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.parametrization = parametrization;
    b.inputs.addAll(inputs);
    b.gram.addAll(gram);
    b.embeddings.addAll(embeddings);
    b.params.addAll(params);
    b.readout = readout;
    b.training = training;
    return b;
  }

  /** Whether nothing is declared (the program is not a network). */
  public boolean isEmpty() {
    return parametrization == null && inputs.isEmpty() && gram.isEmpty() && embeddings.isEmpty()
        && params.isEmpty() && readout == null && training == null;
  }

  /** The declared network-wide parametrization, or null when none was written. */
  public Parametrization parametrization() {
    return parametrization;
  }

  /** The network-wide parametrization ({@link Parametrization#NTK} when none was written). */
  public Parametrization defaultParametrization() {
    return parametrization == null ? Parametrization.NTK : parametrization;
  }

  /** The input names ξ₁ … ξ_k, in order. */
  public List<String> inputs() {
    return inputs;
  }

  public List<GramRow> gram() {
    return gram;
  }

  public List<Embedding> embeddings() {
    return embeddings;
  }

  public List<Param> params() {
    return params;
  }

  /** The readout, or null when none is declared. */
  public Readout readout() {
    return readout;
  }

  /** The training setup, or null when none is declared. */
  public Training training() {
    return training;
  }

  /** A copy with this training setup (null: none). */
  public Network withTraining(Training t) {
    Builder b = toBuilder();
    b.training = t;
    return b.build();
  }

  /** Where the declarations stood in the text (empty for networks built in the editor). */
  public NetworkSource source() {
    return source;
  }

  /** The trainable parameters' names, each once, in order of declaration. */
  public List<String> paramNames() {
    return new ArrayList<>(paramNames);
  }

  /** Whether {@code name} is declared trainable. */
  public boolean isTrainable(String name) {
    return name != null && trainable.contains(name);
  }

  /** The parametrization of {@code name}: its param line's, else the network's. */
  public Parametrization parametrizationOf(String name) {
    Parametrization own = ownParametrization.get(name);
    return own != null ? own : defaultParametrization();
  }

  /** The embedding whose matrix is {@code matrix}, or null. */
  public Embedding embeddingNamed(String matrix) {
    return embeddings.stream().filter(e -> e.matrix().equals(matrix)).findFirst().orElse(null);
  }

  /** The embedding {@code token} belongs to, or null. */
  public Embedding embeddingOf(String token) {
    return embeddings.stream().filter(e -> e.tokens().contains(token)).findFirst().orElse(null);
  }

  /** T, the number of tokens per input (that of the first embedding; 1 without embeddings). */
  public int tokenCount() {
    return embeddings.isEmpty() ? 1 : Math.max(1, embeddings.get(0).tokens().size());
  }

  /**
   * G[(a, t), (b, s)] for inputs a, b (0-based) and tokens t, s (1-based), read from the rows; NaN
   * when the row or the entry is missing (the validator reports that).
   */
  public double gramEntry(int a, int t, int b, int s) {
    int tokens = tokenCount();
    String in = a < inputs.size() ? inputs.get(a) : null;
    for (GramRow r : gram) {
      if (r.input().equals(in) && r.tokenIndex() == t) {
        int col = b * tokens + (s - 1);
        return col < r.values().size() ? r.values().get(col) : Double.NaN;
      }
    }
    return Double.NaN;
  }

  // ---- edits ---------------------------------------------------------------------------------

  /** A copy with {@code name} trainable (added to a param line) or not. */
  public Network withTrainable(String name, boolean trainable) {
    Builder b = toBuilder();
    b.params.clear();
    for (Param p : params) {
      List<String> names = new ArrayList<>(p.names());
      names.remove(name);
      if (!names.isEmpty()) {
        b.params.add(new Param(names, p.parametrization()));
      }
    }
    if (trainable) {
      if (!b.params.isEmpty() && b.params.get(0).parametrization() == null) {
        List<String> names = new ArrayList<>(b.params.get(0).names());
        names.add(name);
        b.params.set(0, new Param(names, null));
      } else {
        b.params.add(0, new Param(List.of(name), null));
      }
    }
    return b.build();
  }

  /** A copy with these input layers. */
  public Network withEmbeddings(List<Embedding> es) {
    Builder b = toBuilder();
    b.embeddings.clear();
    b.embeddings.addAll(es);
    return b.build();
  }

  /** A copy with these inputs and Gram rows. */
  public Network withInputs(List<String> names, List<GramRow> rows) {
    Builder b = toBuilder();
    b.inputs(names);
    b.gram.clear();
    b.gram.addAll(rows);
    return b.build();
  }

  /** A copy with this readout (null: none). */
  public Network withReadout(Readout r) {
    Builder b = toBuilder();
    b.readout = r;
    return b.build();
  }

  /** A copy with every name the program uses renamed by {@code f} (input names stay). */
  public Network renamed(UnaryOperator<String> f) {
    Builder b = toBuilder();
    b.embeddings.replaceAll(e -> new Embedding(e.matrix(), e.tokens().stream().map(f).toList()));
    b.params.replaceAll(p -> new Param(p.names().stream().map(f).toList(), p.parametrization()));
    if (readout != null) {
      b.readout = new Readout(f.apply(readout.weights()), f.apply(readout.vector()));
    }
    return b.build();
  }

  /** A copy without the declarations that name a deleted variable. */
  public Network without(Set<String> deleted) {
    Builder b = toBuilder();
    b.params.clear();
    for (Param p : params) {
      List<String> names = p.names().stream().filter(n -> !deleted.contains(n)).toList();
      if (!names.isEmpty()) {
        b.params.add(new Param(names, p.parametrization()));
      }
    }
    b.embeddings.clear();
    for (Embedding e : embeddings) {
      List<String> tokens = e.tokens().stream().filter(n -> !deleted.contains(n)).toList();
      if (!tokens.isEmpty()) {
        b.embeddings.add(new Embedding(e.matrix(), tokens));
      }
    }
    if (readout != null && (deleted.contains(readout.weights())
        || deleted.contains(readout.vector()))) {
      b.readout = null;
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Network n && Objects.equals(parametrization, n.parametrization)
        && inputs.equals(n.inputs) && gram.equals(n.gram) && embeddings.equals(n.embeddings)
        && params.equals(n.params) && Objects.equals(readout, n.readout)
        && Objects.equals(training, n.training);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parametrization, inputs, gram, embeddings, params, readout, training);
  }

  @Override
  public String toString() {
    return isEmpty() ? "Network[none]" : "Network[" + inputs.size() + " inputs, params "
        + paramNames() + (readout == null ? "" : ", readout " + readout.weights() + "·"
        + readout.vector()) + "]";
  }

  /** Collects declarations; {@link #build()} may be called more than once. */
  public static final class Builder {
    private Parametrization parametrization;
    private final List<String> inputs = new ArrayList<>();
    private final List<GramRow> gram = new ArrayList<>();
    private final List<Embedding> embeddings = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();
    private Readout readout;
    private Training training;
    private NetworkSource source;

    private Builder() {}

    public Builder parametrization(Parametrization p) {
      this.parametrization = p;
      return this;
    }

    public Builder inputs(List<String> names) {
      inputs.clear();
      inputs.addAll(names);
      return this;
    }

    public Builder gramRow(GramRow r) {
      gram.add(Objects.requireNonNull(r));
      return this;
    }

    /** Replaces the Gram rows by those of a full matrix over (input, token), input-major. */
    public Builder gramMatrix(double[][] g) {
      gram.clear();
      int tokens = embeddings.isEmpty() ? 1 : Math.max(1, embeddings.get(0).tokens().size());
      for (int r = 0; r < g.length; r++) {
        List<Double> row = new ArrayList<>();
        for (double v : g[r]) {
          row.add(v);
        }
        gram.add(new GramRow(inputs.get(r / tokens), tokens == 1 ? 0 : r % tokens + 1, row));
      }
      return this;
    }

    public Builder embedding(Embedding e) {
      embeddings.add(Objects.requireNonNull(e));
      return this;
    }

    public Builder param(Param p) {
      params.add(Objects.requireNonNull(p));
      return this;
    }

    /** Replaces the param statements. */
    public Builder params(List<Param> ps) {
      params.clear();
      params.addAll(ps);
      return this;
    }

    public Builder readout(Readout r) {
      this.readout = r;
      return this;
    }

    public Builder training(Training t) {
      this.training = t;
      return this;
    }

    public Builder source(NetworkSource s) {
      this.source = s;
      return this;
    }

    public Network build() {
      return new Network(this);
    }
  }
}
