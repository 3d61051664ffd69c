package org.tpe.app.editor;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.tpe.model.Program;
import org.tpe.render.scene.Highlight;
import org.tpe.session.AnalysisSession;
import org.tpe.session.PathReport;

/**
 * Paths and isomorphism classes (TP IIb §5.1) for the selected G-var, or for the
 * outputs when no G-var is selected ({@link PathsView}): one line per class (its word and its
 * number of paths); choosing a class lights its paths on the canvas and lists the first {@link
 * #SHOWN} of them. Everything is computed by the {@link AnalysisSession} on its paths thread,
 * never on the JavaFX thread; until an answer for the current program and selection arrives the
 * panel says it is computing.
 */
final class PathsPane extends BorderPane {
  /** Paths of a class enumerated for the list and the highlight. */
  static final int SHOWN = 200;

  private final Label heading = new Label();
  private final ListView<PathReport.PathClass> classes = new ListView<>();
  private final ListView<List<String>> members = new ListView<>();
  private final Consumer<Highlight> highlight;
  private final AnalysisSession session;
  private Program program;
  private PathReport report;
  private String selected;
  private long asked;
  private String askedTarget;

  PathsPane(AnalysisSession session, Consumer<Highlight> highlight) {
    this.session = session;
    this.highlight = highlight;
    heading.setId("paths-heading");
    heading.setWrapText(true);
    heading.setPadding(new Insets(6));
    classes.setId("path-classes");
    members.setId("path-members");
    classes.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(PathReport.PathClass c, boolean empty) {
        super.updateItem(c, empty);
        setText(empty || c == null ? null : PathsView.describe(c));
      }
    });
    members.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(List<String> vars, boolean empty) {
        super.updateItem(vars, empty);
        setText(empty || vars == null || program == null ? null
            : PathsView.describe(program, vars));
      }
    });
    classes.getSelectionModel().selectedIndexProperty().addListener((o, a, i) ->
        chosen(i.intValue()));
    members.setPrefHeight(140);
    VBox bottom = new VBox(new Label(" Paths of the chosen class:"), members);
    setTop(heading);
    setCenter(classes);
    setBottom(bottom);
  }

  /**
   * Shows the paths for {@code selected} (a G-var) or the outputs of {@code p}, analysed as the
   * session's revision {@code revision}; nothing is asked again for the same revision and target.
   */
  void show(Program p, String selected, long revision) {
    String target = PathsView.target(p, selected);
    this.selected = selected;
    if (revision == asked && java.util.Objects.equals(target, askedTarget) && program != null) {
      program = p;
      return;
    }
    program = p;
    asked = revision;
    askedTarget = target;
    report = null;
    classes.getItems().clear();
    members.getItems().clear();
    highlight.accept(Highlight.NONE);
    heading.setText(PathsView.heading(null, p, selected));
    if (p.statements().isEmpty()) {
      return;
    }
    CompletableFuture<PathReport> f = session.paths(target);
    f.thenAccept(r -> Platform.runLater(() -> {
      if (asked == revision && java.util.Objects.equals(askedTarget, target)) {
        report = r;
        heading.setText(PathsView.heading(r, program, this.selected));
        classes.getItems().setAll(r.classes());
      }
    }));
  }

  /**
   * The tab is not on screen and the program or the selection changed: what was shown is dropped
   * once (its highlight too, as {@link #show} would), and nothing is asked or laid out again until
   * the tab is shown, so edits do not keep a hidden list of path classes busy.
   */
  void hidden() {
    if (program == null && report == null && classes.getItems().isEmpty()) {
      return;
    }
    program = null;
    asked = -1;
    askedTarget = null;
    report = null;
    classes.getItems().clear();
    members.getItems().clear();
    highlight.accept(Highlight.NONE);
  }

  private void chosen(int index) {
    members.getItems().clear();
    if (index < 0 || report == null || program == null) {
      highlight.accept(Highlight.NONE);
      return;
    }
    PathReport r = report;
    session.classPaths(r.revision(), r.target(), index, SHOWN).thenAccept(ps ->
        Platform.runLater(() -> {
          if (report == r && classes.getSelectionModel().getSelectedIndex() == index) {
            members.getItems().setAll(ps);
            highlight.accept(PathsView.highlight(program, r.target(), ps));
          }
        }));
  }

  ListView<PathReport.PathClass> classes() {
    return classes;
  }

  ListView<List<String>> members() {
    return members;
  }

  String headingText() {
    return heading.getText();
  }
}
