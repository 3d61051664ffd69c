package org.tpe.app.editor.model;

import org.tpe.model.Program;

/**
 * One edit of the program (JetUML style: the canvas turns gestures into commands; the view
 * re-renders from the model). A command is a pure function from the current program to the next
 * one, so undo is a stack of programs kept by {@link EditorModel}.
 */
public interface Command {
  /** What the command does, for the Undo/Redo menu items ("Undo Add matrix W"). */
  String label();

  /**
   * The program after this edit.
   *
   * @throws EditRefused when the edit is not legal on {@code p}; the reason says why
   */
  Program apply(Program p);
}
