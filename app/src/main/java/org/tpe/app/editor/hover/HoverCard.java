package org.tpe.app.editor.hover;

import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.PopOver;
import org.tpe.app.editor.plot.FxFigure;
import org.tpe.app.editor.plot.PlotTheme;
import org.tpe.app.editor.plot.Sparkline;

/**
 * The hover card over the diagram, a ControlsFX {@link PopOver}: after the mouse rests on a node
 * it shows that node's {@link NodeFacts} (kind, definition, facts, Z mean and variance with their
 * errors, a density sparkline); it follows the mouse to another node and hides on empty space.
 */
public final class HoverCard {
  static final Duration DELAY = Duration.millis(350);

  private final Region owner;
  private final Function<String, NodeFacts> facts;
  private final PopOver pop = new PopOver();
  private final PauseTransition rest = new PauseTransition(DELAY);
  private PlotTheme theme = PlotTheme.LIGHT;
  private String pending;
  private double screenX;
  private double screenY;
  private String showing;

  /**
   * @param owner the canvas
   * @param facts the facts of a variable (of the program on screen)
   */
  public HoverCard(Region owner, Function<String, NodeFacts> facts) {
    this.owner = owner;
    this.facts = facts;
    pop.setArrowLocation(PopOver.ArrowLocation.LEFT_TOP);
    pop.setDetachable(false);
    pop.setAutoHide(true);
    pop.setAnimated(false);
    pop.getRoot().setId("hover-card");
    rest.setOnFinished(e -> {
      if (pending != null) {
        show(pending, screenX, screenY);
      }
    });
  }

  /** The plots' colours. */
  public void setTheme(PlotTheme t) {
    theme = t;
  }

  /** The mouse is over {@code name} (null: empty space) at a screen point. */
  public void moved(String name, double sx, double sy) {
    screenX = sx;
    screenY = sy;
    if (name == null) {
      pending = null;
      rest.stop();
      hide();
      return;
    }
    if (name.equals(showing)) {
      return;
    }
    pending = name;
    rest.playFromStart();
  }

  /** Shows the card of {@code name} at once (and on a modifier-click). */
  public void show(String name, double sx, double sy) {
    NodeFacts f = facts.apply(name);
    if (f == null) {
      return;
    }
    pop.setContentNode(content(f));
    showing = name;
    pop.show(owner, sx + 12, sy);
  }

  public void hide() {
    showing = null;
    if (pop.isShowing()) {
      pop.hide(Duration.ZERO);
    }
  }

  /** Whether a card is showing, and whose. */
  public String showing() {
    return pop.isShowing() ? showing : null;
  }

  /** The popover (tests read its labels). */
  public PopOver popOver() {
    return pop;
  }

  private VBox content(NodeFacts f) {
    Label title = label("hover-title", f.name() + "   " + f.kind());
    title.setStyle("-fx-font-weight: bold;");
    Label def = label("hover-definition", f.definition());
    def.setStyle("-fx-font-family: monospace;");
    VBox box = new VBox(3, title, def);
    for (String s : f.facts()) {
      box.getChildren().add(label(null, s));
    }
    if (!f.limit().isEmpty()) {
      box.getChildren().add(label("hover-limit", f.limit()));
    }
    if (f.histogram() != null) {
      Canvas c = new Canvas(220, 44);
      c.setId("hover-sparkline");
      FxFigure.draw(c, Sparkline.figure(theme, 220, 44, f.histogram()));
      box.getChildren().add(c);
    }
    box.setPadding(new Insets(8));
    box.setMaxWidth(380);
    return box;
  }

  private static Label label(String id, String text) {
    Label l = new Label(text);
    if (id != null) {
      l.setId(id);
    }
    l.setWrapText(true);
    l.setMaxWidth(360);
    return l;
  }
}
