/**
 * Pictures of Tensor Programs in the graphical notation of TP IIb (§4 and App. C; DESIGN §5).
 *
 * <p>The pipeline, each step a pure function:
 *
 * <ol>
 *   <li>{@link org.tpe.render.layout.DiagramGraph#of} — the program as nodes (circles for vectors,
 *       squares for scalars, gates for Nonlin, Moment, LinComb and scalar ops) and edges (dashed
 *       MatMuls, solid argument and result edges), with sizes from the bundled font's metrics;
 *   <li>{@link org.tpe.render.layout.AutoLayout#layout} — positions and edge routes from Eclipse
 *       ELK's layered algorithm, left to right, each gate rigidly beside the variable it computes,
 *       long chains folded into rows; {@code @at} positions are kept, with edges routed
 *       orthogonally around the nodes, labels on free spots and a tile for every matrix;
 *   <li>{@link org.tpe.render.scene.SceneBuilder#build} — the {@link org.tpe.render.scene.Scene}:
 *       a display list in model coordinates with the style's colours and the highlight, and
 *       hit-testing for the editor;
 *   <li>backends that draw the scene as it is: {@link org.tpe.render.fx.CanvasBackend} (JavaFX,
 *       the only class that uses JavaFX), {@link org.tpe.render.export.SvgWriter}, {@link
 *       org.tpe.render.export.PdfExporter}, {@link org.tpe.render.export.PngExporter} (both
 *       through {@link org.tpe.render.export.Java2DBackend}) and {@link
 *       org.tpe.render.export.TikzWriter}.
 * </ol>
 */
package org.tpe.render;
