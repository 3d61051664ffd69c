package org.tpe.app.editor;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

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
    public Optional<Path> chooseSave(Window owner, String suggestedName, String ext) {
      FileChooser fc = new FileChooser();
      fc.setInitialFileName(suggestedName);
      fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(), "*." + ext));
      return Optional.ofNullable(fc.showSaveDialog(owner)).map(f -> f.toPath());
    }
  };
}
