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
}
