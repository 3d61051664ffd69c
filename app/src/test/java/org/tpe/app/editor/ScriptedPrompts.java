package org.tpe.app.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.stage.Window;

/** Answers the editor's questions as a test scripts them, and records what was asked. */
final class ScriptedPrompts implements Prompts {
  Choice answer = Choice.CANCEL;
  Path saveTo;
  Path openPath;
  final List<String> asked = new ArrayList<>();
  /** What the export dialog was shown with. */
  org.tpe.app.editor.files.ExportDefaults.Request exportShown;
  /** What the user answers in the export dialog (null: cancel). */
  java.util.function.UnaryOperator<org.tpe.app.editor.files.ExportDefaults.Request> exportAnswer;

  @Override
  public Choice askSaveChanges(Window owner, String document) {
    asked.add("save changes to " + document);
    return answer;
  }

  @Override
  public Optional<Path> chooseOpen(Window owner) {
    asked.add("open");
    return Optional.ofNullable(openPath);
  }

  @Override
  public Optional<Path> chooseSave(Window owner, String suggestedName, String ext) {
    asked.add("save as " + ext);
    return Optional.ofNullable(saveTo);
  }

  @Override
  public Optional<org.tpe.app.editor.files.ExportDefaults.Request> chooseExport(Window owner,
      org.tpe.app.editor.files.ExportDefaults.Request defaults) {
    asked.add("export " + defaults.format());
    exportShown = defaults;
    return exportAnswer == null ? Optional.empty()
        : Optional.ofNullable(exportAnswer.apply(defaults));
  }
}
