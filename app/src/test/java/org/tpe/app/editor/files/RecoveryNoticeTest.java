package org.tpe.app.editor.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tpe.format.TpDocument;

/** The recovery offer says when the work is from in the user's zone and locale. */
class RecoveryNoticeTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Recovery.Found found(String instant, Path doc) {
    return new Recovery.Found(TpDocument.empty(), doc, Instant.parse(instant));
  }

  @Test
  void workFromTodaySaysTheLocalTimeAndToday() {
    // 13:32 UTC is 14:32 in Berlin in winter (UTC+1)
    assertEquals("Unsaved work from 14:32 today (mlp.tp) can be restored.",
        RecoveryNotice.of(found("2026-12-01T13:32:00Z", Path.of("/w/mlp.tp")),
            Instant.parse("2026-12-01T20:00:00Z"), BERLIN, Locale.GERMANY));
  }

  @Test
  void theTimeFollowsTheLocale() {
    assertEquals("Unsaved work from 2:32\u202fPM today can be restored.".replace('\u202f', ' '),
        RecoveryNotice.of(found("2026-12-01T13:32:00Z", null),
            Instant.parse("2026-12-01T20:00:00Z"), BERLIN, Locale.US).replace('\u202f', ' '));
  }

  @Test
  void yesterdayAndEarlierDays() {
    Instant now = Instant.parse("2026-12-02T08:00:00Z");
    assertEquals("Unsaved work from 23:50 yesterday can be restored.",
        RecoveryNotice.of(found("2026-12-01T22:50:00Z", null), now, BERLIN, Locale.GERMANY));
    // 23:30 UTC on 30 Nov is 00:30 on 1 Dec in Berlin: yesterday there, though two UTC days back
    assertEquals("Unsaved work from 00:30 yesterday can be restored.",
        RecoveryNotice.of(found("2026-11-30T23:30:00Z", null), now, BERLIN, Locale.GERMANY));
    assertEquals("Unsaved work from 28.11.2026, 10:00 can be restored.",
        RecoveryNotice.of(found("2026-11-28T09:00:00Z", null), now, BERLIN, Locale.GERMANY));
  }
}
