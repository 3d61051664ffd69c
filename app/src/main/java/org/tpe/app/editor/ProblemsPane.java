package org.tpe.app.editor;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.tpe.model.Problem;
import org.tpe.model.Severity;
import org.tpe.validate.ValidationReport;

/**
 * Validation results (DESIGN §3): errors and warnings with their place, the language level,
 * whether the program is reduced, the BP-like verdict and the Master Theorem that applies.
 * Clicking a problem that names a variable selects and centres its node.
 */
final class ProblemsPane extends BorderPane {
  private final ListView<Problem> list = new ListView<>();
  private final Label summary = new Label();
  private final javafx.scene.text.Text verdict = new javafx.scene.text.Text();
  private ValidationReport shown;

  ProblemsPane(Consumer<String> selectNode) {
    list.setId("problems");
    summary.setId("problems-summary");
    verdict.setId("problems-verdict");
    summary.setWrapText(true);
    // a Text wraps at a width we bind; a Label in a SplitPane would not shrink below its text
    verdict.wrappingWidthProperty().bind(widthProperty().subtract(16));
    list.setCellFactory(v -> new ListCell<>() {
      {
        // wrap long messages at the list's width instead of widening the whole panel
        prefWidthProperty().bind(list.widthProperty().subtract(24));
        setMaxWidth(USE_PREF_SIZE);
        setMinWidth(0);
      }

      @Override
      protected void updateItem(Problem p, boolean empty) {
        super.updateItem(p, empty);
        getStyleClass().removeAll("problem-error", "problem-warning");
        if (empty || p == null) {
          setText(null);
          return;
        }
        String where = p.subject() != null ? p.subject() + ": "
            : p.pos() != null ? Where.of(p.pos()) + ": " : "";
        setText(p.severity().name().toLowerCase() + "  " + where + p.message());
        setWrapText(true);
        // colours by style class, so that a selected row is readable (editor.css)
        if (p.severity() != Severity.INFO) {
          getStyleClass().add(p.severity() == Severity.ERROR ? "problem-error"
              : "problem-warning");
        }
      }
    });
    list.setOnMouseClicked(e -> {
      Problem p = list.getSelectionModel().getSelectedItem();
      if (p != null && p.subject() != null) {
        selectNode.accept(p.subject());
      }
    });
    summary.setMinWidth(0);
    summary.maxWidthProperty().bind(widthProperty().subtract(16));
    VBox top = new VBox(4, summary, verdict);
    top.setMinWidth(0);
    setMinWidth(0);
    top.setPadding(new Insets(6));
    setTop(top);
    setCenter(list);
  }

  /** While the current program is being validated: nothing of the previous one stays. */
  void showValidating() {
    shown = null;
    list.getItems().clear();
    summary.setStyle("");
    summary.setText("validating…");
    verdict.setText("");
  }

  /** Shows {@code r}; the same report again changes nothing (a click in the list survives). */
  void show(ValidationReport r) {
    if (r == shown) {
      return;
    }
    shown = r;
    list.getItems().setAll(r.problems());
    long errors = r.errors().size();
    long warnings = r.warnings().size();
    if (errors > 0) {
      summary.setText(errors + " error(s), " + warnings + " warning(s)");
      summary.setStyle("-fx-text-fill: #b00020; -fx-font-weight: bold;");
      verdict.setText("");
      return;
    }
    summary.setStyle("-fx-font-weight: bold;");
    summary.setText((r.level() == null ? "?" : r.level().label()) + " · "
        + (r.reduced() ? "reduced" : "not reduced") + " · " + warnings + " warning(s)");
    StringBuilder v = new StringBuilder();
    if (r.bpLike() != null && r.bpLike().applicable()) {
      v.append("BP-like: ").append(r.bpLike().bpLike() ? "yes" : "no").append(" — ")
          .append(r.bpLike().reason());
    } else if (r.bpLike() != null) {
      v.append("BP-like check: not needed — ").append(r.bpLike().reason());
    }
    if (r.masterTheorem() != null && !r.masterTheorem().isEmpty()) {
      v.append(v.length() > 0 ? "\n" : "").append(r.masterTheorem());
    }
    verdict.setText(v.toString());
  }

  ListView<Problem> list() {
    return list;
  }

  String summaryText() {
    return summary.getText();
  }
}
