package org.tpe.app.editor;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.tpe.format.TpParser;
import org.tpe.format.TpPrinter;
import org.tpe.format.TpSyntaxException;
import org.tpe.model.Problem;
import org.tpe.model.Program;

/**
 * The program as {@code .tp} text, two-way. Diagram edits rewrite the text (printed without
 * positions, which the diagram keeps); typing re-parses the text a moment after the last key and,
 * when it parses, replaces the program (positions kept). A parse error is listed with its
 * line:column and marked in the text by selecting the offending token; the diagram keeps the last
 * program that parsed.
 */
final class TextPane extends BorderPane {
  /** Quiet time after the last keystroke before the text is parsed. */
  static final Duration DEBOUNCE = Duration.millis(300);

  private final TextArea area = new TextArea();
  private final ListView<Problem> errors = new ListView<>();
  private final Label state = new Label();
  private final PauseTransition pause = new PauseTransition(DEBOUNCE);
  private final Consumer<Program> onParsed;
  private boolean updating;
  private Program lastShown;

  TextPane(Consumer<Program> onParsed) {
    this.onParsed = onParsed;
    area.setId("text");
    area.setStyle("-fx-font-family: 'monospace'; -fx-font-size: 12;");
    errors.setId("text-errors");
    errors.setPrefHeight(70);
    errors.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
      @Override
      protected void updateItem(Problem p, boolean empty) {
        super.updateItem(p, empty);
        setText(empty || p == null ? null : p.format("line"));
        setStyle(empty ? "" : "-fx-text-fill: #b00020;");
      }
    });
    errors.setOnMouseClicked(e -> {
      Problem p = errors.getSelectionModel().getSelectedItem();
      if (p != null) {
        mark(p);
      }
    });
    state.setId("text-state");
    state.setPadding(new Insets(2, 4, 2, 4));
    VBox.setVgrow(area, Priority.ALWAYS);
    setCenter(area);
    setBottom(new VBox(state, errors));
    pause.setOnFinished(e -> parseNow());
    area.textProperty().addListener((o, a, b) -> {
      if (!updating) {
        state.setText("editing…");
        pause.playFromStart();
      }
    });
  }

  TextArea area() {
    return area;
  }

  /** Shows {@code p} unless the text already says the same program (so typing is not undone). */
  void show(Program p) {
    Program bare = p.withLayout(Map.of());
    if (bare.equals(lastShown)) {
      return;
    }
    lastShown = bare;
    updating = true;
    try {
      area.setText(TpPrinter.print(bare));
    } finally {
      updating = false;
    }
    errors.getItems().clear();
    state.setText("in sync with the diagram");
  }

  /** Parses the text now (the debounce timer calls this). */
  void parseNow() {
    pause.stop();
    try {
      Program p = TpParser.parse(area.getText());
      errors.getItems().clear();
      area.setStyle("-fx-font-family: 'monospace'; -fx-font-size: 12;");
      state.setText("in sync with the diagram");
      lastShown = p.withLayout(Map.of());
      onParsed.accept(p);
    } catch (TpSyntaxException e) {
      List<Problem> ps = e.problems();
      errors.getItems().setAll(ps);
      state.setText(ps.size() + " error(s): the diagram shows the last program that parsed");
      area.setStyle("-fx-font-family: 'monospace'; -fx-font-size: 12; "
          + "-fx-border-color: #b00020;");
    }
  }

  List<Problem> errors() {
    return errors.getItems();
  }

  /** Selects the token at the problem's line:column, which is how the error is marked. */
  void mark(Problem p) {
    if (p.pos() == null) {
      return;
    }
    String t = area.getText();
    int line = 1;
    int i = 0;
    while (line < p.pos().line() && i < t.length()) {
      if (t.charAt(i++) == '\n') {
        line++;
      }
    }
    int start = Math.min(t.length(), t.offsetByCodePoints(i, Math.min(p.pos().column() - 1,
        t.codePointCount(i, lineEnd(t, i)))));
    int end = start;
    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
      end++;
    }
    area.selectRange(start, Math.max(end, Math.min(t.length(), start + 1)));
    area.requestFocus();
  }

  private static int lineEnd(String t, int i) {
    int e = t.indexOf('\n', i);
    return e < 0 ? t.length() : e;
  }
}
