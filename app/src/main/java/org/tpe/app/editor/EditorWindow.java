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
import javafx.geometry.Orientation;
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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.tpe.app.editor.canvas.DiagramCanvas;
import org.tpe.app.editor.canvas.Tool;
import org.tpe.app.editor.files.AtomicFiles;
import org.tpe.app.editor.files.Autosave;
import org.tpe.app.editor.files.RecentFiles;
import org.tpe.app.editor.files.Recovery;
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
  private final Menu recentMenu = new Menu("Open Recent");
  private final VBox top = new VBox();
  private final TabPane tabs = new TabPane();
  private final MenuItem undoItem = new MenuItem("Undo");
  private final MenuItem redoItem = new MenuItem("Redo");
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
        s -> Platform.runLater(() -> snapshotArrived(s)));
    this.canvas = new DiagramCanvas(model);
    canvas.setId("canvas");
    this.inspector = new InspectorPane(this::run);
    this.text = new TextPane(this::textEdited, this::undo, this::redo);
    this.problems = new ProblemsPane(this::selectAndCentre);
    this.paths = new PathsPane(session, h -> canvas.setHighlight(h));
    limits.onActions(session::cancel, session::resume, session::setWidth);
    this.ntk = new org.tpe.app.editor.ntk.NtkPane(h -> canvas.setHighlight(h), this::run,
        this::openBackwardPass);
    status.setId("status");
    status.setPadding(new Insets(3, 8, 3, 8));
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
    tabs.getTabs().addAll(tab("Text", text), tab("Problems", problems), tab("Paths", paths),
        tab("Limits", limits), tab("NTK", ntk), spectrumTab, tab("Training", training));
    javafx.scene.control.ScrollPane inspectorScroll = new javafx.scene.control.ScrollPane(inspector);
    inspectorScroll.setFitToWidth(true);
    SplitPane right = new SplitPane(inspectorScroll, tabs);
    right.setOrientation(Orientation.VERTICAL);
    right.setDividerPositions(0.26);
    SplitPane main = new SplitPane(canvas, right);
    main.setDividerPositions(0.64);
    // a SplitPane lays an item out at its minimum width even past the window's edge: let the
    // panels shrink and wrap their text instead
    for (javafx.scene.layout.Region r : new javafx.scene.layout.Region[] {right, tabs,
        inspectorScroll, problems, canvas, main}) {
      r.setMinWidth(0);
    }
    BorderPane root = new BorderPane(main);
    root.setTop(top);
    root.setBottom(status);
    // never larger than the screen (a window past the screen's edge also breaks headless tests)
    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(root, Math.min(1360, screen.getWidth()),
        Math.min(860, screen.getHeight() - 30));
    stage.setScene(scene);
    stage.setOnCloseRequest(e -> {
      if (!confirmDiscard()) {
        e.consume();
      } else {
        closed();
      }
    });
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
    edit.getItems().addAll(undoItem, redoItem, item("Redo (alternative)", "Shortcut+Y", this::redo),
        new SeparatorMenuItem(),
        item("Delete", "Delete", this::deleteSelection),
        item("Select All", "Shortcut+A", () -> canvas.select(model.program().statements().stream()
            .map(s -> s.target()).toList())));
    Menu view = new Menu("View");
    view.getItems().addAll(
        item("Zoom In", "Shortcut+EQUALS", () -> canvas.zoom(1.25)),
        item("Zoom Out", "Shortcut+MINUS", () -> canvas.zoom(0.8)),
        item("Fit to Window", "Shortcut+0", canvas::fit),
        item("Automatic Layout", "Shortcut+L", this::autoLayout));
    MenuBar bar = new MenuBar(file, edit, view);
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
      m.getItems().add(item("Diagram as " + fmt.name() + "…", null, () -> exportDiagram(fmt)));
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
    ToggleGroup group = new ToggleGroup();
    int k = 1;
    for (Tool t : Tool.values()) {
      ToggleButton b = new ToggleButton(t.label());
      b.setId("tool-" + t.name());
      b.setToggleGroup(group);
      b.setUserData(t);
      b.setTooltip(new Tooltip(toolHelp(t) + "  (Shortcut+" + k + ")"));
      b.setSelected(t == Tool.SELECT);
      bar.getItems().add(b);
      k++;
    }
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
    text.show(model.document());
    session.submit(model.program());
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

  /** A snapshot arrived from the session (on the JavaFX thread); only the latest is shown. */
  private void snapshotArrived(Snapshot s) {
    if (s == session.current()) {
      showProblems(s);
      showLimits(s);
    }
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
    limits.show(s, LimitsView.of(s, model.program(), selectedOne(),
        session.settings().densitySamples()));
  }

  private String selectedOne() {
    Set<String> sel = canvas.selection();
    return sel.size() == 1 ? sel.iterator().next() : null;
  }

  private void selectionChanged() {
    String one = selectedOne();
    Program p = model.program();
    inspector.show(p, one);
    Snapshot s = session.current();
    paths.show(p, one, s == null ? -1 : s.revision());
    showLimits(s);
    spectrum.selectionChanged(one);
  }

  private void updateTitle() {
    String name = model.file() == null ? (model.program().title().isEmpty() ? "untitled"
        : model.program().title()) : model.file().getFileName().toString();
    stage.setTitle((model.isDirty() ? "• " : "") + name + " — Tensor Program Editor");
  }

  void say(String message, boolean error) {
    status.setText(message);
    status.setStyle(error ? "-fx-text-fill: #b00020; -fx-font-weight: bold;" : "");
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

  private void openSample(Samples.Sample s) {
    load(TpDocument.of(s.text()), null);
    say("Opened sample " + s.name() + ": " + s.description(), false);
  }

  /**
   * Opens {@code f} without asking (the caller has asked). A file that is not UTF-8 text is
   * refused; one whose lines do not all parse is opened, and the Text tab shows which do not.
   */
  void openFile(Path f) {
    try {
      TpDocument d = TpDocument.read(Files.readAllBytes(f));
      load(d, f);
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
   * highlighted) in one of the renderer's formats; the file is written atomically.
   */
  private void exportDiagram(org.tpe.render.export.Format fmt) {
    Optional<Path> f = prompts.chooseSave(stage, "diagram." + fmt.extension(), fmt.extension());
    if (f.isEmpty()) {
      return;
    }
    try {
      byte[] bytes = org.tpe.render.export.Exporter.export(canvas.scene(), fmt, 2.0,
          model.program().title());
      AtomicFiles.write(f.get(), bytes);
      say("Exported " + f.get(), false);
    } catch (IOException | RuntimeException e) {
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
    Label msg = new Label("Unsaved work from a session that ended on " + f.written()
        + (f.document() == null ? "" : " (" + f.document().getFileName() + ")")
        + " was found.");
    Button yes = new Button("Recover");
    yes.setId("recover");
    Button no = new Button("Discard");
    no.setId("discard-recovery");
    HBox banner = new HBox(10, msg, yes, no);
    banner.setId("recovery-banner");
    banner.setPadding(new Insets(6, 10, 6, 10));
    banner.setStyle("-fx-background-color: #fff3bf;");
    HBox.setHgrow(msg, Priority.ALWAYS);
    top.getChildren().add(banner);
    yes.setOnAction(e -> {
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
      canvas.documentReplaced();
      top.getChildren().remove(banner);
      say("Recovered the unsaved work; save it to keep it", false);
    });
    no.setOnAction(e -> {
      recoveryPending = false;
      clearRecovery();
      autosave();
      top.getChildren().remove(banner);
      say("Discarded the recovered work", false);
    });
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
