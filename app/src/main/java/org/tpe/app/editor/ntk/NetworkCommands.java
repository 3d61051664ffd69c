package org.tpe.app.editor.ntk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tpe.app.editor.model.Command;
import org.tpe.app.editor.model.EditRefused;
import org.tpe.format.TpParser;
import org.tpe.format.TpSyntaxException;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.network.Network;

/**
 * Edits of a program's network declarations from the inspector and the NTK tab, as undoable
 * commands: mark a parameter trainable, an initial vector as an embedding of the input layer, a
 * vector as what the output reads, and set the inputs with their Gram rows.
 */
public final class NetworkCommands {
  private NetworkCommands() {}

  private static Program with(Program p, Network n) {
    return p.toBuilder().network(n).build();
  }

  /** Marks {@code name} (a matrix, an initial vector or an input layer) trainable or not. */
  public record SetTrainable(String name, boolean trainable) implements Command {
    @Override
    public String label() {
      return (trainable ? "Train " : "Freeze ") + name;
    }

    @Override
    public Program apply(Program p) {
      return with(p, p.network().withTrainable(name, trainable));
    }
  }

  /**
   * Makes the initial vector {@code token} an embedding vector of the input layer {@code matrix}
   * (a new layer, trainable, when there is none) or removes it from its layer.
   */
  public record SetEmbedding(String token, String matrix, boolean embedding) implements Command {
    @Override
    public String label() {
      return embedding ? "Make " + token + " an embedding of " + matrix
          : "Remove " + token + " from the input layer";
    }

    @Override
    public Program apply(Program p) {
      if (embedding && !(p.definition(token) instanceof VectorInput)) {
        throw new EditRefused("only an initial vector can be an embedding Uξ/√d");
      }
      Network n = p.network().without(Set.of(token));
      if (!embedding) {
        return with(p, n);
      }
      List<Network.Embedding> es = new ArrayList<>(n.embeddings());
      Network.Embedding e = n.embeddingNamed(matrix);
      if (e == null) {
        es.add(new Network.Embedding(matrix, List.of(token)));
      } else {
        List<String> ts = new ArrayList<>(e.tokens());
        ts.add(token);
        es.set(es.indexOf(e), new Network.Embedding(matrix, ts));
      }
      Network out = n.withEmbeddings(es);
      return with(p, e == null && !out.isTrainable(matrix) ? out.withTrainable(matrix, true)
          : out);
    }
  }

  /**
   * Makes the output read {@code vector}: with the existing readout weights, or with new weights
   * {@code v ~ N(0, 1)} (trainable) when the network has none.
   */
  public record ReadOut(String vector) implements Command {
    @Override
    public String label() {
      return "Read out " + vector;
    }

    @Override
    public Program apply(Program p) {
      VarKind k = p.kindOf(vector);
      if (k == null || !k.isVector()) {
        throw new EditRefused("the output reads a vector: f = vᵀx/√n");
      }
      Network n = p.network();
      if (n.readout() != null) {
        return with(p, n.withReadout(new Network.Readout(n.readout().weights(), vector)));
      }
      Set<String> taken = new HashSet<>();
      p.statements().forEach(s -> taken.add(s.target()));
      String w = "v";
      for (int i = 2; taken.contains(w); i++) {
        w = "v" + i;
      }
      Program.Builder b = p.toBuilder();
      b.input(VectorInput.of(w));
      b.network(n.withReadout(new Network.Readout(w, vector)).withTrainable(w, true));
      return b.build();
    }
  }

  /**
   * Replaces the inputs and their Gram rows by those written in {@code text}, in the {@code .tp}
   * syntax ({@code inputs ξ1, ξ2} and {@code gram ξ1 : 1, 0.5} lines).
   */
  public record SetInputs(String text) implements Command {
    @Override
    public String label() {
      return "Set the inputs";
    }

    @Override
    public Program apply(Program p) {
      Network typed;
      try {
        typed = TpParser.parse(text).network();
      } catch (TpSyntaxException e) {
        throw new EditRefused(org.tpe.app.editor.Where.of(new org.tpe.model.SourcePos(e.line(),
            e.column())) + ": "
            + e.problems().get(0).message());
      }
      if (typed.inputs().isEmpty()) {
        throw new EditRefused("write the inputs as 'inputs ξ1, ξ2' followed by their Gram rows");
      }
      return with(p, p.network().withInputs(typed.inputs(), typed.gram()));
    }
  }

  /** The inputs and Gram rows of {@code p} as text (what {@link SetInputs} reads back). */
  public static String inputsText(Program p) {
    Network n = p.network();
    if (n.inputs().isEmpty()) {
      return "inputs ξ1, ξ2\ngram ξ1 : 1, 0.5\ngram ξ2 : 0.5, 1\n";
    }
    Network only = Network.builder().build().withInputs(n.inputs(), n.gram());
    return org.tpe.format.TpPrinter.print(Program.builder().network(only).build());
  }
}
