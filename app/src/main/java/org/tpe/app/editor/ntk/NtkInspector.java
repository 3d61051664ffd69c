package org.tpe.app.editor.ntk;

import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.GridPane;
import org.tpe.app.editor.model.Command;
import org.tpe.model.MatrixInput;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.network.Network;

/**
 * The inspector's network controls for the selected variable: "trainable parameter" for a
 * matrix or an initial vector, "embedding of the input layer U" for an initial vector, and "read
 * out" for any vector. Each edit is a {@link NetworkCommands} command.
 */
public final class NtkInspector {
  private NtkInspector() {}

  /** Adds the controls for {@code name} of {@code p} to {@code g} from row {@code row}. */
  public static int addTo(GridPane g, int row, Program p, String name, Consumer<Command> run) {
    Network n = p.network();
    boolean initialVector = p.definition(name) instanceof VectorInput;
    if (p.definition(name) instanceof MatrixInput || (initialVector
        && n.embeddingOf(name) == null)) {
      CheckBox c = new CheckBox("trainable parameter");
      c.setId("inspector-trainable");
      c.setSelected(n.isTrainable(name));
      c.setOnAction(e -> run.accept(new NetworkCommands.SetTrainable(name, c.isSelected())));
      g.add(c, 1, row++);
    }
    if (initialVector && (n.readout() == null || !n.readout().weights().equals(name))) {
      Network.Embedding e = n.embeddingOf(name);
      String matrix = e != null ? e.matrix() : n.embeddings().isEmpty() ? "U"
          : n.embeddings().get(0).matrix();
      CheckBox c = new CheckBox("embedding " + matrix + "ξ/√d of the input layer");
      c.setId("inspector-embedding");
      c.setSelected(e != null);
      c.setOnAction(ev -> run.accept(new NetworkCommands.SetEmbedding(name, matrix,
          c.isSelected())));
      g.add(c, 1, row++);
    }
    VarKind k = p.kindOf(name);
    if (k != null && k.isVector() && !initialVector || (initialVector
        && n.embeddingOf(name) != null)) {
      boolean read = n.readout() != null && n.readout().vector().equals(name);
      Button b = new Button(read ? "the output reads this vector" : "Read out this vector");
      b.setId("inspector-readout");
      b.setDisable(read);
      b.setOnAction(e -> run.accept(new NetworkCommands.ReadOut(name)));
      g.add(b, 1, row++);
    }
    return row;
  }
}
