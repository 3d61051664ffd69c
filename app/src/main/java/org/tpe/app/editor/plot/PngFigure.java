package org.tpe.app.editor.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.tpe.render.style.Rgba;
import org.tpe.render.text.TextMetrics;

/** Draws a {@link Figure} into a PNG with Java2D (headless), at a scale (2: twice the pixels). */
public final class PngFigure {
  private PngFigure() {}

  public static BufferedImage image(Figure f, double scale) {
    int w = (int) Math.ceil(f.width() * scale);
    int h = (int) Math.ceil(f.height() * scale);
    BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h),
        BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
          RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.scale(scale, scale);
      g.setColor(awt(f.background()));
      g.fill(new Rectangle2D.Double(0, 0, f.width(), f.height()));
      for (Mark m : f.marks()) {
        draw(g, m);
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  public static byte[] png(Figure f, double scale) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image(f, scale), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void draw(Graphics2D g, Mark m) {
    if (m instanceof Mark.Line l) {
      g.setColor(awt(l.ink()));
      g.setStroke(l.dashed() ? new BasicStroke((float) l.width(), BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0) : new BasicStroke((float) l.width()));
      g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
    } else if (m instanceof Mark.Path p) {
      double[] xs = p.xs();
      double[] ys = p.ys();
      if (xs.length == 0) {
        return;
      }
      Path2D.Double path = new Path2D.Double();
      path.moveTo(xs[0], ys[0]);
      for (int i = 1; i < xs.length; i++) {
        path.lineTo(xs[i], ys[i]);
      }
      if (p.fill() != null) {
        Path2D.Double closed = (Path2D.Double) path.clone();
        closed.closePath();
        g.setColor(awt(p.fill()));
        g.fill(closed);
      }
      if (p.ink() != null && p.width() > 0) {
        g.setColor(awt(p.ink()));
        g.setStroke(new BasicStroke((float) p.width(), BasicStroke.CAP_ROUND,
            BasicStroke.JOIN_ROUND));
        g.draw(path);
      }
    } else if (m instanceof Mark.Box b) {
      Rectangle2D r = new Rectangle2D.Double(b.x(), b.y(), b.w(), b.h());
      if (b.fill() != null) {
        g.setColor(awt(b.fill()));
        g.fill(r);
      }
      if (b.ink() != null) {
        g.setColor(awt(b.ink()));
        g.setStroke(new BasicStroke(1));
        g.draw(r);
      }
    } else if (m instanceof Mark.Dot d) {
      Ellipse2D e = new Ellipse2D.Double(d.cx() - d.r(), d.cy() - d.r(), 2 * d.r(), 2 * d.r());
      if (d.fill() != null) {
        g.setColor(awt(d.fill()));
        g.fill(e);
      }
      if (d.ink() != null) {
        g.setColor(awt(d.ink()));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(e);
      }
    } else if (m instanceof Mark.Text t) {
      g.setFont(TextMetrics.awtFont(false, t.size()));
      g.setColor(awt(t.ink()));
      double w = TextMetrics.width(t.text(), false, t.size());
      double dx = switch (t.align()) {
        case LEFT -> 0;
        case CENTER -> -w / 2;
        case RIGHT -> -w;
      };
      // baseline so that the text's vertical middle is at the anchor
      double dy = (TextMetrics.ascent(t.size()) - TextMetrics.descent(t.size())) / 2;
      AffineTransform saved = g.getTransform();
      g.translate(t.x(), t.y());
      if (t.vertical()) {
        g.rotate(-Math.PI / 2);
      }
      g.drawString(t.text(), (float) dx, (float) dy);
      g.setTransform(saved);
    }
  }

  private static Color awt(Rgba c) {
    return new Color(c.r(), c.g(), c.b(), (int) Math.round(c.a() * 255));
  }
}
