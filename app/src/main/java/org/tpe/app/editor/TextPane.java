package org.tpe.app.editor;

import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.tpe.format.TpDocument;
import org.tpe.model.Problem;

/**
 * The document's text, exactly as it is (comments, blank lines, the user's spacing, {@code @at}
 * positions). Typing is handed to the window a moment after the last key ({@link #DEBOUNCE}) as
 * one undoable edit; the lines that do not parse are listed with their line:column and the text
 * gets a red border, both taken from the current document, so they go as soon as the text is
 * fixed (by typing, undo, New or Open). Undo and redo keys act on the document's history, not on
 * the text area's own.
 */
final class TextPane extends BorderPane {
  /** Quiet time after the last keystroke before the text becomes the document. */
  static final Duration DEBOUNCE = Duration.millis(300);
  private static final String STYLE = "-fx-font-family: 'monospace'; -fx-font-size: 12;";

  private final TextArea area = new TextArea();
  private final ListView<Problem> errors = new ListView<>();
  private final Label state = new Label();
  private final PauseTransition pause = new PauseTransition(DEBOUNCE);
  private final Consumer<String> onEdited;
  private boolean updating;
  private boolean pending;

  TextPane(Consumer<String> onEdited, Runnable undo, Runnable redo) {
    this.onEdited = onEdited;
    area.setId("text");
    area.setStyle(STYLE);
    errors.setId("text-errors");
    errors.setPrefHeight(70);
    errors.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
      @Override
      protected void updateItem(Problem p, boolean empty) {
        super.updateItem(p, empty);
        setText(empty || p == null ? null : Where.problem(p));
        getStyleClass().remove("problem-error");
        if (!empty && p != null) {
          getStyleClass().add("problem-error");
        }
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
    pause.setOnFinished(e -> flush());
    area.textProperty().addListener((o, a, b) -> {
      if (!updating) {
        pending = true;
        state.setText("editing…");
        pause.playFromStart();
      }
    });
    area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (e.isShortcutDown() && e.getCode() == KeyCode.Z) {
        flush();
        (e.isShiftDown() ? redo : undo).run();
        e.consume();
      } else if (e.isShortcutDown() && e.getCode() == KeyCode.Y) {
        flush();
        redo.run();
        e.consume();
      }
    });
  }

  TextArea area() {
    return area;
  }

  /**
   * Shows {@code d}: its text (unless the area already says it) and its syntax errors. Only the
   * range that differs is replaced (a canvas edit changes a line or two), so the text area lays
   * out only those lines again, and the caret and the scroll position stay where they were.
   */
  void show(TpDocument d) {
    String was = area.getText();
    String now = d.text();
    if (!was.equals(now)) {
      int p = 0;
      int max = Math.min(was.length(), now.length());
      while (p < max && was.charAt(p) == now.charAt(p)) {
        p++;
      }
      int s = 0;
      while (s < max - p && was.charAt(was.length() - 1 - s) == now.charAt(now.length() - 1 - s)) {
        s++;
      }
      int caret = area.getCaretPosition();
      int moved = caret <= p ? caret : caret >= was.length() - s
          ? caret + now.length() - was.length() : now.length() - s;
      double top = area.getScrollTop();
      updating = true;
      try {
        area.replaceText(p, was.length() - s, now.substring(p, now.length() - s));
        area.positionCaret(Math.max(0, Math.min(moved, now.length())));
        area.setScrollTop(top);
      } finally {
        updating = false;
      }
      pending = false;
      pause.stop();
    }
    List<Problem> ps = d.syntaxErrors();
    area.setStyle(ps.isEmpty() ? STYLE : STYLE + " -fx-border-color: #b00020;");
    errors.getItems().setAll(ps);
    state.setText(ps.isEmpty() ? "the text is the document; the diagram shows it"
        : ps.size() + (ps.size() == 1 ? " line does" : " lines do") + " not parse: the diagram "
            + "leaves " + (ps.size() == 1 ? "it" : "them") + " out, edits keep "
            + (ps.size() == 1 ? "it" : "them"));
  }

  /** Hands typed text to the window now (before a canvas edit or an undo, and after the pause). */
  void flush() {
    pause.stop();
    if (pending) {
      pending = false;
      onEdited.accept(area.getText());
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
