package org.tpe.app.editor;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.tpe.app.editor.canvas.Highlight;
import org.tpe.model.Program;
import org.tpe.model.VarKind;
import org.tpe.paths.IsomorphismClass;
import org.tpe.paths.Path;
import org.tpe.paths.PathAnalysis;
import org.tpe.paths.PathSet;
import org.tpe.render.scene.PathHighlight;
import org.tpe.render.text.PathText;

/**
 * Paths and isomorphism classes (TP IIb §5.1, DESIGN §6) for the selected G-var, or for the
 * outputs when no G-var is selected: one line per class (its word and its number of paths);
 * choosing a class lights its paths on the canvas and lists the first of them. Counts come from
 * {@link PathAnalysis}'s dynamic programme, so a residual network's exponentially many paths cost
 * nothing until listed; at most {@link #SHOWN} paths of a class are enumerated.
 */
final class PathsPane extends BorderPane {
  /** Paths of a class enumerated for the list and the highlight. */
  static final int SHOWN = 200;

  private final Label heading = new Label();
  private final ListView<IsomorphismClass> classes = new ListView<>();
  private final ListView<Path> members = new ListView<>();
  private final Consumer<Highlight> highlight;
  private Program program;
  private PathAnalysis analysis;
  private PathSet set;

  PathsPane(Consumer<Highlight> highlight) {
    this.highlight = highlight;
    heading.setId("paths-heading");
    heading.setWrapText(true);
    heading.setPadding(new Insets(6));
    classes.setId("path-classes");
    members.setId("path-members");
    classes.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(IsomorphismClass c, boolean empty) {
        super.updateItem(c, empty);
        setText(empty || c == null ? null : PathText.word(c.word())
            + "    — " + c.count() + (c.count().intValue() == 1 ? " path" : " paths")
            + ", |p| = " + c.pathLength());
      }
    });
    members.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(Path p, boolean empty) {
        super.updateItem(p, empty);
        setText(empty || p == null ? null : PathText.of(p));
      }
    });
    classes.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> chosen(c));
    members.setPrefHeight(140);
    VBox bottom = new VBox(new Label(" Paths of the chosen class:"), members);
    setTop(heading);
    setCenter(classes);
    setBottom(bottom);
  }

  /** Recomputes for {@code selected} (a G-var) or the outputs. */
  void show(Program p, String selected) {
    this.program = p;
    this.analysis = null;
    this.set = null;
    classes.getItems().clear();
    members.getItems().clear();
    highlight.accept(Highlight.NONE);
    if (p.statements().isEmpty()) {
      heading.setText("No program.");
      return;
    }
    try {
      PathAnalysis a = PathAnalysis.of(p);
      PathSet set;
      String what;
      if (selected != null && p.kindOf(selected) == VarKind.G) {
        set = a.pathsTo(selected);
        what = "ending at " + selected;
      } else {
        set = a.pathsToOutputs();
        what = "ending at the outputs" + (p.outputs().isEmpty() ? "" : " (" + String.join(", ",
            p.outputs()) + ")") + (selected != null ? " — select a G-var for its own paths" : "");
      }
      this.analysis = a;
      this.set = set;
      heading.setText(set.count() + " path(s) " + what + " in " + set.classes().size()
          + " isomorphism class(es)" + (a.wasReduced() ? "; paths are those of the reduced "
          + "program (TP IIb Def. 5.4)" : "") + (set.notes().isEmpty() ? "" : "\n"
          + String.join("\n", set.notes())));
      classes.getItems().setAll(set.classes());
    } catch (RuntimeException e) {
      heading.setText("No paths: " + e.getMessage());
    }
  }

  private void chosen(IsomorphismClass c) {
    members.getItems().clear();
    if (c == null || program == null || analysis == null) {
      highlight.accept(Highlight.NONE);
      return;
    }
    List<Path> ps = c.paths().limit(SHOWN).toList();
    members.getItems().setAll(ps);
    // paths live on the reduced program: the renderer maps them onto the drawn one
    org.tpe.render.scene.Highlight h = PathHighlight.of(analysis, set, ps);
    Set<List<String>> edges = new HashSet<>();
    h.steps().forEach(s -> edges.add(List.of(s.from(), s.to())));
    highlight.accept(new Highlight(h.variables(), edges));
  }

  ListView<IsomorphismClass> classes() {
    return classes;
  }

  String headingText() {
    return heading.getText();
  }
}
