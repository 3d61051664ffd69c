package org.tpe.app.editor.files;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * The sentence that offers an autosave back: "Unsaved work from 14:32 today (mlp.tp) can be
 * restored." — the time in the user's zone and locale, "today" or "yesterday" when it is, else
 * the date.
 */
public final class RecoveryNotice {
  private RecoveryNotice() {}

  /** The offer of {@code f} seen at {@code now}. */
  public static String of(Recovery.Found f, Instant now, ZoneId zone, Locale locale) {
    ZonedDateTime at = f.written().atZone(zone);
    LocalDate today = now.atZone(zone).toLocalDate();
    String time = at.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
        .withLocale(locale));
    LocalDate day = at.toLocalDate();
    String when = day.equals(today) ? time + " today"
        : day.equals(today.minusDays(1)) ? time + " yesterday"
        : at.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(locale));
    return "Unsaved work from " + when
        + (f.document() == null ? "" : " (" + f.document().getFileName() + ")")
        + " can be restored.";
  }
}
