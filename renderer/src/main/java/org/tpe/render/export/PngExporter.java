package org.tpe.render.export;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.tpe.render.scene.Scene;

/** Rasterises a {@link Scene} to PNG at a chosen scale (pixels per model unit), headless. */
public final class PngExporter {
  /** Largest image side accepted, so a huge program or scale cannot exhaust memory. */
  public static final int MAX_SIDE = 16_000;

  private PngExporter() {}

  /** The scene as an ARGB image, {@code scale} pixels per model unit. */
  public static BufferedImage image(Scene scene, double scale) {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be a positive number, not " + scale);
    }
    int w = (int) Math.ceil(scene.bounds().w() * scale);
    int h = (int) Math.ceil(scene.bounds().h() * scale);
    if (w > MAX_SIDE || h > MAX_SIDE) {
      throw new IllegalArgumentException("the image would be " + w + "×" + h
          + " pixels (more than " + MAX_SIDE + " a side): use a smaller --scale");
    }
    BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h),
        BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      Java2DBackend.draw(g, scene, scale);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** The PNG file's bytes. */
  public static byte[] png(Scene scene, double scale) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image(scene, scale), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
