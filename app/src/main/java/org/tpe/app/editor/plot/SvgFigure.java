package org.tpe.app.editor.plot;

import java.util.Locale;
import org.tpe.render.style.Rgba;
import org.tpe.render.text.TextMetrics;

/** Writes a {@link Figure} as a standalone SVG document (1 figure pixel = 1 SVG unit). */
public final class SvgFigure {
  private SvgFigure() {}

  public static String svg(Figure f) {
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(f.width()))
        .append("\" height=\"").append(n(f.height())).append("\" viewBox=\"0 0 ")
        .append(n(f.width())).append(' ').append(n(f.height())).append("\" font-family=\"")
        .append(TextMetrics.FAMILY).append(", serif\">\n");
    sb.append("<rect width=\"100%\" height=\"100%\"").append(fill(f.background())).append("/>\n");
    for (Mark m : f.marks()) {
      if (m instanceof Mark.Line l) {
        sb.append("<line x1=\"").append(n(l.x1())).append("\" y1=\"")
            .append(n(l.y1())).append("\" x2=\"").append(n(l.x2())).append("\" y2=\"")
            .append(n(l.y2())).append('"').append(stroke(l.ink(), l.width()))
            .append(l.dashed() ? " stroke-dasharray=\"4 3\"" : "").append("/>\n");
      } else if (m instanceof Mark.Path p) {
        double[] xs = p.xs();
        double[] ys = p.ys();
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
          pts.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        sb.append(p.fill() != null ? "<polygon" : "<polyline").append(" points=\"")
            .append(pts).append('"')
            .append(p.fill() != null ? fill(p.fill()) : " fill=\"none\"")
            .append(p.ink() != null && p.width() > 0 ? stroke(p.ink(), p.width()) : "")
            .append("/>\n");
      } else if (m instanceof Mark.Box b) {
        sb.append("<rect x=\"").append(n(b.x())).append("\" y=\"")
            .append(n(b.y())).append("\" width=\"").append(n(b.w())).append("\" height=\"")
            .append(n(b.h())).append('"')
            .append(b.fill() != null ? fill(b.fill()) : " fill=\"none\"")
            .append(b.ink() != null ? stroke(b.ink(), 1) : "").append("/>\n");
      } else if (m instanceof Mark.Dot d) {
        sb.append("<circle cx=\"").append(n(d.cx())).append("\" cy=\"")
            .append(n(d.cy())).append("\" r=\"").append(n(d.r())).append('"')
            .append(d.fill() != null ? fill(d.fill()) : " fill=\"none\"")
            .append(d.ink() != null ? stroke(d.ink(), 1.5) : "").append("/>\n");
      } else if (m instanceof Mark.Text t) {
        String anchor = switch (t.align()) {
          case LEFT -> "start";
          case CENTER -> "middle";
          case RIGHT -> "end";
        };
        sb.append("<text x=\"").append(n(t.x())).append("\" y=\"").append(n(t.y()))
            .append("\" font-size=\"").append(n(t.size()))
            .append("\" dominant-baseline=\"central\" text-anchor=\"").append(anchor)
            .append('"').append(fill(t.ink()));
        if (t.vertical()) {
          sb.append(" transform=\"rotate(-90 ").append(n(t.x())).append(' ')
              .append(n(t.y())).append(")\"");
        }
        sb.append('>').append(escape(t.text())).append("</text>\n");
      }
    }
    return sb.append("</svg>\n").toString();
  }

  private static String fill(Rgba c) {
    return " fill=\"" + c.hex() + "\"" + (c.a() < 1 ? " fill-opacity=\"" + n(c.a()) + "\"" : "");
  }

  private static String stroke(Rgba c, double w) {
    return " stroke=\"" + c.hex() + "\" stroke-width=\"" + n(w) + "\""
        + (c.a() < 1 ? " stroke-opacity=\"" + n(c.a()) + "\"" : "");
  }

  private static String n(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
