package org.tpe.app.editor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.StrokeLineCap;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;
import org.tpe.app.editor.hover.HoverCard;
import org.tpe.app.editor.hover.PathClassFacts;
import org.tpe.model.Program;
import org.tpe.render.scene.Highlight;
import org.tpe.session.AnalysisSession;
import org.tpe.session.PathReport;

/**
 * Paths and isomorphism classes (TP IIb §5.1) for the selected G-var, or for the
 * outputs when no G-var is selected ({@link PathsView}): one line per class (its word and its
 * number of paths); choosing a class lights its paths on the canvas and lists the first {@link
 * #SHOWN} of them. A ControlsFX clearable {@link CustomTextField} with a search glyph filters the
 * classes and the listed paths as the user types ({@link PathsFilter}); resting the mouse on a
 * class opens its hover card ({@link PathClassFacts}). Everything is computed by the {@link
 * AnalysisSession} on its paths thread, never on the JavaFX thread; until an answer for the
 * current program and selection arrives the panel says it is computing.
 */
final class PathsPane extends BorderPane {
  /** Paths of a class enumerated for the list and the highlight. */
  static final int SHOWN = 200;

  private final Label heading = new Label();
  private final CustomTextField filterField = (CustomTextField) TextFields
      .createClearableTextField();
  private final Label filterSummary = new Label();
  private final ListView<PathReport.PathClass> classes = new ListView<>();
  private final ListView<List<String>> members = new ListView<>();
  private final HoverCard<Integer> card;
  private final Consumer<Highlight> highlight;
  private final AnalysisSession session;
  /** The first paths of classes by index, as far as enumerated for this report. */
  private final Map<Integer, List<List<String>>> known = new HashMap<>();
  private Program program;
  private PathReport report;
  private PathsFilter filter;
  private List<List<String>> chosenPaths = List.of();
  /** Whether the class list is being refilled (its selection events are not the user's). */
  private boolean refilling;
  private String selected;
  private long asked;
  private String askedTarget;

  PathsPane(AnalysisSession session, Consumer<Highlight> highlight) {
    this.session = session;
    this.highlight = highlight;
    this.card = new HoverCard<>(classes, this::facts, true, "path-card");
    heading.setId("paths-heading");
    heading.setWrapText(true);
    heading.setPadding(new Insets(6));
    filterField.setId("paths-filter");
    filterField.setPromptText("Filter: part of a matrix's name (W2ᵀ) or a vector's (x1)");
    filterField.setLeft(searchGlyph());
    filterField.setTooltip(new Tooltip("Matrices keep the classes whose word has them; vectors"
        + " keep the listed paths through them"));
    filterField.textProperty().addListener((o, was, is) -> refilter());
    filterSummary.setId("paths-filter-summary");
    filterSummary.setWrapText(true);
    filterSummary.setPadding(new Insets(0, 6, 2, 6));
    classes.setId("path-classes");
    members.setId("path-members");
    classes.setCellFactory(v -> {
      ListCell<PathReport.PathClass> cell = new ListCell<>() {
        @Override
        protected void updateItem(PathReport.PathClass c, boolean empty) {
          super.updateItem(c, empty);
          setText(empty || c == null ? null : PathsView.describe(c));
        }
      };
      cell.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
        int i = indexOf(cell.getItem());
        card.moved(i < 0 ? null : i, e.getScreenX(), e.getScreenY());
      });
      cell.addEventHandler(MouseEvent.MOUSE_EXITED, e -> card.moved(null, 0, 0));
      cell.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> card.hide());
      return cell;
    });
    members.setCellFactory(v -> new ListCell<>() {
      @Override
      protected void updateItem(List<String> vars, boolean empty) {
        super.updateItem(vars, empty);
        setText(empty || vars == null || program == null ? null
            : PathsView.describe(program, vars));
      }
    });
    classes.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> {
      if (!refilling) {
        chosen(c);
      }
    });
    members.setPrefHeight(140);
    VBox top = new VBox(2, heading, filterField, filterSummary);
    VBox.setMargin(filterField, new Insets(0, 6, 0, 6));
    VBox bottom = new VBox(new Label(" Paths of the chosen class:"), members);
    setTop(top);
    setCenter(classes);
    setBottom(bottom);
  }

  /** A magnifying glass: a ring and its handle, in the field's text colour. */
  private static Group searchGlyph() {
    Circle ring = new Circle(5, 5, 4.2, Color.TRANSPARENT);
    ring.setStroke(Color.gray(0.45));
    ring.setStrokeWidth(1.6);
    Line handle = new Line(8.2, 8.2, 12, 12);
    handle.setStroke(Color.gray(0.45));
    handle.setStrokeWidth(1.8);
    handle.setStrokeLineCap(StrokeLineCap.ROUND);
    Group g = new Group(ring, handle);
    g.setId("paths-filter-glyph");
    return g;
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
    dropShown();
    heading.setText(PathsView.heading(null, p, selected));
    filter = PathsFilter.of(p, filterField.getText());
    if (p.statements().isEmpty()) {
      return;
    }
    CompletableFuture<PathReport> f = session.paths(target);
    f.thenAccept(r -> Platform.runLater(() -> {
      if (asked == revision && java.util.Objects.equals(askedTarget, target)) {
        report = r;
        heading.setText(PathsView.heading(r, program, this.selected));
        refilter();
      }
    }));
  }

  /** Drops the report, the lists, the card and the highlight of what was shown. */
  private void dropShown() {
    report = null;
    known.clear();
    card.hide();
    chosenPaths = List.of();
    classes.getItems().clear();
    members.getItems().clear();
    filterSummary.setText("");
    highlight.accept(Highlight.NONE);
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
    dropShown();
  }

  /** The filter changed, or the classes arrived: the lists show what it keeps. */
  private void refilter() {
    if (program == null) {
      return;
    }
    filter = PathsFilter.of(program, filterField.getText());
    if (report == null) {
      return;
    }
    PathReport.PathClass was = classes.getSelectionModel().getSelectedItem();
    List<PathReport.PathClass> kept = filter.classes(report.classes());
    filterSummary.setText(filter.summary(kept.size(), report.classes().size()));
    if (!kept.equals(classes.getItems())) {
      refilling = true;
      try {
        classes.getItems().setAll(kept);
        if (was != null && kept.contains(was)) {
          classes.getSelectionModel().select(was);
        }
      } finally {
        refilling = false;
      }
      if (was != null && !kept.contains(was)) {
        chosen(null);
      }
    }
    showMembers();
  }

  private void chosen(PathReport.PathClass c) {
    chosenPaths = List.of();
    members.getItems().clear();
    int index = indexOf(c);
    if (index < 0 || program == null) {
      highlight.accept(Highlight.NONE);
      return;
    }
    PathReport r = report;
    session.classPaths(r.revision(), r.target(), index, SHOWN).thenAccept(ps ->
        Platform.runLater(() -> {
          if (report == r && indexOf(classes.getSelectionModel().getSelectedItem()) == index) {
            chosenPaths = ps;
            known.put(index, ps);
            showMembers();
            card.refresh(index);
          }
        }));
  }

  /** The chosen class's paths the filter keeps, listed and lit. */
  private void showMembers() {
    if (report == null || classes.getSelectionModel().getSelectedItem() == null) {
      return;
    }
    List<List<String>> kept = filter.paths(chosenPaths);
    if (!kept.equals(members.getItems())) {
      members.getItems().setAll(kept);
    }
    highlight.accept(kept.isEmpty() ? Highlight.NONE
        : PathsView.highlight(program, report.target(), kept));
  }

  /** The class's place in the report (the filter hides some: list positions are not it). */
  private int indexOf(PathReport.PathClass c) {
    return c == null || report == null ? -1 : report.classes().indexOf(c);
  }

  /** The card of class {@code index}; its first paths are asked for when not known yet. */
  private PathClassFacts facts(Integer index) {
    PathReport r = report;
    if (index == null || index < 0 || r == null || program == null
        || index >= r.classes().size()) {
      return null;
    }
    List<List<String>> first = known.get(index);
    if (first == null) {
      session.classPaths(r.revision(), r.target(), index, PathClassFacts.EXAMPLES)
          .thenAccept(ps -> Platform.runLater(() -> {
            if (report == r) {
              known.putIfAbsent(index, ps);
              card.refresh(index);
            }
          }));
    }
    return PathClassFacts.of(program, r, index, first);
  }

  ListView<PathReport.PathClass> classes() {
    return classes;
  }

  ListView<List<String>> members() {
    return members;
  }

  CustomTextField filterField() {
    return filterField;
  }

  String filterSummary() {
    return filterSummary.getText();
  }

  /** The paths' report shown, or null while it is computed. */
  PathReport report() {
    return report;
  }

  HoverCard<Integer> card() {
    return card;
  }

  String headingText() {
    return heading.getText();
  }
}
