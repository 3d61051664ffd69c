package org.tpe.render.export;

import java.util.stream.Collectors;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.Pen;
import org.tpe.render.scene.Prim;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.Seg;
import org.tpe.render.style.Rgba;
import org.tpe.render.text.Run;
import org.tpe.render.text.Script;
import org.tpe.render.text.TextMetrics;

/**
 * Writes a {@link Scene} as SVG 1.1, directly (no SVG library): one {@code <g>} per element with
 * its role and id, circles and rectangles as such, paths with {@code stroke-dasharray} for dashed
 * MatMul edges, and labels as {@code <text>} with one {@code <tspan>} per run, so text stays text
 * and sub/superscripts keep the scene's positions. The primitive's tag is its {@code class}.
 */
public final class SvgWriter {
  private SvgWriter() {}

  /** The SVG document. */
  public static String svg(Scene scene) {
    Box b = scene.bounds();
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
        .append(Num.f(b.w())).append("\" height=\"").append(Num.f(b.h()))
        .append("\" viewBox=\"").append(Num.f(b.x())).append(' ').append(Num.f(b.y())).append(' ')
        .append(Num.f(b.w())).append(' ').append(Num.f(b.h())).append("\" font-family=\"'")
        .append(TextMetrics.FAMILY).append("', 'Times New Roman', serif\">\n");
    sb.append("<rect class=\"background\" x=\"").append(Num.f(b.x())).append("\" y=\"")
        .append(Num.f(b.y())).append("\" width=\"").append(Num.f(b.w())).append("\" height=\"")
        .append(Num.f(b.h())).append("\" fill=\"").append(scene.style().background().hex())
        .append("\"/>\n");
    for (Element e : scene.elements()) {
      sb.append("<g class=\"").append(e.role()).append(e.highlighted() ? " highlighted" : "")
          .append("\" data-").append(e.id().type().name().toLowerCase(java.util.Locale.ROOT))
          .append("=\"").append(xml(e.id().name())).append("\">\n");
      for (Prim p : e.prims()) {
        prim(sb, p);
      }
      sb.append("</g>\n");
    }
    return sb.append("</svg>\n").toString();
  }

  private static void prim(StringBuilder sb, Prim p) {
    if (p instanceof Prim.Circle c) {
      sb.append("  <circle class=\"").append(c.tag()).append("\" cx=\"").append(Num.f(c.cx()))
          .append("\" cy=\"").append(Num.f(c.cy())).append("\" r=\"").append(Num.f(c.r()))
          .append('"');
      paint(sb, c.fill(), c.pen());
      sb.append("/>\n");
    } else if (p instanceof Prim.Rect r) {
      sb.append("  <rect class=\"").append(r.tag()).append("\" x=\"").append(Num.f(r.x()))
          .append("\" y=\"").append(Num.f(r.y())).append("\" width=\"").append(Num.f(r.w()))
          .append("\" height=\"").append(Num.f(r.h())).append('"');
      paint(sb, r.fill(), r.pen());
      sb.append("/>\n");
    } else if (p instanceof Prim.PathPrim pp) {
      sb.append("  <path class=\"").append(pp.tag()).append("\" d=\"");
      for (Seg s : pp.segs()) {
        if (s instanceof Seg.MoveTo m) {
          sb.append('M').append(Num.f(m.x())).append(' ').append(Num.f(m.y())).append(' ');
        } else if (s instanceof Seg.LineTo l) {
          sb.append('L').append(Num.f(l.x())).append(' ').append(Num.f(l.y())).append(' ');
        } else if (s instanceof Seg.CubicTo c) {
          sb.append('C').append(Num.f(c.x1())).append(' ').append(Num.f(c.y1())).append(' ')
              .append(Num.f(c.x2())).append(' ').append(Num.f(c.y2())).append(' ')
              .append(Num.f(c.x())).append(' ').append(Num.f(c.y())).append(' ');
        } else {
          sb.append("Z ");
        }
      }
      sb.setLength(sb.length() - 1);
      sb.append('"');
      paint(sb, pp.fill(), pp.pen());
      sb.append("/>\n");
    } else if (p instanceof Prim.Text t) {
      sb.append("  <text class=\"").append(t.tag()).append("\" fill=\"").append(t.fill().hex())
          .append('"');
      opacity(sb, "fill-opacity", t.fill());
      sb.append('>');
      for (Run r : t.runs()) {
        sb.append("<tspan x=\"").append(Num.f(r.x())).append("\" y=\"").append(Num.f(r.y()))
            .append("\" font-size=\"").append(Num.f(r.size())).append('"');
        if (r.italic()) {
          sb.append(" font-style=\"italic\"");
        }
        if (r.script() != Script.NORMAL) {
          sb.append(" class=\"").append(switch (r.script()) {
            case SUPERSCRIPT -> "sup";
            case SUBSCRIPT -> "sub";
            default -> "prime";
          }).append('"');
        }
        sb.append('>').append(xml(r.text())).append("</tspan>");
      }
      sb.append("</text>\n");
    }
  }

  private static void paint(StringBuilder sb, Rgba fill, Pen pen) {
    sb.append(" fill=\"").append(fill == null ? "none" : fill.hex()).append('"');
    if (fill != null) {
      opacity(sb, "fill-opacity", fill);
    }
    if (pen == null) {
      return;
    }
    sb.append(" stroke=\"").append(pen.color().hex()).append("\" stroke-width=\"")
        .append(Num.f(pen.width())).append('"');
    opacity(sb, "stroke-opacity", pen.color());
    if (pen.dashed()) {
      sb.append(" stroke-dasharray=\"")
          .append(pen.dash().stream().map(Num::f).collect(Collectors.joining(" "))).append('"');
    }
    sb.append(" stroke-linejoin=\"round\"");
  }

  private static void opacity(StringBuilder sb, String attr, Rgba c) {
    if (c.a() < 1) {
      sb.append(' ').append(attr).append("=\"").append(Num.f(c.a())).append('"');
    }
  }

  static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
