package org.tpe.app.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.tpe.app.editor.model.Command;
import org.tpe.app.editor.model.Commands;
import org.tpe.app.editor.model.EditorModel;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
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
 * The inspector for the selected variable, a ControlsFX {@link PropertySheet}: name and kind, the
 * distribution of an initial variable (N(mean, variance) of a vector, σ² of a matrix, the limit of
 * a scalar), the expression of an instruction with live parse errors (TpParser.parseExpression on
 * each keystroke), a MatMul's matrix, transposition and vector, the output mark, and the
 * covariances with the other initial vectors; a vector, a matrix and a scalar each get their
 * category ("Vector u", "Matrix W", "Scalar θ"), the covariances one of their own. Every field has one kind
 * of editor; an edit is committed with Enter or when the field loses focus as one command, and a
 * value that is not a number, or that the command refuses, shows its message under the field and
 * changes nothing.
 */
final class InspectorPane extends VBox {
  private final Function<Command, EditorModel.Outcome> run;
  private String shown;
  private List<Object> shownKey;
  private PropertySheet sheet;

  InspectorPane(Function<Command, EditorModel.Outcome> run) {
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
    sheet = null;
    if (p == null || name == null || !p.isDefined(name)) {
      getChildren().add(new Label("Select one node to inspect it."));
      return;
    }
    Statement def = p.definition(name);
    VarKind k = p.kindOf(name);
    // one category per variable, named by its kind (the sheet sorts categories and opens the
    // first: the variable's own sorts before its covariances)
    String cat = (k == VarKind.A ? "Matrix " : k == VarKind.SCALAR ? "Scalar " : "Vector ") + name;
    String covCat = cat + " — covariances";
    List<PropertySheet.Item> items = new ArrayList<>();
    items.add(text("name", cat, "Name", name, s -> new Commands.Rename(name, s.trim())));
    items.add(Field.fixed("kind", cat, "Kind", kindText(p, def, k)));
    if (def instanceof VectorInput v) {
      items.add(number("mean", cat, "Mean", v.mean(),
          x -> new Commands.SetDistribution(name, x, v.variance())));
      items.add(number("variance", cat, "Variance", v.variance(),
          x -> new Commands.SetDistribution(name, v.mean(), x)));
    } else if (def instanceof MatrixInput m) {
      items.add(number("variance", cat, "σ² (entries N(0, σ²/n))", m.sigma2(),
          x -> new Commands.SetDistribution(name, 0, x)));
    } else if (def instanceof ScalarInput sc) {
      items.add(number("variance", cat, "Limit θ̊", sc.value(),
          x -> new Commands.SetDistribution(name, 0, x)));
    } else if (def instanceof MatMul mm) {
      items.add(Field.choice("matrix", cat, "Matrix", mm.matrix(), p.matrices(),
          s -> new Commands.SetMatMul(name, s, mm.transposed(), mm.argument())));
      items.add(Field.flag("transposed", cat, "Transposed (Wᵀ)", mm.transposed(),
          b -> new Commands.SetMatMul(name, mm.matrix(), b, mm.argument())));
      items.add(Field.choice("argument", cat, "Vector", mm.argument(), p.vectors().stream()
          .filter(x -> !x.equals(name)).toList(),
          s -> new Commands.SetMatMul(name, mm.matrix(), mm.transposed(), s)));
    } else {
      Instruction ins = (Instruction) def;
      String text = ins instanceof Moment mo ? ExprPrinter.print(mo.phi())
          : ins instanceof Nonlin n ? ExprPrinter.print(n.phi())
          : ins instanceof ScalarOp so ? ExprPrinter.print(so.f()) : TpPrinter.rhs(ins);
      Field f = text("expr", cat, ins instanceof Moment ? "avg( φ )" : "φ", text,
          s -> new Commands.SetExpression(name, s));
      f.live = s -> {
        try {
          TpParser.parseExpression(s);
          return "";
        } catch (TpSyntaxException ex) {
          return "column " + ex.column() + ": " + ex.problems().get(0).message();
        }
      };
      items.add(f);
    }
    if (k != null && k.isVector()) {
      items.add(Field.flag("output", cat, "Output", p.outputs().contains(name),
          b -> new Commands.SetOutput(name, b)));
    }
    if (def instanceof VectorInput) {
      for (VectorInput o : p.vectorInputs()) {
        if (!o.name().equals(name)) {
          items.add(number("cov-" + o.name(), covCat, "cov(" + name + ", " + o.name()
              + ")", p.initialCovariance(name, o.name()),
              x -> new Commands.SetCovariance(name, o.name(), x)));
        }
      }
    }
    sheet = new PropertySheet(FXCollections.observableArrayList(items));
    sheet.setId("inspector-sheet");
    sheet.setModeSwitcherVisible(false);
    sheet.setSearchBoxVisible(false);
    sheet.setMode(PropertySheet.Mode.CATEGORY);
    sheet.setPropertyEditorFactory(item -> ((Field) item).editor(this::apply));
    getChildren().add(sheet);
    GridPane g = new GridPane();
    g.setHgap(6);
    g.setVgap(5);
    if (org.tpe.app.editor.ntk.NtkInspector.addTo(g, 0, p, name, c -> run.apply(c)) > 0) {
      getChildren().add(g);
    }
  }

  /** Runs an edit; the message of a refused one, or "" when it was applied. */
  private String apply(Command c) {
    EditorModel.Outcome o = run.apply(c);
    return o == null || o.applied() ? "" : o.message();
  }

  private static Field text(String id, String cat, String label, String value,
      Function<String, Command> edit) {
    return new Field(id, cat, label, value, s -> edit.apply(s));
  }

  /** A number field: a value that is not a number is refused here, with its message. */
  private static Field number(String id, String cat, String label, double value,
      java.util.function.DoubleFunction<Command> edit) {
    return new Field(id, cat, label, num(value), s -> {
      double x;
      try {
        x = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number: '" + s.trim() + "'");
      }
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException("not a finite number: '" + s.trim() + "'");
      }
      return edit.apply(x);
    });
  }

  /** One row of the sheet and its editor (a text field, a choice or a check box). */
  static final class Field implements PropertySheet.Item {
    final String id;
    final String category;
    final String label;
    final Object value;
    /** Text to command (throws IllegalArgumentException with the message of a bad value). */
    final Function<String, Command> edit;
    /** Message of a value while it is typed ("" when fine), or null for none. */
    Function<String, String> live;
    List<String> choices;
    boolean isFlag;

    Field(String id, String category, String label, Object value,
        Function<String, Command> edit) {
      this.id = id;
      this.category = category;
      this.label = label;
      this.value = value;
      this.edit = edit;
    }

    static Field fixed(String id, String cat, String label, String value) {
      return new Field(id, cat, label, value, null);
    }

    static Field choice(String id, String cat, String label, String value, List<String> choices,
        Function<String, Command> edit) {
      Field f = new Field(id, cat, label, value, edit);
      f.choices = choices;
      return f;
    }

    static Field flag(String id, String cat, String label, boolean value,
        Function<Boolean, Command> edit) {
      Field f = new Field(id, cat, label, value, s -> edit.apply(Boolean.parseBoolean(s)));
      f.isFlag = true;
      return f;
    }

    @Override
    public Class<?> getType() {
      return value.getClass();
    }

    @Override
    public String getCategory() {
      return category;
    }

    @Override
    public String getName() {
      return label;
    }

    @Override
    public String getDescription() {
      return label;
    }

    @Override
    public Object getValue() {
      return value;
    }

    @Override
    public void setValue(Object v) {
      // committed through the editor as a command; the sheet is rebuilt from the program
    }

    @Override
    public java.util.Optional<javafx.beans.value.ObservableValue<?>> getObservableValue() {
      return java.util.Optional.empty();
    }

    @Override
    public boolean isEditable() {
      return edit != null;
    }

    PropertyEditor<Object> editor(Function<Command, String> apply) {
      javafx.scene.Node node;
      if (edit == null) {
        Label l = new Label(String.valueOf(value));
        l.setId("inspector-" + id);
        l.setWrapText(true);
        node = l;
      } else if (isFlag) {
        CheckBox b = new CheckBox();
        b.setId("inspector-" + id);
        b.setSelected((Boolean) value);
        b.setOnAction(e -> apply.apply(edit.apply(Boolean.toString(b.isSelected()))));
        node = b;
      } else if (choices != null) {
        ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(choices));
        c.setId("inspector-" + id);
        c.setValue((String) value);
        c.setOnAction(e -> {
          if (c.getValue() != null && !c.getValue().equals(value)) {
            apply.apply(edit.apply(c.getValue()));
          }
        });
        node = c;
      } else {
        node = textEditor(apply);
      }
      return new PropertyEditor<>() {
        @Override
        public javafx.scene.Node getEditor() {
          return node;
        }

        @Override
        public Object getValue() {
          return value;
        }

        @Override
        public void setValue(Object v) {
          // the sheet shows the program; edits go through commands
        }
      };
    }

    /**
     * A text field with its message below: live (a parse error while typing) and on commit (a
     * value that is not a number, or the reason the command was refused). Commits on Enter and
     * on focus loss, when the text changed, once.
     */
    private VBox textEditor(Function<Command, String> apply) {
      TextField f = new TextField(String.valueOf(value));
      f.setId("inspector-" + id);
      f.setPrefColumnCount(12);
      Label err = new Label();
      err.setId("inspector-" + id + "-error");
      err.getStyleClass().add("problem-error");
      err.setWrapText(true);
      err.setManaged(false);
      err.setVisible(false);
      VBox box = new VBox(2, f, err);
      java.util.function.Consumer<String> say = m -> {
        err.setText(m);
        err.setVisible(!m.isEmpty());
        err.setManaged(!m.isEmpty());
        f.setStyle(m.isEmpty() ? "" : "-fx-border-color: #b00020;");
      };
      if (live != null) {
        f.textProperty().addListener((o, a, b) -> say.accept(live.apply(b)));
      }
      String[] committed = {f.getText()};
      Runnable go = () -> {
        if (!f.getText().equals(committed[0])) {
          committed[0] = f.getText();
          String m;
          try {
            m = apply.apply(edit.apply(f.getText()));
          } catch (IllegalArgumentException e) {
            m = e.getMessage();
          }
          say.accept(m);
        }
      };
      f.setOnAction(e -> go.run());
      f.focusedProperty().addListener((o, was, is) -> {
        if (was && !is) {
          go.run();
        }
      });
      return box;
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

  private static String num(double v) {
    return ExprPrinter.number(v);
  }
}
