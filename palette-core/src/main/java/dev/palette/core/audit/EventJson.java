package dev.palette.core.audit;

import dev.palette.model.AuditEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An event as the JSON document {@code Json.mapper()} writes for it, character for character,
 * written straight into a reused buffer: the same field order, the same string escaping and the
 * same ISO-8601 time. Jackson's general writer spent more on set-up, reflection and formatting
 * than the append spent on everything else. Not thread-safe.
 */
final class EventJson {
  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
  // Times outside years 1 to 9999 are left to ISO_INSTANT, which signs and widens the year.
  private static final long YEAR_1 = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
  private static final long YEAR_9999_END =
      Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
  private final StringBuilder out = new StringBuilder(512);

  String encode(AuditEvent e) {
    out.setLength(0);
    out.append("{\"sequence\":").append(e.sequence());
    out.append(",\"time\":\"");
    time(e.time());
    out.append('"');
    field("actor", e.actor());
    field("actorType", e.actorType());
    field("action", e.action().name());
    field("permission", e.permission());
    field("resourceKind", e.resourceKind());
    field("resourceName", e.resourceName());
    field("project", e.project());
    field("outcome", e.outcome().name());
    field("message", e.message());
    field("previousHash", e.previousHash());
    field("hash", e.hash());
    return out.append('}').toString();
  }

  private void field(String name, String value) {
    out.append(",\"").append(name).append("\":\"");
    string(value);
    out.append('"');
  }

  // Jackson's default escaping: quote, backslash and control characters; nothing else.
  private void string(String s) {
    int n = s.length();
    int from = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, from, i).append('\\');
      switch (c) {
        case '"', '\\' -> out.append(c);
        case '\b' -> out.append('b');
        case '\t' -> out.append('t');
        case '\n' -> out.append('n');
        case '\f' -> out.append('f');
        case '\r' -> out.append('r');
        default -> out.append("u00").append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
      }
      from = i + 1;
    }
    out.append(s, from, n);
  }

  // What DateTimeFormatter.ISO_INSTANT writes: seconds always, the fraction in groups of three.
  private void time(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds < YEAR_1 || seconds > YEAR_9999_END) {
      DateTimeFormatter.ISO_INSTANT.formatTo(t, out);
      return;
    }
    LocalDateTime d = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    pad(d.getYear(), 4).append('-');
    pad(d.getMonthValue(), 2).append('-');
    pad(d.getDayOfMonth(), 2).append('T');
    pad(d.getHour(), 2).append(':');
    pad(d.getMinute(), 2).append(':');
    pad(d.getSecond(), 2);
    int nano = t.getNano();
    if (nano > 0) {
      out.append('.');
      if (nano % 1_000_000 == 0) {
        pad(nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        pad(nano / 1_000, 6);
      } else {
        pad(nano, 9);
      }
    }
    out.append('Z');
  }

  private StringBuilder pad(int value, int width) {
    for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
      if (value < limit) {
        out.append('0');
      }
    }
    return out.append(value);
  }
}
