package org.tpe.app.editor.model;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.tpe.format.TpDocument;
import org.tpe.model.Classifier;
import org.tpe.model.Program;
import org.tpe.model.Statement;

/**
 * The document being edited: its text ({@link TpDocument}, which keeps every comment, blank line
 * and the user's own layout of each statement), the program it says, the file it came from, and
 * the undo/redo history as stacks of texts. No JavaFX: the window listens to it and re-renders.
 * Not thread-safe; the editor uses it from the JavaFX thread only.
 *
 * <p>Both sides edit the same text: a {@link Command} from the canvas or the inspector is applied
 * to the program and written into the text as a patch of the statements it changes ({@link
 * TpDocument#withProgram}); typing replaces the text ({@link #editText}). Each change is one
 * undoable step and undo restores the exact text. While some line does not parse, the program is
 * that of the other lines, commands patch around the broken line and leave it as it is, and a
 * command that would define a name the broken line defines is refused.
 *
 * <p>The document is dirty when its text differs from the one last saved or opened, so undoing
 * back to the saved state makes it clean again.
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

  private record Entry(TpDocument document, String label) {}

  /** Most edits kept for undo; older ones are forgotten. */
  public static final int HISTORY_LIMIT = 500;

  private TpDocument document;
  private String saved;
  private Path file;
  private long revision;
  private final Deque<Entry> undo = new ArrayDeque<>();
  private final Deque<Entry> redo = new ArrayDeque<>();
  private final List<Consumer<EditorModel>> listeners = new ArrayList<>();

  public EditorModel(TpDocument document, Path file) {
    this.document = Objects.requireNonNull(document, "document");
    this.saved = document.text();
    this.file = file;
  }

  /** A model of a program that has no text yet (its canonical form). */
  public EditorModel(Program program, Path file) {
    this(TpDocument.of(program), file);
  }

  public TpDocument document() {
    return document;
  }

  /** The program the text says (of the lines that parse). */
  public Program program() {
    return document.program();
  }

  /** The text, exactly. */
  public String text() {
    return document.text();
  }

  /** The file the document is saved to, or null for a new document. */
  public Path file() {
    return file;
  }

  /** Increases with every change of the document (edits, undo, redo, load). */
  public long revision() {
    return revision;
  }

  /** Whether the text differs from the one last opened or saved. */
  public boolean isDirty() {
    return !document.text().equals(saved);
  }

  /** Runs {@code l} after every change of document, file or dirty state. */
  public void addListener(Consumer<EditorModel> l) {
    listeners.add(l);
  }

  /**
   * Applies {@code c} to the program and writes the result into the text; on success the previous
   * text goes on the undo stack and the redo stack is cleared. A command that changes nothing is
   * not recorded. The outcome's message is the command's label for this program.
   */
  public Outcome execute(Command c) {
    Program current = program();
    Program next;
    String label;
    try {
      next = c.apply(current);
      label = c.label(current);
    } catch (EditRefused e) {
      return Outcome.refused(e.reason());
    } catch (Classifier.CoefficientOverflowException e) { // e.g. φ typed as 5*u*.7e308
      return Outcome.refused(e.getMessage());
    }
    String clash = clashWithBrokenLine(current, next);
    if (clash != null) {
      return Outcome.refused(clash);
    }
    TpDocument d = document.withProgram(next);
    if (!d.equals(document)) {
      push(d, label);
    }
    return Outcome.ok(label);
  }

  /** Why {@code next} must not be written: it defines a name a line that does not parse defines. */
  private String clashWithBrokenLine(Program current, Program next) {
    if (document.parses()) {
      return null;
    }
    for (Statement s : next.statements()) {
      Integer line = document.claimedNames().get(s.target());
      if (line != null && !current.isDefined(s.target())) {
        return "line " + line + " of the text, which does not parse yet, already defines "
            + s.target() + ": fix or delete that line first";
      }
    }
    return null;
  }

  /**
   * Replaces the text by what the user typed (one undoable step); false when it is the same text.
   * Never throws: what does not parse is in {@link TpDocument#syntaxErrors()}.
   */
  public boolean editText(String text, String label) {
    TpDocument d = TpDocument.of(text);
    if (d.equals(document)) {
      return false;
    }
    push(d, label);
    return true;
  }

  private void push(TpDocument d, String label) {
    undo.push(new Entry(document, label));
    while (undo.size() > HISTORY_LIMIT) {
      undo.removeLast();
    }
    redo.clear();
    document = d;
    fire();
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

  /** Reverts the last edit, restoring the exact text; false when there is none. */
  public boolean undo() {
    if (undo.isEmpty()) {
      return false;
    }
    Entry e = undo.pop();
    redo.push(new Entry(document, e.label()));
    document = e.document();
    fire();
    return true;
  }

  /** Repeats the last undone edit; false when there is none. */
  public boolean redo() {
    if (redo.isEmpty()) {
      return false;
    }
    Entry e = redo.pop();
    undo.push(new Entry(document, e.label()));
    document = e.document();
    fire();
    return true;
  }

  /** Replaces the document (New, Open, a sample): history cleared, clean. */
  public void load(TpDocument d, Path f) {
    document = Objects.requireNonNull(d);
    saved = d.text();
    file = f;
    undo.clear();
    redo.clear();
    fire();
  }

  /**
   * Loads recovered text: like {@link #load} but dirty, since the recovered edits were never
   * saved to {@code f} ({@code savedText}: what {@code f} holds, or null).
   */
  public void recover(TpDocument d, Path f, String savedText) {
    document = Objects.requireNonNull(d);
    saved = savedText == null ? "" : savedText;
    file = f;
    undo.clear();
    redo.clear();
    fire();
  }

  /** Records that the current text was saved to {@code f}. */
  public void markSaved(Path f) {
    file = f;
    saved = document.text();
    fire();
  }

  private void fire() {
    revision++;
    for (Consumer<EditorModel> l : List.copyOf(listeners)) {
      l.accept(this);
    }
  }
}
