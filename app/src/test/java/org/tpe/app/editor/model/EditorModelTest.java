package org.tpe.app.editor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpParser;
import org.tpe.model.MatrixInput;
import org.tpe.model.Point;
import org.tpe.model.Program;

class EditorModelTest {
  private final Program start = TpParser.parse("input u : G(n)\nx := relu(u)\n");

  @Test
  void undoAndRedoWalkTheHistoryOfPrograms() {
    EditorModel m = new EditorModel(start, null);
    m.execute(new Commands.AddInput(MatrixInput.of("W"), new Point(0, 0)));
    Program withW = m.program();
    m.execute(new Commands.Connect(ConnectTool.MATMUL, "x", "W", "h", new Point(1, 1)));
    assertEquals("Connect x → W (MatMul)", m.undoLabel());
    assertTrue(m.undo());
    assertEquals(withW, m.program());
    assertTrue(m.undo());
    assertEquals(start, m.program());
    assertFalse(m.undo());
    assertTrue(m.redo());
    assertTrue(m.redo());
    assertTrue(m.program().isDefined("h"));
    assertFalse(m.redo());
  }

  @Test
  void aRefusedCommandLeavesProgramAndHistoryAlone() {
    EditorModel m = new EditorModel(start, null);
    EditorModel.Outcome o = m.execute(new Commands.Connect(ConnectTool.MATMUL, "u", "x", "h",
        new Point(0, 0)));
    assertFalse(o.applied());
    assertTrue(o.message().contains("needs a matrix"), o.message());
    assertEquals(start, m.program());
    assertFalse(m.canUndo());
  }

  @Test
  void aNewEditClearsRedo() {
    EditorModel m = new EditorModel(start, null);
    m.execute(new Commands.AddInput(MatrixInput.of("W"), new Point(0, 0)));
    m.undo();
    m.execute(new Commands.AddInput(MatrixInput.of("V"), new Point(0, 0)));
    assertFalse(m.canRedo());
  }

  @Test
  void dirtyUntilSavedAndCleanAgainAfterUndoingToTheSavedState() {
    int[] events = {0};
    EditorModel m = new EditorModel(start, null);
    m.addListener(x -> events[0]++);
    assertFalse(m.isDirty());
    m.execute(new Commands.Move(Map.of("u", new Point(5, 5))));
    assertTrue(m.isDirty());
    m.undo();
    assertFalse(m.isDirty());
    m.redo();
    m.markSaved(java.nio.file.Path.of("a.tp"));
    assertFalse(m.isDirty());
    assertEquals(4, events[0]); // execute, undo, redo, markSaved
  }

  @Test
  void aCommandThatChangesNothingIsNotRecorded() {
    EditorModel m = new EditorModel(start, null);
    m.execute(new Commands.Rename("x", "x"));
    assertFalse(m.canUndo());
  }

  @Test
  void aTypedCoefficientThatOverflowsIsRefusedNotThrown() {
    EditorModel m = new EditorModel(start, null);
    EditorModel.Outcome o = m.execute(new Commands.SetExpression("x", "5*u*.7e308"));
    assertFalse(o.applied());
    assertTrue(o.message().contains("coefficient of u"), o.message());
    assertEquals(start, m.program());
  }

  @Test
  void deleteNamesTheDependentsItTakesInTheUndoLabel() {
    EditorModel m = new EditorModel(org.tpe.samples.Samples.get("mlp-backward").program(), null);
    m.execute(new Commands.Delete(java.util.Set.of("x1")));
    assertEquals("Delete x1 and its dependents h2, x2, dh2, dx1, dh1", m.undoLabel());
  }
}
