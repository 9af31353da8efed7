package dev.palette.core.audit;

import dev.palette.model.AuditEvent;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLF4J line of each event, on the logger {@value AuditTrail#LOGGER}: quoted, escaped
 * {@code key="value"} pairs, so that no name or message can end the line or pass for another event.
 */
final class AuditLine {
  private static final Logger AUDIT_LOG = LoggerFactory.getLogger(AuditTrail.LOGGER);
  private static final HexFormat HEX = HexFormat.of();

  private AuditLine() {}

  /** Logs the event at DEBUG, when that level is on. */
  static void log(AuditEvent e) {
    if (!AUDIT_LOG.isDebugEnabled()) {
      return;
    }
    AUDIT_LOG.debug(line(e));
  }

  /**
   * The log line of an event: {@code key="value"} pairs, every value quoted and escaped, so that no
   * name or message, however it was chosen, can end the line or pass for another field or event.
   */
  static String line(AuditEvent e) {
    StringBuilder out = new StringBuilder(256);
    out.append("sequence=").append(e.sequence());
    pair(out, "actor", e.actor());
    pair(out, "actorType", e.actorType());
    pair(out, "action", e.action().label());
    pair(out, "permission", e.permission());
    pair(out, "resourceKind", e.resourceKind());
    pair(out, "project", e.project());
    pair(out, "resourceName", e.resourceName());
    pair(out, "outcome", e.outcome().name().toLowerCase(Locale.ROOT));
    pair(out, "message", e.message());
    return out.toString();
  }

  private static void pair(StringBuilder out, String key, String value) {
    out.append(' ').append(key).append("=\"");
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (printable(cp)) {
            out.appendCodePoint(cp);
          } else {
            // JSON's escape for anything a terminal or log viewer could act on or hide.
            for (char c : Character.toChars(cp)) {
              out.append("\\u").append(HEX.toHexDigits(c));
            }
          }
        }
      }
      i += Character.charCount(cp);
    }
    out.append('"');
  }

  // Controls, line and paragraph separators, format characters (bidi overrides, zero-width
  // characters), lone surrogates, private-use and unassigned code points are not printable.
  private static boolean printable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED -> false;
      default -> true;
    };
  }
}
