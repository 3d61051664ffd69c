package org.tpe.app.editor.bench;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;

/**
 * The JavaFX thread's CPU time in each pulse's CSS and layout passes of one scene (from its
 * pre-layout to its post-layout pulse listener), the part of a frame that the window's own nodes
 * cost: a long one names a panel that re-lays out more than it changed. Installed and read on the
 * JavaFX thread.
 */
final class PulseProbe {
  private static final java.lang.management.ThreadMXBean MX =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private final Scene scene;
  private final List<Long> nanos = new ArrayList<>();
  private long before = -1;
  private final Runnable pre = () -> before = MX.getCurrentThreadCpuTime();
  private final Runnable post = () -> {
    if (before >= 0) {
      nanos.add(MX.getCurrentThreadCpuTime() - before);
      before = -1;
    }
  };

  PulseProbe(Scene scene) {
    this.scene = scene;
    scene.addPreLayoutPulseListener(pre);
    scene.addPostLayoutPulseListener(post);
  }

  void stop() {
    scene.removePreLayoutPulseListener(pre);
    scene.removePostLayoutPulseListener(post);
  }

  /** The count, median, 99th percentile and maximum of the passes, and how many took > 8 ms. */
  String report() {
    if (nanos.isEmpty()) {
      return "no pulse";
    }
    long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    long over = nanos.stream().filter(n -> n > 8_000_000).count();
    return String.format("%d pulses: median %.1f ms, 99th percentile %.1f ms, at most %.1f ms "
        + "of JavaFX-thread CPU; %d over 8 ms", s.length, s[s.length / 2] / 1e6,
        s[(int) (s.length * 0.99)] / 1e6, s[s.length - 1] / 1e6, over);
  }
}
