package org.tpe.app.editor.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tpe.render.export.Format;
import org.tpe.render.style.Style;

/** Where an export starts and what it is called. */
class ExportDefaultsTest {
  @TempDir
  Path tmp;

  @Test
  void aSavedDocumentExportsBesideItselfUnderItsOwnName() throws IOException {
    Path doc = Files.createDirectories(tmp.resolve("papers")).resolve("mlp.tp");
    ExportDefaults.Request r = ExportDefaults.of(Format.PDF, doc, "ignored", null, tmp);
    assertEquals(doc.getParent().toAbsolutePath(), r.directory());
    assertEquals("mlp.pdf", r.fileName());
    assertEquals(Style.DEFAULT, r.style());
    assertEquals(1, r.scale());
    assertEquals("mlp.tex", ExportDefaults.of(Format.TIKZ, doc, "", null, tmp).fileName());
  }

  @Test
  void anUnsavedDocumentIsNamedAfterItsTitleInTheLastExportsDirectory() throws IOException {
    Path last = Files.createDirectories(tmp.resolve("out")).resolve("a.png");
    ExportDefaults.Request r = ExportDefaults.of(Format.PNG, null,
        "Residual network, depth 6 (TP IIb §5.1)", last, tmp);
    assertEquals(last.getParent().toAbsolutePath(), r.directory());
    assertEquals("residual-network-depth-6-tp-iib-5-1.png", r.fileName());
    assertEquals(2, r.scale(), "PNG at twice the pixels by default");
  }

  @Test
  void withoutTitleOrHistoryItIsADiagramInTheHomeDirectory() {
    ExportDefaults.Request r = ExportDefaults.of(Format.SVG, null, "", null, tmp);
    assertEquals(tmp, r.directory());
    assertEquals("diagram.svg", r.fileName());
    assertEquals(tmp.resolve("diagram.svg"), r.file());
  }

  @Test
  void aDirectoryThatIsGoneFallsBackToHome() {
    Path gone = tmp.resolve("gone").resolve("x.tp");
    assertEquals(tmp, ExportDefaults.of(Format.PNG, gone, "", null, tmp).directory());
  }

  @Test
  void theMenuSpellsTikzAsItsAuthorsDo() {
    assertEquals("TikZ", ExportDefaults.label(Format.TIKZ));
    assertEquals("PNG", ExportDefaults.label(Format.PNG));
  }
}
