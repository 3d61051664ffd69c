package org.tpe.app.editor;

import java.nio.file.Path;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.tpe.app.editor.files.ExportDefaults;
import org.tpe.render.style.Style;

/**
 * The questions the editor asks the user: whether to save before discarding work, and which file
 * to open or save to. An interface so that UI tests answer without native file dialogs.
 */
public interface Prompts {
  /** The answer to "save changes?". */
  enum Choice { SAVE, DISCARD, CANCEL }

  Choice askSaveChanges(Window owner, String document);

  /** A file to open, or empty when cancelled. */
  Optional<Path> chooseOpen(Window owner);

  /** A file to save to (extension {@code ext}, e.g. "tp", "png"), or empty when cancelled. */
  Optional<Path> chooseSave(Window owner, String suggestedName, String ext);

  /**
   * The export's style, scale and file, starting from {@code defaults}; empty when cancelled
   * (prompts that export nothing need not override it).
   */
  default Optional<ExportDefaults.Request> chooseExport(Window owner,
      ExportDefaults.Request defaults) {
    return Optional.empty();
  }

  /** Native dialogs. */
  Prompts DIALOGS = new Prompts() {
    @Override
    public Choice askSaveChanges(Window owner, String document) {
      ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
      ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
      Alert a = new Alert(Alert.AlertType.CONFIRMATION,
          "Save the changes to " + document + " before closing it?", save, discard,
          ButtonType.CANCEL);
      a.initOwner(owner);
      a.setHeaderText("Unsaved changes");
      Optional<ButtonType> r = a.showAndWait();
      return r.isEmpty() || r.get() == ButtonType.CANCEL ? Choice.CANCEL
          : r.get() == save ? Choice.SAVE : Choice.DISCARD;
    }

    @Override
    public Optional<Path> chooseOpen(Window owner) {
      FileChooser fc = new FileChooser();
      fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Tensor programs", "*.tp"));
      return Optional.ofNullable(fc.showOpenDialog(owner)).map(f -> f.toPath());
    }

    @Override
    public Optional<ExportDefaults.Request> chooseExport(Window owner,
        ExportDefaults.Request d) {
      Dialog<ButtonType> dialog = new Dialog<>();
      dialog.initOwner(owner);
      dialog.setTitle("Export diagram as " + ExportDefaults.label(d.format()));
      ComboBox<Style> style = new ComboBox<>(FXCollections.observableArrayList(Style.all()));
      style.setValue(d.style());
      style.setConverter(new StringConverter<>() {
        @Override
        public String toString(Style s) {
          return s == null ? "" : s.name();
        }

        @Override
        public Style fromString(String s) {
          return Style.named(s);
        }
      });
      ComboBox<Double> scale = new ComboBox<>();
      for (double v : ExportDefaults.SCALES) {
        scale.getItems().add(v);
      }
      scale.setValue(d.scale());
      GridPane g = new GridPane();
      g.setHgap(8);
      g.setVgap(8);
      g.addRow(0, new Label("Style"), style);
      g.addRow(1, new Label(d.format() == org.tpe.render.export.Format.PNG
          ? "Scale (pixels per point)" : "Scale"), scale);
      dialog.getDialogPane().setContent(g);
      ButtonType next = new ButtonType("Choose file…", ButtonBar.ButtonData.OK_DONE);
      dialog.getDialogPane().getButtonTypes().addAll(next, ButtonType.CANCEL);
      if (dialog.showAndWait().orElse(ButtonType.CANCEL) != next) {
        return Optional.empty();
      }
      FileChooser fc = new FileChooser();
      fc.setInitialDirectory(d.directory().toFile());
      fc.setInitialFileName(d.fileName());
      String ext = d.format().extension();
      fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(
          ExportDefaults.label(d.format()), "*." + ext));
      java.io.File f = fc.showSaveDialog(owner);
      return f == null ? Optional.empty() : Optional.of(new ExportDefaults.Request(
          f.toPath().toAbsolutePath().getParent(), f.getName(), d.format(), style.getValue(),
          scale.getValue()));
    }

    @Override
    public Optional<Path> chooseSave(Window owner, String suggestedName, String ext) {
      FileChooser fc = new FileChooser();
      fc.setInitialFileName(suggestedName);
      fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(), "*." + ext));
      return Optional.ofNullable(fc.showSaveDialog(owner)).map(f -> f.toPath());
    }
  };
}
