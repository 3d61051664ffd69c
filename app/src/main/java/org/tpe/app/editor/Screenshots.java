package org.tpe.app.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.tpe.app.editor.files.Recovery;
import org.tpe.app.editor.hover.HoverTarget;
import org.tpe.format.TpDocument;
import org.tpe.samples.Samples;

/**
 * Regenerates the editor's screenshots in docs/ ({@code scripts/screenshots.sh}): every sample at
 * 1400×900 with the limits beside the graph, and the hover cards of a node, a MatMul edge and an
 * isomorphism class, the Paths tab's filter, the status bar during a run, the recovery
 * notification, the Explain view and the dark theme. Wiring only: it drives the window
 * as a user would and snapshots its scene.
 */
public final class Screenshots {
  private static final Prompts NONE = new Prompts() {
    @Override
    public Choice askSaveChanges(javafx.stage.Window owner, String document) {
      return Choice.DISCARD;
    }

    @Override
    public java.util.Optional<Path> chooseOpen(javafx.stage.Window owner) {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<Path> chooseSave(javafx.stage.Window owner, String name,
        String ext) {
      return java.util.Optional.empty();
    }
  };

  private Screenshots() {}

  /**
   * {@code Screenshots OUT_DIR [SAMPLE…]}: writes the PNGs into OUT_DIR; with the samples named,
   * only theirs ({@code wwt-v} also makes the node and edge cards, {@code cards} the Paths tab's
   * filter and class card).
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/screens");
    Files.createDirectories(out);
    List<String> only = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
    Platform.startup(() -> { });
    Platform.setImplicitExit(false);
    Path home = Files.createTempDirectory("tpe-shots");
    for (Samples.Sample s : Samples.all()) {
      if (!only.isEmpty() && !only.contains(s.name())) {
        continue;
      }
      EditorWindow w = window(home);
      fx(() -> {
        w.openSample(s);
        return null;
      });
      settle(w, 45);
      save(fx(() -> w.stage().getScene().getRoot()), out.resolve(s.name() + ".png"));
      System.out.println("wrote " + out.resolve(s.name() + ".png"));
      if (s.name().equals("wwt-v")) {
        extras(w, out, s);
      }
      close(w);
    }
    if (only.isEmpty()) {
      statusAndNotification(home, out);
    }
    if (only.isEmpty() || only.contains("cards")) {
      pathsCards(home, out);
    }
    Platform.exit();
    System.exit(0);
  }

  private static void extras(EditorWindow w, Path out, Samples.Sample s) throws Exception {
    String y = s.program().outputs().get(0);
    fx(() -> {
      w.canvas().select(List.of(y));
      double[] p = w.canvas().toScreen(w.canvas().positions().get(y));
      javafx.geometry.Point2D at = w.canvas().localToScreen(p[0], p[1]);
      w.hover().show(HoverTarget.node(y), at.getX(), at.getY());
      return null;
    });
    waitFor(() -> fx(() -> w.hover().showing() != null), 10);
    pause();
    save(fx(() -> w.hover().popOver().getScene().getRoot()), out.resolve("hover-card.png"));
    edgeCard(w, out, y);
    fx(() -> {
      w.hover().hide();
      w.tabs().getSelectionModel().select(1); // Explain
      return null;
    });
    waitFor(() -> fx(() -> w.explain().shown() != null), 30);
    pause();
    save(fx(() -> w.stage().getScene().getRoot()), out.resolve("explain.png"));
    fx(() -> {
      w.tabs().getSelectionModel().select(0);
      w.setDark(true);
      return null;
    });
    pause();
    save(fx(() -> w.stage().getScene().getRoot()), out.resolve("dark.png"));
    System.out.println("wrote hover-card.png, edge-card.png, explain.png, dark.png");
  }

  /** The card of the MatMul edge defining {@code y}, opened at its matrix label. */
  private static void edgeCard(EditorWindow w, Path out, String y) throws Exception {
    fx(() -> {
      w.hover().hide();
      org.tpe.render.scene.Element e = w.canvas().scene().elements(
          org.tpe.render.scene.ElementId.Type.EDGE).stream()
          .filter(x -> x.role().equals("matmul") && x.id().toVar().equals(y)).findFirst()
          .orElseThrow();
      double[] p = w.canvas().toScreen(new org.tpe.model.Point(e.bounds().cx(),
          e.bounds().cy()));
      javafx.geometry.Point2D at = w.canvas().localToScreen(p[0], p[1]);
      w.hover().show(HoverTarget.matMulEdge(y), at.getX(), at.getY());
      return null;
    });
    waitFor(() -> fx(() -> w.hover().showing() != null), 10);
    pause();
    save(fx(() -> w.hover().popOver().getScene().getRoot()), out.resolve("edge-card.png"));
  }

  /**
   * The Paths tab of the resnet sample filtered by "W2" (the search field, the kept classes and
   * the chosen class's paths lit) and the card of its second class.
   */
  private static void pathsCards(Path home, Path out) throws Exception {
    EditorWindow w = window(home);
    fx(() -> {
      w.openSample(Samples.get("resnet"));
      w.tabs().getSelectionModel().select(w.tabs().getTabs().stream()
          .filter(t -> t.getText().equals("Paths")).findFirst().orElseThrow());
      return null;
    });
    settle(w, 45);
    waitFor(() -> fx(() -> !w.paths().classes().getItems().isEmpty()), 30);
    fx(() -> {
      w.paths().filterField().setText("W2");
      w.paths().classes().getSelectionModel().select(1);
      return null;
    });
    waitFor(() -> fx(() -> !w.paths().members().getItems().isEmpty()), 30);
    pause();
    save(fx(() -> w.stage().getScene().getRoot()), out.resolve("paths-filter.png"));
    fx(() -> {
      javafx.scene.Node cell = w.paths().classes().lookupAll(".list-cell").stream()
          .filter(c -> ((javafx.scene.control.ListCell<?>) c).getIndex() == 1).findFirst()
          .orElseThrow();
      javafx.geometry.Bounds b = cell.localToScreen(cell.getLayoutBounds());
      int index = w.paths().classes().getItems().isEmpty() ? 0 : w.paths().report().classes()
          .indexOf(w.paths().classes().getItems().get(1));
      w.paths().card().show(index, b.getMinX() + 40, b.getCenterY());
      return null;
    });
    waitFor(() -> fx(() -> w.paths().card().showing() != null), 10);
    waitFor(() -> fx(() -> !texts(w.paths().card().popOver().getContentNode())
        .contains("enumerating")), 10);
    pause();
    save(fx(() -> w.paths().card().popOver().getScene().getRoot()), out.resolve(
        "path-card.png"));
    fx(() -> {
      w.paths().card().hide();
      return null;
    });
    close(w);
    System.out.println("wrote paths-filter.png, path-card.png");
  }

  private static String texts(Node n) {
    StringBuilder sb = new StringBuilder();
    if (n instanceof javafx.scene.control.Labeled l) {
      sb.append(l.getText()).append('\n');
    }
    if (n instanceof javafx.scene.Parent p) {
      p.getChildrenUnmodifiable().forEach(c -> sb.append(texts(c)));
    }
    return sb.toString();
  }

  private static void statusAndNotification(Path home, Path out) throws Exception {
    EditorWindow w = window(home);
    fx(() -> {
      w.model().load(TpDocument.of(org.tpe.app.editor.bench.EditorBenchmark.text()), null);
      return null;
    });
    waitFor(() -> fx(() -> w.statusBar().getProgress() > 0.05), 60);
    save(fx(w::statusBar), out.resolve("status-bar.png"));
    close(w);
    Path h2 = Files.createTempDirectory("tpe-shots-recovery");
    new Recovery(h2).save(TpDocument.of(Samples.defaultSample().text()),
        h2.resolve("mlp.tp"));
    EditorWindow r = window(h2);
    waitFor(() -> fx(() -> r.notifications().isShowing()), 10);
    settle(r, 30);
    save(fx(() -> r.stage().getScene().getRoot()), out.resolve("notification.png"));
    close(r);
    System.out.println("wrote status-bar.png, notification.png");
  }

  private static EditorWindow window(Path home) throws Exception {
    return fx(() -> {
      Stage st = new Stage();
      EditorWindow w = new EditorWindow(st, home, NONE);
      w.start(List.of());
      st.setX(0);
      st.setY(0);
      st.setWidth(1400);
      st.setHeight(900);
      return w;
    });
  }

  /** Waits until the limits are up to date (or {@code seconds} pass), then for the layout. */
  private static void settle(EditorWindow w, int seconds) throws Exception {
    waitFor(() -> fx(() -> w.canvas().isCurrent() && w.limits().shown() != null
        && w.limits().shown().isFor(w.model().program())
        && w.limits().stateText().equals("up to date")), seconds);
    fx(() -> {
      w.canvas().fit();
      return null;
    });
    pause();
  }

  private static void close(EditorWindow w) throws Exception {
    fx(() -> {
      w.model().markSaved(null);
      w.stage().close();
      return null;
    });
  }

  private static void pause() throws InterruptedException {
    Thread.sleep(700);
  }

  private static void waitFor(Supplier<Boolean> c, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end && !c.get()) {
      Thread.sleep(100);
    }
  }

  private static <T> T fx(Supplier<T> s) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        f.complete(s.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void save(Node n, Path file) throws IOException {
    WritableImage img = fx(() -> n.snapshot(null, null));
    ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
  }
}
