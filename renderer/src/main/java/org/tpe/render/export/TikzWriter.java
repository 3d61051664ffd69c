package org.tpe.render.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tpe.render.layout.Layout.Box;
import org.tpe.render.scene.Element;
import org.tpe.render.scene.ElementId;
import org.tpe.render.scene.Pen;
import org.tpe.render.scene.Prim;
import org.tpe.render.scene.Scene;
import org.tpe.render.scene.Seg;
import org.tpe.render.style.Rgba;

/**
 * Writes a {@link Scene} as a standalone {@code tikzpicture} an author can paste into a paper
 * (needs only the tikz package). Variables are TikZ {@code circle} and {@code rectangle}
 * nodes named {@code v1, v2, …} (in program order, the variable's name in a comment) with their
 * names in math mode ({@code $h^{1}$}); gates, edges and arrowheads are drawn with the scene's own
 * paths ({@code --} and {@code .. controls ..}); MatMul edges are dashed; labels are math-mode nodes
 * ({@code $W^{2\top}$}, {@code $\theta$}) at the scene's positions. Lengths are in points, one
 * model unit being {@link PdfExporter#POINTS_PER_UNIT} pt as in the PDF; y points up.
 */
public final class TikzWriter {
  private TikzWriter() {}

  /** The {@code tikzpicture} source, with a comment saying what it draws. */
  public static String tikz(Scene scene, String title) {
    Box b = scene.bounds();
    Map<String, String> colours = new LinkedHashMap<>();
    StringBuilder body = new StringBuilder(8192);
    int v = 0;
    for (Element e : scene.elements()) {
      if (e.id().type() == ElementId.Type.VARIABLE) {
        v++;
        variable(body, e, "v" + v, b, colours);
      } else {
        for (Prim p : e.prims()) {
          prim(body, p, b, colours);
        }
      }
    }
    StringBuilder sb = new StringBuilder(body.length() + 1024);
    sb.append("% Tensor Program diagram");
    if (title != null && !title.isBlank()) {
      sb.append(": ").append(title.replace('\n', ' '));
    }
    sb.append("\n% in the graphical notation of Tensor Programs IIb (Yang & Littwin 2021), ")
        .append("drawn by tpe export.\n% Needs \\usepackage{tikz}. Dashed edges are MatMuls, ")
        .append("gates Nonlins, bar-gates Moments.\n");
    sb.append("\\begin{tikzpicture}[x=1pt, y=1pt, line join=round, inner sep=0pt]\n");
    colours.forEach((hex, name) -> sb.append("\\definecolor{").append(name).append("}{HTML}{")
        .append(hex.substring(1).toUpperCase(java.util.Locale.ROOT)).append("}\n"));
    sb.append(body);
    return sb.append("\\end{tikzpicture}\n").toString();
  }

  private static String x(double mx, Box b) {
    return Num.f((mx - b.x()) * PdfExporter.POINTS_PER_UNIT);
  }

  private static String y(double my, Box b) {
    return Num.f((b.y() + b.h() - my) * PdfExporter.POINTS_PER_UNIT);
  }

  private static String pt(double len) {
    return Num.f(len * PdfExporter.POINTS_PER_UNIT) + "pt";
  }

  private static String at(double mx, double my, Box b) {
    return "(" + x(mx, b) + "," + y(my, b) + ")";
  }

  private static String colour(Rgba c, Map<String, String> colours) {
    return colours.computeIfAbsent(c.hex(), k -> "tpe" + (char) ('A' + colours.size() % 26)
        + (colours.size() >= 26 ? String.valueOf(colours.size() / 26) : ""));
  }

  private static String pen(Pen p, Map<String, String> colours) {
    if (p == null) {
      return "draw=none";
    }
    String s = "draw=" + colour(p.color(), colours) + ", line width=" + pt(p.width());
    if (p.dashed()) {
      List<Double> d = p.dash();
      StringBuilder pat = new StringBuilder();
      for (int i = 0; i < d.size(); i++) {
        pat.append(i % 2 == 0 ? " on " : " off ").append(pt(d.get(i)));
      }
      s += ", dash pattern=" + pat.toString().trim();
    }
    return s;
  }

  private static String fill(Rgba f, Map<String, String> colours) {
    return f == null ? "" : ", fill=" + colour(f, colours);
  }

  private static void variable(StringBuilder sb, Element e, String node, Box b,
      Map<String, String> colours) {
    Prim.Text name = null;
    for (Prim p : e.prims()) {
      if (p instanceof Prim.Text t) {
        name = t;
      }
    }
    String label = name == null ? "" : "$" + name.latex() + "$";
    String ink = name == null ? "" : ", text=" + colour(name.fill(), colours);
    sb.append("% ").append(e.id().name()).append('\n');
    for (Prim p : e.prims()) {
      if (p instanceof Prim.Circle c && c.tag().equals("circle")) {
        sb.append("\\node[circle, minimum size=").append(pt(2 * c.r())).append(", ")
            .append(pen(c.pen(), colours)).append(fill(c.fill(), colours)).append(ink)
            .append("] (").append(node).append(") at ").append(at(c.cx(), c.cy(), b))
            .append(" {").append(label).append("};\n");
      } else if (p instanceof Prim.Rect r && r.tag().equals("square")) {
        sb.append("\\node[rectangle, minimum width=").append(pt(r.w()))
            .append(", minimum height=").append(pt(r.h())).append(", ")
            .append(pen(r.pen(), colours)).append(fill(r.fill(), colours)).append(ink)
            .append("] (").append(node).append(") at ")
            .append(at(r.x() + r.w() / 2, r.y() + r.h() / 2, b)).append(" {").append(label)
            .append("};\n");
      } else if (!(p instanceof Prim.Text)) {
        prim(sb, p, b, colours);
      }
    }
  }

  private static void prim(StringBuilder sb, Prim p, Box b, Map<String, String> colours) {
    if (p instanceof Prim.Circle c) {
      sb.append("\\path[").append(pen(c.pen(), colours)).append(fill(c.fill(), colours))
          .append("] ").append(at(c.cx(), c.cy(), b)).append(" circle[radius=")
          .append(pt(c.r())).append("];\n");
    } else if (p instanceof Prim.Rect r) {
      sb.append("\\path[").append(pen(r.pen(), colours)).append(fill(r.fill(), colours))
          .append("] ").append(at(r.x(), r.y(), b)).append(" rectangle ")
          .append(at(r.x() + r.w(), r.y() + r.h(), b)).append(";\n");
    } else if (p instanceof Prim.PathPrim pp) {
      sb.append("\\path[").append(pen(pp.pen(), colours)).append(fill(pp.fill(), colours))
          .append("] ");
      boolean first = true;
      for (Seg s : pp.segs()) {
        if (s instanceof Seg.MoveTo m) {
          sb.append(first ? "" : " ").append(at(m.x(), m.y(), b));
        } else if (s instanceof Seg.LineTo l) {
          sb.append(" -- ").append(at(l.x(), l.y(), b));
        } else if (s instanceof Seg.CubicTo c) {
          sb.append(" .. controls ").append(at(c.x1(), c.y1(), b)).append(" and ")
              .append(at(c.x2(), c.y2(), b)).append(" .. ").append(at(c.x(), c.y(), b));
        } else {
          sb.append(" -- cycle");
        }
        first = false;
      }
      sb.append(";\n");
    } else if (p instanceof Prim.Text t) {
      double size = t.runs().isEmpty() ? 12 : t.runs().get(0).size();
      String font = size >= 12.5 ? "\\small" : "\\footnotesize";
      sb.append("\\node[anchor=base, font=").append(font).append(", text=")
          .append(colour(t.fill(), colours)).append("] at ").append(at(t.cx(), t.y(), b))
          .append(" {$").append(t.latex()).append("$};\n");
    }
  }

  /** The colour names used, for tests. */
  static List<String> colourNames(String tikz) {
    return tikz.lines().filter(l -> l.startsWith("\\definecolor")).collect(Collectors.toList());
  }
}
