package org.tpe.app.editor;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.tpe.app.editor.model.Command;
import org.tpe.app.editor.model.Commands;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.format.TpSyntaxException;
import org.tpe.model.Input;
import org.tpe.model.Instruction;
import org.tpe.model.MatMul;
import org.tpe.model.MatrixInput;
import org.tpe.model.Moment;
import org.tpe.model.Nonlin;
import org.tpe.model.Program;
import org.tpe.model.ScalarInput;
import org.tpe.model.ScalarOp;
import org.tpe.model.Statement;
import org.tpe.model.VarKind;
import org.tpe.model.VectorInput;
import org.tpe.expr.ExprPrinter;

/**
 * The inspector for the selected variable: name, kind, the distribution of an initial variable
 * (N(mean, variance) of a vector, σ² of a matrix, the limit of a scalar), the expression of an
 * instruction with live parse errors (TpParser.parseExpression on each keystroke), a MatMul's
 * matrix and transposition, the output mark, and covariances with the other initial vectors. Edits
 * are committed with Enter or when the field loses focus, each as one command.
 */
final class InspectorPane extends VBox {
  private final Consumer<Command> run;
  private String shown;
  private List<Object> shownKey;

  InspectorPane(Consumer<Command> run) {
    this.run = run;
    setPadding(new Insets(8));
    setSpacing(6);
    setId("inspector");
    show(null, null);
  }

  /**
   * Shows {@code name} of {@code p} (nothing selected when null). When what the inspector shows of
   * it is unchanged (a node moved, another variable edited) the fields are left alone: a field
   * being typed in keeps its text, and no control is rebuilt.
   */
  void show(Program p, String name) {
    List<Object> key = key(p, name);
    if (key.equals(shownKey)) {
      return;
    }
    shownKey = key;
    shown = name;
    getChildren().clear();
    Label head = new Label("Inspector");
    head.setStyle("-fx-font-weight: bold;");
    getChildren().add(head);
    if (p == null || name == null || !p.isDefined(name)) {
      getChildren().add(new Label("Select one node to inspect it."));
      return;
    }
    Statement def = p.definition(name);
    VarKind k = p.kindOf(name);
    GridPane g = new GridPane();
    g.setHgap(6);
    g.setVgap(5);
    int row = 0;
    TextField nameField = field("inspector-name", name);
    commit(nameField, () -> new Commands.Rename(name, nameField.getText().trim()));
    g.addRow(row++, new Label("Name"), nameField);
    g.addRow(row++, new Label("Kind"), new Label(kindText(p, def, k)));
    if (def instanceof VectorInput v) {
      TextField mean = field("inspector-mean", num(v.mean()));
      TextField var = field("inspector-variance", num(v.variance()));
      commit(mean, () -> new Commands.SetDistribution(name, parse(mean), v.variance()));
      commit(var, () -> new Commands.SetDistribution(name, v.mean(), parse(var)));
      g.addRow(row++, new Label("Mean"), mean);
      g.addRow(row++, new Label("Variance"), var);
    } else if (def instanceof MatrixInput m) {
      TextField s2 = field("inspector-variance", num(m.sigma2()));
      commit(s2, () -> new Commands.SetDistribution(name, 0, parse(s2)));
      g.addRow(row++, new Label("σ² (entries N(0, σ²/n))"), s2);
    } else if (def instanceof ScalarInput s) {
      TextField val = field("inspector-variance", num(s.value()));
      commit(val, () -> new Commands.SetDistribution(name, 0, parse(val)));
      g.addRow(row++, new Label("Limit θ̊"), val);
    } else if (def instanceof MatMul mm) {
      ComboBox<String> matrix = new ComboBox<>();
      matrix.getItems().setAll(p.matrices());
      matrix.setValue(mm.matrix());
      matrix.setId("inspector-matrix");
      CheckBox t = new CheckBox("transposed (Wᵀ)");
      t.setId("inspector-transposed");
      t.setSelected(mm.transposed());
      ComboBox<String> arg = new ComboBox<>();
      arg.getItems().setAll(p.vectors().stream().filter(x -> !x.equals(name)).toList());
      arg.setValue(mm.argument());
      arg.setId("inspector-argument");
      Runnable apply = () -> run.accept(new Commands.SetMatMul(name, matrix.getValue(),
          t.isSelected(), arg.getValue()));
      matrix.setOnAction(e -> apply.run());
      t.setOnAction(e -> apply.run());
      arg.setOnAction(e -> apply.run());
      g.addRow(row++, new Label("Matrix"), matrix);
      g.addRow(row++, new Label(""), t);
      g.addRow(row++, new Label("Vector"), arg);
    } else {
      Instruction ins = (Instruction) def;
      String text = ins instanceof Moment mo ? ExprPrinter.print(mo.phi())
          : ins instanceof Nonlin n ? ExprPrinter.print(n.phi())
          : ins instanceof ScalarOp so ? ExprPrinter.print(so.f()) : TpPrinter.rhs(ins);
      TextField expr = field("inspector-expr", text);
      Label err = new Label();
      err.setId("inspector-expr-error");
      err.setStyle("-fx-text-fill: #b00020;");
      err.setWrapText(true);
      expr.textProperty().addListener((o, a, b) -> {
        try {
          TpParser.parseExpression(b);
          err.setText("");
          expr.setStyle("");
        } catch (TpSyntaxException ex) {
          err.setText("column " + ex.column() + ": " + ex.problems().get(0).message());
          expr.setStyle("-fx-border-color: #b00020;");
        }
      });
      commit(expr, () -> new Commands.SetExpression(name, expr.getText()));
      g.addRow(row++, new Label(ins instanceof Moment ? "avg( φ )" : "φ"), expr);
      g.add(err, 1, row++);
    }
    if (k != null && k.isVector()) {
      CheckBox out = new CheckBox("output");
      out.setId("inspector-output");
      out.setSelected(p.outputs().contains(name));
      out.setOnAction(e -> run.accept(new Commands.SetOutput(name, out.isSelected())));
      g.add(out, 1, row++);
    }
    row = org.tpe.app.editor.ntk.NtkInspector.addTo(g, row, p, name, run);
    getChildren().add(g);
    if (def instanceof VectorInput) {
      List<VectorInput> others = p.vectorInputs().stream().filter(v -> !v.name().equals(name))
          .toList();
      if (!others.isEmpty()) {
        Label c = new Label("Covariances");
        c.setStyle("-fx-font-weight: bold;");
        GridPane cg = new GridPane();
        cg.setHgap(6);
        cg.setVgap(4);
        int r = 0;
        for (VectorInput o : others) {
          TextField f = field("inspector-cov-" + o.name(), num(p.initialCovariance(name,
              o.name())));
          commit(f, () -> new Commands.SetCovariance(name, o.name(), parse(f)));
          cg.addRow(r++, new Label("cov(" + name + ", " + o.name() + ")"), f);
        }
        getChildren().addAll(c, cg);
      }
    }
  }

  /** The variable shown, or null. */
  String shown() {
    return shown;
  }

  /** Everything the inspector shows of {@code name}: equal keys, equal panes. */
  private static List<Object> key(Program p, String name) {
    if (p == null || name == null || !p.isDefined(name)) {
      return List.of();
    }
    Statement def = p.definition(name);
    List<Object> k = new java.util.ArrayList<>(List.of(name, def, p.outputs().contains(name),
        kindText(p, def, p.kindOf(name)), p.network()));
    if (def instanceof MatMul) {
      k.add(p.matrices());
      k.add(p.vectors());
    } else if (def instanceof VectorInput) {
      for (VectorInput o : p.vectorInputs()) {
        k.add(o.name());
        k.add(p.initialCovariance(name, o.name()));
      }
    }
    return k;
  }

  private static String kindText(Program p, Statement def, VarKind k) {
    if (def instanceof Input) {
      return switch (k) {
        case A -> "A-var (matrix), initial";
        case G -> "G-var, initial vector";
        default -> "scalar, initial";
      };
    }
    Instruction ins = (Instruction) def;
    String what = ins instanceof Nonlin n && p.isNonlinPlus(n) ? "Nonlin+" : ins.instructionName();
    return (k == VarKind.SCALAR ? "scalar" : k.label() + "-var") + " made by " + what;
  }

  private static TextField field(String id, String text) {
    TextField f = new TextField(text);
    f.setId(id);
    f.setPrefColumnCount(14);
    return f;
  }

  /**
   * Commits on Enter and on focus loss, when the text changed, once: committing rebuilds the
   * inspector, and the field then losing its focus must not run the command a second time.
   */
  private void commit(TextField f, java.util.function.Supplier<Command> c) {
    String[] committed = {f.getText()};
    Runnable go = () -> {
      if (!f.getText().equals(committed[0])) {
        committed[0] = f.getText();
        try {
          run.accept(c.get());
        } catch (NumberFormatException e) {
          f.setStyle("-fx-border-color: #b00020;");
        }
      }
    };
    f.setOnAction(e -> go.run());
    f.focusedProperty().addListener((o, was, is) -> {
      if (was && !is) {
        go.run();
      }
    });
  }

  private static double parse(TextField f) {
    return Double.parseDouble(f.getText().trim());
  }

  private static String num(double v) {
    return ExprPrinter.number(v);
  }
}
