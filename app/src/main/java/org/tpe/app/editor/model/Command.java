package org.tpe.app.editor.model;

import org.tpe.model.Program;

/**
 * One edit of the program (JetUML style: the canvas turns gestures into commands; the view
 * re-renders from the model). A command is a pure function from the current program to the next
 * one; {@link EditorModel} writes the result into the document text, changing only the
 * statements it touches, and keeps the texts for undo.
 *
 * <p>Commands check, then apply: {@link #apply} checks its arguments against the program and
 * refuses with a reason before building anything; nothing is tried out on an invented name.
 */
public interface Command {
  /** What the command does, for the Undo/Redo menu items ("Undo Add matrix W"). */
  String label();

  /**
   * What the command does to {@code before}, for the status line and the undo history: like
   * {@link #label()}, and for an edit that takes other variables with it, names them.
   */
  default String label(Program before) {
    return label();
  }

  /**
   * The program after this edit.
   *
   * @throws EditRefused when the edit is not legal on {@code p}; the reason says why
   */
  Program apply(Program p);
}
