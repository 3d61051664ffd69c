package org.tpe.app.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.tpe.app.editor.canvas.DiagramCanvas;
import org.tpe.app.editor.canvas.Tool;
import org.tpe.app.editor.files.AtomicFiles;
import org.tpe.app.editor.files.Autosave;
import org.tpe.app.editor.files.RecentFiles;
import org.tpe.app.editor.files.Recovery;
import org.tpe.app.editor.hover.HoverTarget;
import org.tpe.app.editor.limits.LimitsPane;
import org.tpe.app.editor.limits.LimitsView;
import org.tpe.app.editor.model.Command;
import org.tpe.app.editor.model.Commands;
import org.tpe.app.editor.model.EditorModel;
import org.tpe.format.TpDocument;
import org.tpe.format.TpPrinter;
import org.tpe.format.TpSyntaxException;
import org.tpe.model.Problem;
import org.tpe.model.Program;
import org.tpe.samples.Samples;
import org.tpe.session.AnalysisSession;
import org.tpe.session.Snapshot;
import org.tpe.validate.ValidationReport;

/**
 * The editor window: menu bar, palette, the diagram canvas, the inspector, and tabs for the text
 * view, problems, paths and limits; a status line at the bottom. It owns the {@link EditorModel}
 * (the document's text and its history) and the {@link AnalysisSession} that analyses the
 * program off the JavaFX thread, and re-renders every view from them. Files are saved as the
 * document's text, atomically; every dirty state is autosaved to the {@link Recovery} file so
 * that a crash loses nothing. Wiring only: the model, the gestures, the session and the views'
 * presenters ({@link LimitsView}, {@link PathsView}) hold the logic.
 */
public final class EditorWindow {
  private final Stage stage;
  private final Path home;
  private final Prompts prompts;
  private final EditorModel model;
  private final DiagramCanvas canvas;
  private final InspectorPane inspector;
  private final TextPane text;
  private final ProblemsPane problems;
  private final PathsPane paths;
  private final org.tpe.app.editor.ntk.NtkPane ntk;
  private final org.tpe.app.editor.spectrum.SpectrumPane spectrum =
      new org.tpe.app.editor.spectrum.SpectrumPane();
  /** The program the Spectrum tab last got, without its layout (a drag recomputes nothing). */
  private Program spectrumProgram;
  private final LimitsPane limits = new LimitsPane();
  private final AnalysisSession session;
  /** The program the NTK tab last computed for, without its layout (a drag recomputes nothing). */
  private Program ntkProgram;
  private final org.tpe.app.editor.training.TrainingPane training =
      new org.tpe.app.editor.training.TrainingPane(this::run);
  /** The program the Training tab last got, without its layout (a drag recomputes nothing). */
  private Program trainingProgram;
  private final Recovery recovery;
  private final Autosave autosave;
  private final RecentFiles recent;
  private final Label status = new Label();
  /** The status line (ControlsFX): the message, the running analysis' progress and Cancel. */
  private final org.controlsfx.control.StatusBar statusBar = new org.controlsfx.control.StatusBar();
  private final Button statusCancel = new Button("Cancel");
  /** Offers over the editor (ControlsFX): recovery, a file changed on disk, a refused edit. */
  private org.controlsfx.control.NotificationPane notifications;
  private final org.tpe.app.editor.explain.ExplainPane explain =
      new org.tpe.app.editor.explain.ExplainPane(this::showVariable);
  /** The explained program's derivations, used on the explainer thread only. */
  private final org.tpe.app.editor.explain.Explainer.Memo explanations =
      new org.tpe.app.editor.explain.Explainer.Memo();
  private final java.util.concurrent.ExecutorService explainer =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tpe-explain");
        t.setDaemon(true);
        return t;
      });
  /** The (program, variable) the Explain view shows or computes. */
  private Object explained;
  private org.tpe.app.editor.hover.HoverCard<HoverTarget> hover;
  private final javafx.scene.control.TitledPane inspectorPane =
      new javafx.scene.control.TitledPane();
  private final javafx.scene.control.CheckMenuItem darkItem =
      new javafx.scene.control.CheckMenuItem("Dark Theme");
  private Path lastExport;
  /** What the document's file held when last read or saved (to notice changes on disk). */
  private String diskText;
  private final Menu recentMenu = new Menu("Open Recent");
  private final VBox top = new VBox();
  private final TabPane tabs = new TabPane();
  /** The Paths tab: its lists follow the program only while it is on screen. */
  private Tab pathsTab;
  private Tab textTab;
  private final MenuItem undoItem = new MenuItem("Undo");
  private final MenuItem redoItem = new MenuItem("Redo");
  /** The latest snapshot published and not yet taken by the JavaFX thread. */
  private final java.util.concurrent.atomic.AtomicReference<Snapshot> arriving =
      new java.util.concurrent.atomic.AtomicReference<>();
  /** The snapshot whose results the panels show (its progress may be older than the bars'). */
  private Snapshot displayed;
  /** Progress reports are shown at most this often: each one lays the window out again. */
  static final javafx.util.Duration PROGRESS_EVERY = javafx.util.Duration.millis(150);
  private final javafx.animation.PauseTransition progressPause =
      new javafx.animation.PauseTransition(PROGRESS_EVERY);
  private Snapshot progressWaiting;
  /** True while a previous session's autosave is offered: it must not be overwritten yet. */
  private boolean recoveryPending;

  public EditorWindow(Stage stage, Path home, Prompts prompts) {
    this.stage = stage;
    this.home = home;
    this.prompts = prompts;
    this.model = new EditorModel(TpDocument.empty(), null);
    this.recovery = new Recovery(home);
    this.autosave = new Autosave(recovery, m -> Platform.runLater(() -> say(m, true)));
    this.recent = new RecentFiles(home);
    this.session = new AnalysisSession(AnalysisSession.Settings.defaults(),
        this::snapshotPublished);
    this.canvas = new DiagramCanvas(model);
    canvas.setId("canvas");
    this.inspector = new InspectorPane(this::run);
    this.text = new TextPane(this::textEdited, this::undo, this::redo);
    this.problems = new ProblemsPane(this::selectAndCentre);
    this.paths = new PathsPane(session, h -> canvas.setHighlight(h));
    limits.onActions(session::cancel, session::resume, session::setWidth);
    limits.setSaver(this::exportBytes);
    training.setSaver(this::exportBytes);
    this.ntk = new org.tpe.app.editor.ntk.NtkPane(h -> canvas.setHighlight(h), this::run,
        this::openBackwardPass);
    status.setId("status");
    status.setPadding(new Insets(0, 8, 0, 0));
    status.setMinWidth(0);
    statusBar.setId("statusbar");
    statusBar.setText("");
    statusBar.setGraphic(status);
    statusCancel.setId("status-cancel");
    statusCancel.setDisable(true);
    statusCancel.setOnAction(e -> session.cancel());
    statusBar.getRightItems().add(statusCancel);
    this.hover = new org.tpe.app.editor.hover.HoverCard<>(canvas,
        t -> t.card(model.program(), session.current()), false, "hover-card");
    canvas.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_MOVED, e -> hover.moved(
        e.isPrimaryButtonDown() ? null : hoverTarget(e.getX(), e.getY()), e.getScreenX(),
        e.getScreenY()));
    canvas.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_EXITED, e -> hover.moved(null,
        0, 0));
    canvas.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> hover.hide());
    canvas.setOnContextMenuRequested(e -> {
      String n = canvas.nodeAt(e.getX(), e.getY());
      if (n != null) {
        if (!canvas.selection().contains(n)) {
          canvas.select(List.of(n));
        }
        nodeMenu(n).show(canvas, e.getScreenX(), e.getScreenY());
        e.consume();
      }
    });
    canvas.setStatusSink(this::say);
    canvas.setCommandSink(this::run);
    canvas.onSelectionChanged(this::selectionChanged);
    model.addListener(m -> modelChanged());
    buildScene();
  }

  private void buildScene() {
    top.getChildren().addAll(menus(), palette());
    tabs.setId("tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    Tab spectrumTab = tab("Spectrum", spectrum);
    spectrumTab.selectedProperty().addListener((o, was, is) -> spectrum.setActive(is));
    // the limits beside the graph on opening; analysis tabs (NTK, Spectrum, …) after them
    Tab explainTab = tab("Explain", explain);
    pathsTab = tab("Paths", paths);
    pathsTab.selectedProperty().addListener((o, was, is) -> {
      if (is) {
        Snapshot s = session.current();
        paths.show(model.program(), selectedOne(), s == null ? -1 : s.revision());
      }
    });
    explainTab.selectedProperty().addListener((o, was, is) -> {
      if (is) {
        explainSelection();
      }
    });
    textTab = tab("Text", text);
    // the text is laid out while it is on screen: a hidden text area's 300 lines would cost
    // every edit a text layout nobody sees (it is brought up to date when its tab is chosen)
    textTab.selectedProperty().addListener((o, was, is) -> {
      if (is) {
        if (textTab.isSelected()) {
      text.show(model.document());
    }
      }
    });
    tabs.getTabs().addAll(tab("Limits", limits), explainTab, textTab,
        tab("Problems", problems), pathsTab, tab("NTK", ntk), spectrumTab,
        tab("Training", training));
    javafx.scene.control.ScrollPane inspectorScroll = new javafx.scene.control.ScrollPane(inspector);
    inspectorScroll.setFitToWidth(true);
    inspectorScroll.setPrefViewportHeight(240);
    inspectorPane.setText("Inspector");
    inspectorPane.setId("inspector-pane");
    inspectorPane.setContent(inspectorScroll);
    inspectorPane.setAnimated(false);
    inspectorPane.setExpanded(false);
    // built only while open: a property sheet's controls cost a long CSS pass, not to be paid on
    // every click on the canvas while nobody looks at them
    inspectorPane.expandedProperty().addListener((o, was, is) -> {
      if (is) {
        inspector.show(model.program(), selectedOne());
      }
    });
    BorderPane right = new BorderPane(tabs);
    right.setBottom(inspectorPane);
    SplitPane main = new SplitPane(canvas, right);
    main.setDividerPositions(0.52);
    // a SplitPane lays an item out at its minimum width even past the window's edge: let the
    // panels shrink and wrap their text instead
    for (javafx.scene.layout.Region r : new javafx.scene.layout.Region[] {right, tabs,
        inspectorScroll, inspectorPane, problems, canvas, main, statusBar}) {
      r.setMinWidth(0);
    }
    notifications = new org.controlsfx.control.NotificationPane(main);
    notifications.setId("notifications");
    notifications.setShowFromTop(true);
    BorderPane root = new BorderPane(notifications);
    root.setTop(top);
    root.setBottom(statusBar);
    // never larger than the screen (a window past the screen's edge also breaks headless tests)
    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(root, Math.min(1360, screen.getWidth()),
        Math.min(860, screen.getHeight() - 30));
    scene.getStylesheets().add(css("editor.css"));
    scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), this::redo);
    stage.setScene(scene);
    stage.focusedProperty().addListener((o, was, is) -> {
      if (is) {
        checkDisk();
      }
    });
    stage.setOnCloseRequest(e -> {
      if (!confirmDiscard()) {
        e.consume();
      } else {
        closed();
      }
    });
  }

  private static String css(String name) {
    return EditorWindow.class.getResource(name).toExternalForm();
  }

  private static Tab tab(String name, javafx.scene.Node n) {
    Tab t = new Tab(name, n);
    t.setId("tab-" + name.toLowerCase());
    return t;
  }

  /** Adds a tab (the paths and limits panels). */
  void addTab(String name, javafx.scene.Node content) {
    tabs.getTabs().add(tab(name, content));
  }

  /**
   * Shows the window on the file named in {@code args}, or on the default sample, and offers to
   * recover an autosave left by a session that did not end cleanly.
   */
  public void start(List<String> args) {
    stage.show();
    Optional<Recovery.Found> found = recovery.find();
    recoveryPending = found.isPresent();
    if (!args.isEmpty()) {
      openFile(Path.of(args.get(0)));
    } else {
      openSample(Samples.defaultSample());
    }
    found.ifPresent(this::offerRecovery);
    // for reproducible screenshots (docs/): -Dtpe.tab=Limits -Dtpe.select=x1
    String tab = System.getProperty("tpe.tab");
    tabs.getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst()
        .ifPresent(t -> tabs.getSelectionModel().select(t));
    String sel = System.getProperty("tpe.select");
    if (sel != null) {
      canvas.select(List.of(sel.split(",")));
    }
  }

  // ---- menus and palette ---------------------------------------------------------------------

  private MenuBar menus() {
    Menu file = new Menu("File");
    file.getItems().addAll(
        item("New", "Shortcut+N", this::newDocument),
        item("Open…", "Shortcut+O", this::open),
        recentMenu,
        samplesMenu(),
        item("Open backward pass", null, this::openBackwardPass),
        new SeparatorMenuItem(),
        item("Save", "Shortcut+S", this::save),
        item("Save As…", "Shortcut+Shift+S", this::saveAs),
        exportMenu(),
        new SeparatorMenuItem(),
        item("Quit", "Shortcut+Q", this::quit));
    file.setOnShowing(e -> refreshRecent());
    undoItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Z"));
    undoItem.setOnAction(e -> undo());
    redoItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+Z"));
    redoItem.setOnAction(e -> redo());
    Menu edit = new Menu("Edit");
    edit.getItems().addAll(undoItem, redoItem, new SeparatorMenuItem(),
        item("Delete", "Delete", this::deleteSelection),
        item("Select All", "Shortcut+A", () -> canvas.select(model.program().statements().stream()
            .map(s -> s.target()).toList())));
    Menu view = new Menu("View");
    view.getItems().addAll(
        item("Zoom In", "Shortcut+EQUALS", () -> canvas.zoom(1.25)),
        item("Zoom Out", "Shortcut+MINUS", () -> canvas.zoom(0.8)),
        item("Fit to Window", "Shortcut+0", canvas::fit),
        item("Automatic Layout", "Shortcut+L", this::autoLayout),
        new SeparatorMenuItem(), darkItem);
    darkItem.setId("menu-dark-theme");
    darkItem.setOnAction(e -> setDark(darkItem.isSelected()));
    Menu help = new Menu("Help");
    help.getItems().addAll(
        item("Notation", null, () -> showHelp("Notation", Help.NOTATION)),
        item("Keyboard Shortcuts", null, () -> showHelp("Keyboard shortcuts", Help.shortcuts())));
    MenuBar bar = new MenuBar(file, edit, view, help);
    bar.setId("menubar");
    return bar;
  }

  private Menu samplesMenu() {
    Menu m = new Menu("Samples");
    for (Samples.Sample s : Samples.all()) {
      MenuItem i = new MenuItem(s.description());
      i.setId("sample-" + s.name());
      i.setOnAction(e -> {
        if (confirmDiscard()) {
          openSample(s);
        }
      });
      m.getItems().add(i);
    }
    return m;
  }

  private Menu exportMenu() {
    Menu m = new Menu("Export");
    for (org.tpe.render.export.Format fmt : org.tpe.render.export.Format.values()) {
      m.getItems().add(item("Diagram as " + org.tpe.app.editor.files.ExportDefaults.label(fmt)
          + "…", null, () -> exportDiagram(fmt)));
    }
    m.getItems().addAll(
        new SeparatorMenuItem(),
        item("Program in normal form (.tp, no layout)…", null, () -> exportText("tp",
            TpPrinter.print(model.program().withLayout(Map.of())))),
        item("Limits as JSON…", null, () -> exportResults("json")),
        item("Limits as CSV…", null, () -> exportResults("csv")));
    return m;
  }

  private ToolBar palette() {
    ToolBar bar = new ToolBar();
    bar.setId("palette");
    // the tools as one ControlsFX SegmentedButton: one of them is always chosen
    org.controlsfx.control.SegmentedButton tools = new org.controlsfx.control.SegmentedButton();
    tools.setId("tools");
    ToggleGroup group = tools.getToggleGroup();
    int k = 1;
    for (Tool t : Tool.values()) {
      ToggleButton b = new ToggleButton(t.label());
      b.setId("tool-" + t.name());
      b.setUserData(t);
      b.setTooltip(new Tooltip(toolHelp(t) + "  ("
          + KeyCombination.keyCombination("Shortcut+" + k).getDisplayText() + ")"));
      tools.getButtons().add(b);
      b.setSelected(t == Tool.SELECT);
      k++;
    }
    bar.getItems().add(tools);
    group.selectedToggleProperty().addListener((o, a, b) -> {
      if (b == null) {
        a.setSelected(true); // one tool is always chosen
      } else {
        canvas.toolProperty().set((Tool) b.getUserData());
      }
    });
    canvas.toolProperty().addListener((o, a, b) -> {
      group.getToggles().stream().filter(t -> t.getUserData() == b).findFirst()
          .ifPresent(t -> t.setSelected(true));
      say(toolHelp(b), false);
    });
    Button layout = new Button("Auto layout");
    layout.setId("auto-layout");
    layout.setOnAction(e -> autoLayout());
    Button fit = new Button("Fit");
    fit.setId("fit");
    fit.setOnAction(e -> canvas.fit());
    bar.getItems().addAll(new javafx.scene.control.Separator(), layout, fit);
    stage.sceneProperty().addListener((o, a, s) -> {
      if (s != null) {
        int i = 1;
        for (Tool t : Tool.values()) {
          s.getAccelerators().put(KeyCombination.keyCombination("Shortcut+" + i++),
              () -> canvas.toolProperty().set(t));
        }
      }
    });
    return bar;
  }

  private static String toolHelp(Tool t) {
    return switch (t) {
      case SELECT -> "Click to select (shift adds), drag to move, drag on empty space to select "
          + "a region; right-drag pans, the wheel zooms";
      case VECTOR -> "Click on empty space to add an initial vector ~ N(0, 1)";
      case MATRIX -> "Click on empty space to add a matrix W ~ N(0, 1/n)";
      case SCALAR -> "Click on empty space to add an initial scalar";
      case MATMUL -> "Drag from a vector onto a matrix (or a matrix onto a vector) to add h := W x";
      case NONLIN -> "Drag from a vector to empty space to add a Nonlin, or onto a Nonlin to add "
          + "an argument";
      case MOMENT -> "Drag from a vector to empty space to add a Moment θ := avg(x·x)";
    };
  }

  private static MenuItem item(String label, String accel, Runnable r) {
    MenuItem i = new MenuItem(label);
    i.setId("menu-" + label.replaceAll("[^A-Za-z]+", "-").toLowerCase());
    if (accel != null) {
      i.setAccelerator(KeyCombination.keyCombination(accel));
    }
    i.setOnAction(e -> r.run());
    return i;
  }

  // ---- the model and its views ---------------------------------------------------------------

  /**
   * Runs a command, first making what was typed in the text part of the document (so a canvas
   * edit never throws typing away), and says what happened in the status line.
   */
  public EditorModel.Outcome run(Command c) {
    text.flush();
    List<String> selected = List.copyOf(canvas.selection());
    EditorModel.Outcome o = model.execute(c);
    say(o.message(), !o.applied());
    if (!o.applied()) {
      notify("Edit refused: " + o.message());
    }
    if (o.applied() && c instanceof Commands.Rename r && selected.contains(r.from())) {
      // the selection follows the renamed variable
      canvas.select(selected.stream().map(n -> n.equals(r.from()) ? r.to() : n).toList());
    }
    return o;
  }

  private void textEdited(String typed) {
    model.editText(typed, "Edit text");
  }

  private void modelChanged() {
    session.focus(canvas.selection()); // the selected vectors' limits are computed first
    session.submit(model.program()); // first: the analysis starts while the views are updated
    if (textTab.isSelected()) {
      text.show(model.document());
    }
    showProblems(session.current());
    Program bare = model.program().withLayout(Map.of());
    if (!bare.equals(ntkProgram)) {
      ntkProgram = bare;
      ntk.programChanged(model.program());
    }
    if (!bare.equals(spectrumProgram)) {
      spectrumProgram = bare;
      spectrum.programChanged(model.program());
    }
    if (!bare.equals(trainingProgram)) {
      trainingProgram = bare;
      training.programChanged(model.program());
    }
    selectionChanged();
    undoItem.setText(model.canUndo() ? "Undo " + model.undoLabel() : "Undo");
    undoItem.setDisable(!model.canUndo());
    redoItem.setText(model.canRedo() ? "Redo " + model.redoLabel() : "Redo");
    redoItem.setDisable(!model.canRedo());
    updateTitle();
    autosave();
  }

  /**
   * The session published {@code s} (on one of its threads): the JavaFX thread is asked once for
   * however many snapshots arrive before it runs, and takes only the latest.
   */
  private void snapshotPublished(Snapshot s) {
    if (arriving.getAndSet(s) == null) {
      Platform.runLater(() -> {
        Snapshot latest = arriving.getAndSet(null);
        if (latest != null) {
          snapshotArrived(latest);
        }
      });
    }
  }

  /**
   * A snapshot arrived from the session (on the JavaFX thread); only the latest is shown. One that
   * only reports progress moves the progress bars, at most every {@link #PROGRESS_EVERY} (the last
   * report is shown when the pause ends); any other is shown at once.
   */
  private void snapshotArrived(Snapshot s) {
    if (s != session.current()) {
      return;
    }
    if (displayed != null && displayed.differsOnlyInProgress(s)) {
      progressWaiting = s;
      if (progressPause.getStatus() != javafx.animation.Animation.Status.RUNNING) {
        progressPause.setOnFinished(e -> {
          Snapshot w = progressWaiting;
          progressWaiting = null;
          if (w != null && w == session.current()) {
            showProgress(w);
            limits.showProgress(w.progress());
          }
        });
        progressPause.playFromStart();
        showProgress(s);
        limits.showProgress(s.progress());
        progressWaiting = null;
      }
      return;
    }
    showProblems(s);
    showLimits(s);
    showProgress(s);
  }

  /** The status bar's progress and Cancel follow the running analysis. */
  private void showProgress(Snapshot s) {
    boolean running = s != null && s.isFor(model.program()) && !s.finished();
    statusBar.setProgress(running ? Math.max(0.02, s.progress()) : 0);
    statusCancel.setDisable(!running);
  }

  /** Problems and problem marks of the current program, or that it is being validated. */
  private void showProblems(Snapshot s) {
    if (s != null && s.isFor(model.program()) && s.validation().isDone()) {
      ValidationReport r = s.validation().value();
      problems.show(r);
      Set<String> bad = new HashSet<>();
      for (Problem pr : r.errors()) {
        if (pr.subject() != null) {
          bad.add(pr.subject());
        }
      }
      canvas.setProblemNodes(bad);
    } else {
      problems.showValidating();
    }
  }

  private void showLimits(Snapshot s) {
    displayed = s;
    limits.show(s, LimitsView.of(s, model.program(), selectedOne(),
        session.settings().densitySamples()));
  }

  private String selectedOne() {
    Set<String> sel = canvas.selection();
    return sel.size() == 1 ? sel.iterator().next() : null;
  }

  private void selectionChanged() {
    session.focus(canvas.selection());
    String one = selectedOne();
    Program p = model.program();
    if (inspectorPane.isExpanded()) {
      inspector.show(p, one);
    }
    Snapshot s = session.current();
    if (pathsTab.isSelected()) {
      paths.show(p, one, s == null ? -1 : s.revision());
    } else {
      paths.hidden();
    }
    showLimits(s);
    spectrum.selectionChanged(one);
    explainSelection();
  }

  /** The Explain view, when it is on screen, derives the selected variable off this thread. */
  private void explainSelection() {
    if (!tabs.getSelectionModel().getSelectedItem().getText().equals("Explain")) {
      return;
    }
    Program p = model.program();
    String one = selectedOne();
    List<Object> key = java.util.Arrays.asList(p.withLayout(Map.of()), one);
    if (key.equals(explained)) {
      return;
    }
    explained = key;
    explain.showMessage(one == null
        ? "Select a vector or a scalar on the canvas to see its derivation."
        : "computing the derivation of " + one + "…");
    if (one == null) {
      return;
    }
    explainer.submit(() -> {
      org.tpe.app.editor.explain.Explainer.Result r =
          explanations.derive(p, one);
      Platform.runLater(() -> {
        if (key.equals(explained)) {
          if (r.derivation() != null) {
            explain.show(r.derivation());
          } else {
            explain.showMessage(r.message());
          }
        }
      });
    });
  }

  /**
   * What the hover card is of at a screen (local) point: a MatMul's dashed edge near it (unless the
   * point is inside a node), else a node near it, else nothing.
   */
  private HoverTarget hoverTarget(double sx, double sy) {
    String m = canvas.matMulAt(sx, sy);
    if (m != null) {
      return HoverTarget.matMulEdge(m);
    }
    String n = canvas.nodeAt(sx, sy);
    return n == null ? null : HoverTarget.node(n);
  }

  /** A term of the Explain view was clicked: its variable is shown (highlighted) on the canvas. */
  private void showVariable(String name) {
    if (model.program().isDefined(name)) {
      canvas.setHighlight(new org.tpe.render.scene.Highlight(Set.of(name), Set.of()));
      canvas.centreOn(name);
      say("Z^" + name + ": " + org.tpe.app.editor.hover.NodeFacts.of(model.program(),
          session.current(), name).limit(), false);
    }
  }

  /** The right-click menu of a node: its actions. */
  private javafx.scene.control.ContextMenu nodeMenu(String name) {
    javafx.scene.control.ContextMenu m = new javafx.scene.control.ContextMenu();
    m.setId("node-menu");
    m.getItems().addAll(
        item("Explain " + name, null, () -> {
          tabs.getSelectionModel().select(tabs.getTabs().stream()
              .filter(t -> t.getText().equals("Explain")).findFirst().orElseThrow());
          explainSelection();
        }),
        item("Show limits of " + name, null, () -> tabs.getSelectionModel().select(0)),
        item("Paths to " + name, null, () -> tabs.getSelectionModel().select(
            tabs.getTabs().stream().filter(t -> t.getText().equals("Paths")).findFirst()
                .orElseThrow())),
        item("Edit in Inspector", null, () -> inspectorPane.setExpanded(true)),
        item("Centre on " + name, null, () -> canvas.centreOn(name)),
        new SeparatorMenuItem(),
        item("Delete " + name, null, () -> run(new Commands.Delete(Set.of(name)))));
    return m;
  }

  /** Light or dark: the controls' stylesheet, the plots' colours. */
  void setDark(boolean on) {
    darkItem.setSelected(on);
    String dark = css("dark.css");
    stage.getScene().getStylesheets().remove(dark);
    if (on) {
      stage.getScene().getStylesheets().add(dark);
    }
    org.tpe.app.editor.plot.PlotTheme t = on ? org.tpe.app.editor.plot.PlotTheme.DARK
        : org.tpe.app.editor.plot.PlotTheme.LIGHT;
    limits.setTheme(t);
    training.setTheme(t);
    hover.setTheme(t);
    canvas.setDiagramStyle(on ? org.tpe.render.style.Style.DARK
        : org.tpe.render.style.Style.DEFAULT);
  }

  private void showHelp(String title, String body) {
    javafx.scene.control.TextArea a = new javafx.scene.control.TextArea(body);
    a.setEditable(false);
    a.setWrapText(true);
    a.setPrefSize(620, 440);
    javafx.scene.control.Alert d = new javafx.scene.control.Alert(
        javafx.scene.control.Alert.AlertType.INFORMATION);
    d.initOwner(stage);
    d.setTitle(title);
    d.setHeaderText(title);
    d.getDialogPane().setContent(a);
    d.show();
  }

  /** A passing notice over the editor (a refused edit): hidden after a few seconds. */
  private void notify(String text) {
    if (notifications == null || recoveryPending) {
      return;
    }
    notifications.getActions().clear();
    notifications.show(text);
    javafx.animation.PauseTransition t = new javafx.animation.PauseTransition(
        javafx.util.Duration.seconds(4));
    t.setOnFinished(e -> {
      if (text.equals(notifications.getText()) && notifications.getActions().isEmpty()) {
        notifications.hide();
      }
    });
    t.play();
  }

  /** The document's file changed on disk since it was read or saved: offer to reload it. */
  void checkDisk() {
    Path f = model.file();
    if (f == null || diskText == null || recoveryPending || notifications.isShowing()) {
      return;
    }
    String now;
    try {
      now = Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return;
    }
    if (now.equals(diskText)) {
      return;
    }
    String seen = now;
    notifications.getActions().setAll(
        new org.controlsfx.control.action.Action("Reload", e -> {
          notifications.hide();
          openFile(f);
        }),
        new org.controlsfx.control.action.Action("Keep mine", e -> {
          diskText = seen;
          notifications.hide();
        }));
    notifications.show(f.getFileName() + " changed on disk" + (model.isDirty()
        ? "; reloading discards your unsaved edits." : "."));
  }

  private void updateTitle() {
    String name = model.file() == null ? (model.program().title().isEmpty() ? "untitled"
        : model.program().title()) : model.file().getFileName().toString();
    stage.setTitle((model.isDirty() ? "• " : "") + name + " — Tensor Program Editor");
  }

  void say(String message, boolean error) {
    status.setText(message);
    status.getStyleClass().remove("status-error");
    if (error) {
      status.getStyleClass().add("status-error");
    }
  }

  private void selectAndCentre(String name) {
    if (model.program().isDefined(name)) {
      canvas.select(List.of(name));
      canvas.centreOn(name);
    }
  }

  void undo() {
    text.flush();
    if (model.canUndo()) {
      String l = model.undoLabel();
      model.undo();
      say("Undid " + l, false);
    }
  }

  void redo() {
    text.flush();
    if (model.canRedo()) {
      String l = model.redoLabel();
      model.redo();
      say("Redid " + l, false);
    }
  }

  private void deleteSelection() {
    if (!canvas.selection().isEmpty()) {
      run(new Commands.Delete(canvas.selection()));
    }
  }

  private void autoLayout() {
    run(new Commands.AutomaticLayout());
    canvas.fit();
  }

  // ---- files ---------------------------------------------------------------------------------

  /** Replaces the document; the view starts afresh (fitted, nothing selected). */
  private void load(TpDocument d, Path f) {
    model.load(d, f);
    canvas.documentReplaced();
  }

  void openSample(Samples.Sample s) {
    load(TpDocument.of(s.text()), null);
    say("Opened sample " + s.name() + ": " + s.description(), false);
  }

  /**
   * Opens {@code f} without asking (the caller has asked). A file that is not UTF-8 text is
   * refused; one whose lines do not all parse is opened, and the Text tab shows which do not.
   */
  void openFile(Path f) {
    try {
      byte[] bytes = Files.readAllBytes(f);
      TpDocument d = TpDocument.read(bytes);
      load(d, f);
      diskText = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      recent.add(f);
      say("Opened " + f + (d.parses() ? "" : ": " + d.syntaxErrors().size()
          + " line(s) do not parse, see the Text tab (first: "
          + d.syntaxErrors().get(0).format(f.toString()) + ")"), !d.parses());
    } catch (TpSyntaxException e) {
      say(e.problems().get(0).format(f.toString()), true);
    } catch (IOException e) {
      say("cannot read " + f + ": " + e.getMessage(), true);
    }
  }

  /**
   * Opens the backward pass of the network as a new, unsaved document (drawn in the notation;
   * the network declarations kept), after asking to save the current one.
   */
  void openBackwardPass() {
    org.tpe.app.editor.ntk.NtkController.Derived d =
        org.tpe.app.editor.ntk.NtkController.backwardDocument(model.program());
    if (d.program() == null) {
      say("no backward pass: " + d.message(), true);
      return;
    }
    if (confirmDiscard()) {
      model.recover(TpDocument.of(d.program()), null, null);
      canvas.documentReplaced();
      say("Opened the backward pass as a new document (not saved): " + d.message(), false);
    }
  }

  private void newDocument() {
    if (confirmDiscard()) {
      load(TpDocument.empty(), null);
      clearRecovery();
      say("New program: pick a tool in the palette and click on the canvas", false);
    }
  }

  private void open() {
    if (confirmDiscard()) {
      prompts.chooseOpen(stage).ifPresent(this::openFile);
    }
  }

  /** Saves to the document's file (asking for one if new); false when not saved. */
  boolean save() {
    if (model.file() == null) {
      return saveAs();
    }
    return saveTo(model.file());
  }

  boolean saveAs() {
    String suggested = model.file() != null ? model.file().getFileName().toString()
        : "program.tp";
    Optional<Path> f = prompts.chooseSave(stage, suggested, "tp");
    return f.isPresent() && saveTo(f.get());
  }

  private boolean saveTo(Path f) {
    try {
      AtomicFiles.write(f, model.text());
      diskText = model.text();
      model.markSaved(f);
      recent.add(f);
      clearRecovery();
      say("Saved " + f, false);
      return true;
    } catch (IOException e) {
      say("could not save " + f + ": " + e.getMessage() + " (your work is still in the editor "
          + "and in the recovery file)", true);
      return false;
    }
  }

  /**
   * Exports the diagram as it is drawn (the renderer's scene, with the chosen path class
   * highlighted) in one of the renderer's formats, in the style and at the scale the dialog
   * chose; it starts in the document's directory with the document's name. Written atomically.
   */
  private void exportDiagram(org.tpe.render.export.Format fmt) {
    org.tpe.app.editor.files.ExportDefaults.Request d = org.tpe.app.editor.files.ExportDefaults
        .of(fmt, model.file(), model.program().title(), lastExport,
            Path.of(System.getProperty("user.home")));
    Optional<org.tpe.app.editor.files.ExportDefaults.Request> chosen =
        prompts.chooseExport(stage, d);
    if (chosen.isEmpty()) {
      return;
    }
    org.tpe.app.editor.files.ExportDefaults.Request r = chosen.get();
    Path f = r.file();
    try {
      org.tpe.render.scene.Scene scene = r.style().equals(canvas.diagramStyle())
          ? canvas.scene() : org.tpe.render.scene.SceneBuilder.build(model.program(),
              org.tpe.render.layout.AutoLayout.layout(model.program()), r.style(),
              canvas.highlight());
      byte[] bytes = org.tpe.render.export.Exporter.export(scene, r.format(), r.scale(),
          model.program().title());
      AtomicFiles.write(f, bytes);
      lastExport = f;
      say("Exported " + f, false);
    } catch (IOException | RuntimeException e) {
      say("could not export " + f + ": " + e.getMessage(), true);
    }
  }

  /** Saves what a plot's menu exports (PNG, SVG or CSV), asking where. */
  void exportBytes(String suggested, String ext, byte[] content) {
    Optional<Path> f = prompts.chooseSave(stage, suggested, ext);
    if (f.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.write(f.get(), content);
      say("Exported " + f.get(), false);
    } catch (IOException e) {
      say("could not export " + f.get() + ": " + e.getMessage(), true);
    }
  }

  void exportText(String ext, String content) {
    Optional<Path> f = prompts.chooseSave(stage, "program." + ext, ext);
    if (f.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.write(f.get(), content);
      say("Exported " + f.get(), false);
    } catch (IOException e) {
      say("could not export " + f.get() + ": " + e.getMessage(), true);
    }
  }

  private void exportResults(String ext) {
    Snapshot s = session.current();
    if (s == null || !s.isFor(model.program()) || !s.limits().isDone()) {
      say("the limits of this program are not computed yet"
          + (s != null && !s.limits().message().isEmpty() ? ": " + s.limits().message() : ""),
          true);
      return;
    }
    exportText(ext, ext.equals("json") ? org.tpe.limit.StatisticsJson.write(s.limits().value())
        : org.tpe.limit.StatisticsCsv.write(s.limits().value()));
  }

  private void refreshRecent() {
    recentMenu.getItems().clear();
    for (Path p : recent.list()) {
      MenuItem i = new MenuItem(p.toString());
      i.setOnAction(e -> {
        if (confirmDiscard()) {
          openFile(p);
        }
      });
      recentMenu.getItems().add(i);
    }
    recentMenu.setDisable(recentMenu.getItems().isEmpty());
  }

  /** Asks to save unsaved work; true when it is fine to replace the document. */
  boolean confirmDiscard() {
    if (!model.isDirty()) {
      return true;
    }
    String name = model.file() == null ? "the untitled program"
        : model.file().getFileName().toString();
    return switch (prompts.askSaveChanges(stage, name)) {
      case SAVE -> save();
      case DISCARD -> {
        clearRecovery();
        yield true;
      }
      case CANCEL -> false;
    };
  }

  private void quit() {
    if (confirmDiscard()) {
      closed();
      stage.close();
    }
  }

  /** A clean end of the session: nothing left to recover. */
  private void closed() {
    explainer.shutdownNow();
    hover.hide();
    session.close();
    canvas.close();
    ntk.shutdown();
    spectrum.shutdown();
    training.shutdown();
    clearRecovery();
    autosave.close();
  }

  // ---- autosave and recovery -------------------------------------------------------------------

  /** After an edit: the recovery file keeps the dirty text (written off the JavaFX thread). */
  private void autosave() {
    if (recoveryPending) {
      return;
    }
    if (model.isDirty()) {
      autosave.save(model.document(), model.file());
    } else {
      autosave.clear();
    }
  }

  /** The work is saved or discarded: no recovery file, before anything else happens. */
  private void clearRecovery() {
    if (recoveryPending) {
      return;
    }
    autosave.clear();
    autosave.flush();
  }

  /** Waits until the recovery file is as the last edit wants it (tests). */
  void flushAutosave() {
    autosave.flush();
  }

  private void offerRecovery(Recovery.Found f) {
    org.controlsfx.control.action.Action restore = new org.controlsfx.control.action.Action(
        "Restore", e -> {
          String saved = null;
          if (f.document() != null && Files.isRegularFile(f.document())) {
            try {
              saved = Files.readString(f.document(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException ex) {
              saved = null;
            }
          }
          recoveryPending = false;
          model.recover(f.text(), f.document(), saved);
          diskText = saved;
          canvas.documentReplaced();
          notifications.hide();
          say("Restored the unsaved work; save it to keep it", false);
        });
    restore.getStyleClass().add("recover");
    org.controlsfx.control.action.Action discard = new org.controlsfx.control.action.Action(
        "Discard", e -> {
          recoveryPending = false;
          clearRecovery();
          autosave();
          notifications.hide();
          say("Discarded the recovered work", false);
        });
    discard.getStyleClass().add("discard-recovery");
    notifications.getActions().setAll(restore, discard);
    notifications.show(org.tpe.app.editor.files.RecoveryNotice.of(f, java.time.Instant.now(),
        java.time.ZoneId.systemDefault(), java.util.Locale.getDefault()));
  }

  // ---- for tests and the benchmark -------------------------------------------------------------

  public EditorModel model() {
    return model;
  }

  public DiagramCanvas canvas() {
    return canvas;
  }

  public Recovery recovery() {
    return recovery;
  }

  public Stage stage() {
    return stage;
  }

  public LimitsPane limits() {
    return limits;
  }

  /** The Explain tab. */
  public org.tpe.app.editor.explain.ExplainPane explain() {
    return explain;
  }

  /** The hover card over the canvas. */
  public org.tpe.app.editor.hover.HoverCard<HoverTarget> hover() {
    return hover;
  }

  /** The ControlsFX status bar. */
  public org.controlsfx.control.StatusBar statusBar() {
    return statusBar;
  }

  /** The ControlsFX notification pane over the editor. */
  public org.controlsfx.control.NotificationPane notifications() {
    return notifications;
  }

  /** The collapsible inspector. */
  public javafx.scene.control.TitledPane inspectorPane() {
    return inspectorPane;
  }

  /** The tabs beside the canvas. */
  public TabPane tabs() {
    return tabs;
  }

  public AnalysisSession session() {
    return session;
  }

  PathsPane paths() {
    return paths;
  }

  org.tpe.app.editor.ntk.NtkPane ntk() {
    return ntk;
  }

  /** The Spectrum tab. */
  public org.tpe.app.editor.spectrum.SpectrumPane spectrum() {
    return spectrum;
  }

  ProblemsPane problems() {
    return problems;
  }

  InspectorPane inspector() {
    return inspector;
  }

  TextPane text() {
    return text;
  }

  Path home() {
    return home;
  }
}
