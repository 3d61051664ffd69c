package org.tpe.app.editor.hover;

import java.util.Objects;
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
 * A hover card, a ControlsFX {@link PopOver}: after the mouse rests on a thing (a node or a MatMul
 * edge of the diagram, an isomorphism class of the Paths tab) it shows that thing's {@link
 * CardText}; it follows the mouse to another thing and hides over nothing. What it says is decided
 * elsewhere, without JavaFX ({@link NodeFacts}, {@link EdgeFacts}, {@link PathClassFacts}).
 *
 * @param <K> what the mouse can rest on (a {@link HoverTarget}, a class's index)
 */
public final class HoverCard<K> {
  static final Duration DELAY = Duration.millis(350);
  /** Screen pixels between the mouse and the arrow's tip. */
  private static final double GAP = 12;

  private final Region owner;
  private final Function<K, CardText> texts;
  private final boolean leftOfMouse;
  private final PopOver pop = new PopOver();
  private final PauseTransition rest = new PauseTransition(DELAY);
  private PlotTheme theme = PlotTheme.LIGHT;
  private K pending;
  private double screenX;
  private double screenY;
  private K showing;

  /**
   * @param owner the region hovered over
   * @param texts what the card of a thing says (null: no card)
   * @param leftOfMouse whether the card opens to the left of the mouse (over a panel at the
   *     window's right edge) rather than to its right
   * @param id the popover root's CSS id
   */
  public HoverCard(Region owner, Function<K, CardText> texts, boolean leftOfMouse, String id) {
    this.owner = owner;
    this.texts = texts;
    this.leftOfMouse = leftOfMouse;
    pop.setArrowLocation(leftOfMouse ? PopOver.ArrowLocation.RIGHT_TOP
        : PopOver.ArrowLocation.LEFT_TOP);
    pop.setDetachable(false);
    pop.setAutoHide(true);
    pop.setAnimated(false);
    pop.getRoot().setId(id);
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

  /** The mouse is over {@code key} (null: nothing) at a screen point. */
  public void moved(K key, double sx, double sy) {
    screenX = sx;
    screenY = sy;
    if (key == null) {
      pending = null;
      rest.stop();
      hide();
      return;
    }
    if (key.equals(showing) && pop.isShowing()) {
      return;
    }
    pending = key;
    rest.playFromStart(); // the card opens once the mouse rests
  }

  /**
   * Shows the card of {@code key} at once (and on a modifier-click); nothing when the region is
   * no longer in a showing window (the resting mouse's delay can end after its window closed, or
   * after the region left the scene).
   */
  public void show(K key, double sx, double sy) {
    CardText t = texts.apply(key);
    if (t == null || owner.getScene() == null || owner.getScene().getWindow() == null
        || !owner.getScene().getWindow().isShowing()) {
      hide();
      return;
    }
    pop.setContentNode(content(t));
    showing = key;
    pop.show(owner, leftOfMouse ? sx - GAP : sx + GAP, sy);
  }

  /** Says again what the showing card says (its facts have changed: paths enumerated). */
  public void refresh(K key) {
    if (pop.isShowing() && Objects.equals(key, showing)) {
      CardText t = texts.apply(key);
      if (t != null) {
        pop.setContentNode(content(t));
      }
    }
  }

  public void hide() {
    showing = null;
    if (pop.isShowing()) {
      pop.hide(Duration.ZERO);
    }
  }

  /** Whose card is showing, or null. */
  public K showing() {
    return pop.isShowing() ? showing : null;
  }

  /** The popover (tests read its labels). */
  public PopOver popOver() {
    return pop;
  }

  private VBox content(CardText t) {
    Label title = label("hover-title", t.title());
    title.setStyle("-fx-font-weight: bold;");
    VBox box = new VBox(3, title);
    if (!t.definition().isEmpty()) {
      Label def = label("hover-definition", t.definition());
      def.setStyle("-fx-font-family: monospace;");
      box.getChildren().add(def);
    }
    for (String s : t.facts()) {
      box.getChildren().add(label(null, s));
    }
    if (!t.limit().isEmpty()) {
      box.getChildren().add(label("hover-limit", t.limit()));
    }
    if (t.histogram() != null) {
      Canvas c = new Canvas(220, 44);
      c.setId("hover-sparkline");
      FxFigure.draw(c, Sparkline.figure(theme, 220, 44, t.histogram()));
      box.getChildren().add(c);
    }
    box.setPadding(new Insets(8));
    box.setMaxWidth(400);
    return box;
  }

  private static Label label(String id, String text) {
    Label l = new Label(text);
    if (id != null) {
      l.setId(id);
    }
    l.setWrapText(true);
    l.setMaxWidth(380);
    return l;
  }
}
