package org.tpe.app.editor.explain;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.tpe.limit.exact.Derivation;

/**
 * The Explain view: the {@link Derivation} of the selected vector or scalar in the paper's
 * notation, one line per step with the Z-calculus rule it applies (ZInit, ZHat, ZDot, ZMatMul,
 * ZNonlin, ZMoment), each term that names a variable (Z^x, Ẑ^h, Ż^h, W, θ̊) a link that shows that
 * variable on the canvas. The text is the same as {@code tpe limits --explain VAR}.
 */
public final class ExplainPane extends BorderPane {
  private final Label heading = new Label();
  private final VBox steps = new VBox(4);
  private final Consumer<String> show;
  private Derivation shown;

  /** @param show what a click on a term does with the variable it names */
  public ExplainPane(Consumer<String> show) {
    this.show = show;
    setId("explain");
    heading.setId("explain-heading");
    heading.setWrapText(true);
    heading.setStyle("-fx-font-weight: bold;");
    steps.setId("explain-steps");
    steps.setPadding(new Insets(6));
    VBox body = new VBox(6, heading, steps);
    body.setPadding(new Insets(6));
    body.setMinWidth(0);
    ScrollPane scroll = new ScrollPane(body);
    scroll.setFitToWidth(true);
    scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    setCenter(scroll);
    setMinWidth(0);
    showMessage("Select a vector or a scalar on the canvas to see its derivation.");
  }

  /** Shows a message instead of a derivation ("computing…", why there is none). */
  public void showMessage(String m) {
    shown = null;
    heading.setText(m);
    steps.getChildren().clear();
  }

  /** Shows {@code d}. */
  public void show(Derivation d) {
    shown = d;
    heading.setText("Derivation of " + d.subject() + " (TP IIb App. B)");
    steps.getChildren().clear();
    for (Derivation.Step s : d.steps()) {
      TextFlow line = new TextFlow();
      line.setPadding(new Insets(0, 0, 0, 18 * s.depth()));
      if (!s.rule().isEmpty() && !s.text().startsWith(s.rule())) {
        Text rule = new Text(s.rule() + "   ");
        rule.setStyle("-fx-font-weight: bold; -fx-fill: #6a737d;");
        line.getChildren().add(rule);
      }
      for (Derivation.Term t : s.terms()) {
        if (t.variable() == null) {
          line.getChildren().add(new Text(t.plain()));
        } else {
          Hyperlink h = new Hyperlink(t.plain());
          h.getStyleClass().add("explain-term");
          h.setUserData(t.variable());
          h.setPadding(Insets.EMPTY);
          h.setOnAction(e -> show.accept(t.variable()));
          line.getChildren().add(h);
        }
      }
      line.setMinWidth(0);
      steps.getChildren().add(line);
    }
  }

  /** The derivation on screen, or null. */
  public Derivation shown() {
    return shown;
  }

  /** The heading's text. */
  public String headingText() {
    return heading.getText();
  }
}
