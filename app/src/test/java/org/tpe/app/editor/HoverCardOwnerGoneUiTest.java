package org.tpe.app.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.tpe.app.editor.hover.CardText;
import org.tpe.app.editor.hover.HoverCard;
import org.tpe.limit.Histogram;

/**
 * A hover card whose region is no longer in a showing window (the resting mouse's delay ended
 * after the region left its scene, or its window closed) opens nothing and throws nothing — it
 * threw a NullPointerException from the popover on the JavaFX thread; in a showing window it
 * opens.
 */
@ExtendWith(ApplicationExtension.class)
class HoverCardOwnerGoneUiTest {
  private Stage stage;
  private final Pane owner = new Pane();

  @Start
  void start(Stage s) {
    stage = s;
    s.setScene(new Scene(new Pane(owner), 300, 200));
    s.show();
  }

  private static final CardText CARD = new CardText() {
    @Override
    public String title() {
      return "h";
    }

    @Override
    public String definition() {
      return "h := W x";
    }

    @Override
    public List<String> facts() {
      return List.of("a G-var");
    }

    @Override
    public String limit() {
      return "";
    }

    @Override
    public Histogram histogram() {
      return null;
    }
  };

  @Test
  void aCardOfARegionOutOfItsWindowOpensNothing(FxRobot r) {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<List<Window>> popups = new AtomicReference<>();
    r.interact(() -> {
      HoverCard<String> card = new HoverCard<>(owner, k -> CARD, false, "test-card");
      try {
        card.show("h", 100, 100); // in a showing window: opens
        popups.set(List.copyOf(Window.getWindows()));
        card.hide();
        ((Pane) owner.getParent()).getChildren().remove(owner); // out of the scene
        card.show("h", 100, 100);
        new Scene(new Pane(owner)); // in a scene without a window
        card.show("h", 100, 100);
      } catch (RuntimeException e) {
        thrown.set(e);
      }
    });
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(null, thrown.get());
    assertEquals(2, popups.get().size(), "the stage and the card");
    r.interact(() -> assertEquals(1, Window.getWindows().stream()
        .filter(Window::isShowing).count(), "only the stage"));
  }
}
