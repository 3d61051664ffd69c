package org.tpe.app.editor.model;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.tpe.model.Classifier;
import org.tpe.model.Program;

/**
 * The document being edited: the current immutable {@link Program}, the file it came from, and
 * the undo/redo history as stacks of programs (DESIGN §2). No JavaFX: the window listens to it and
 * re-renders. Not thread-safe; the editor uses it from the JavaFX thread only.
 *
 * <p>The document is dirty when the current program differs from the last one saved or opened,
 * so undoing back to the saved state makes it clean again.
 */
public final class EditorModel {
  /** What happened to a command. */
  public record Outcome(boolean applied, String message) {
    static Outcome ok(String label) {
      return new Outcome(true, label);
    }

    static Outcome refused(String reason) {
      return new Outcome(false, reason);
    }
  }

  private record Entry(Program program, String label) {}

  /** Most edits kept for undo; older ones are forgotten. */
  public static final int HISTORY_LIMIT = 500;

  private Program program;
  private Program saved;
  private Path file;
  private final Deque<Entry> undo = new ArrayDeque<>();
  private final Deque<Entry> redo = new ArrayDeque<>();
  private final List<Consumer<EditorModel>> listeners = new ArrayList<>();

  public EditorModel(Program program, Path file) {
    this.program = Objects.requireNonNull(program, "program");
    this.saved = program;
    this.file = file;
  }

  public Program program() {
    return program;
  }

  /** The file the document is saved to, or null for a new document. */
  public Path file() {
    return file;
  }

  /** Whether the program differs from the one last opened or saved. */
  public boolean isDirty() {
    return !program.equals(saved);
  }

  /** Runs {@code l} after every change of program, file or dirty state. */
  public void addListener(Consumer<EditorModel> l) {
    listeners.add(l);
  }

  /**
   * Applies {@code c}; on success the previous program goes on the undo stack and the redo stack
   * is cleared. A command that changes nothing is not recorded.
   */
  public Outcome execute(Command c) {
    Program next;
    try {
      next = c.apply(program);
    } catch (EditRefused e) {
      return Outcome.refused(e.reason());
    } catch (Classifier.CoefficientOverflowException e) { // e.g. φ typed as 5*u*.7e308
      return Outcome.refused(e.getMessage());
    }
    if (next.equals(program)) {
      return Outcome.ok(c.label());
    }
    undo.push(new Entry(program, c.label()));
    while (undo.size() > HISTORY_LIMIT) {
      undo.removeLast();
    }
    redo.clear();
    program = next;
    fire();
    return Outcome.ok(c.label());
  }

  public boolean canUndo() {
    return !undo.isEmpty();
  }

  public boolean canRedo() {
    return !redo.isEmpty();
  }

  /** Label of the edit {@link #undo()} would revert, or null. */
  public String undoLabel() {
    return undo.isEmpty() ? null : undo.peek().label();
  }

  /** Label of the edit {@link #redo()} would repeat, or null. */
  public String redoLabel() {
    return redo.isEmpty() ? null : redo.peek().label();
  }

  /** Reverts the last edit; false when there is none. */
  public boolean undo() {
    if (undo.isEmpty()) {
      return false;
    }
    Entry e = undo.pop();
    redo.push(new Entry(program, e.label()));
    program = e.program();
    fire();
    return true;
  }

  /** Repeats the last undone edit; false when there is none. */
  public boolean redo() {
    if (redo.isEmpty()) {
      return false;
    }
    Entry e = redo.pop();
    undo.push(new Entry(program, e.label()));
    program = e.program();
    fire();
    return true;
  }

  /** Replaces the document (New, Open, a sample): history cleared, clean. */
  public void load(Program p, Path f) {
    program = Objects.requireNonNull(p);
    saved = p;
    file = f;
    undo.clear();
    redo.clear();
    fire();
  }

  /**
   * Loads a recovered program: like {@link #load} but dirty, since the recovered edits were never
   * saved to {@code f}.
   */
  public void recover(Program p, Path f, Program savedVersion) {
    program = Objects.requireNonNull(p);
    saved = savedVersion == null ? Program.builder().build() : savedVersion;
    file = f;
    undo.clear();
    redo.clear();
    fire();
  }

  /** Records that the current program was saved to {@code f}. */
  public void markSaved(Path f) {
    file = f;
    saved = program;
    fire();
  }

  private void fire() {
    for (Consumer<EditorModel> l : List.copyOf(listeners)) {
      l.accept(this);
    }
  }
}
