package dev.palette.core.audit;

import dev.palette.model.AuditEvent;
import dev.palette.model.AuditQuery;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads events back: queries, and exports as CSV or JSON lines. */
final class AuditExport {
  static final String CSV_HEADER =
      "sequence,time,actor,actorType,action,permission,resourceKind,resourceName,project,"
          + "outcome,message,previousHash,hash";
  private static final Logger LOG = LoggerFactory.getLogger(AuditExport.class);

  private final EventRecords events;

  AuditExport(EventRecords events) {
    this.events = events;
  }

  /** The matching events, ordered by sequence; events whose JSON does not parse are skipped. */
  List<AuditEvent> query(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    List<AuditEvent> out = new ArrayList<>();
    for (StoredRecord r : events.sorted(scopeOf(query))) {
      Optional<AuditEvent> event = events.decode(r);
      if (event.isEmpty()) {
        LOG.warn("audit record {} does not parse; it is left out, and verify() reports it",
            r.id());
      } else if (query.matches(event.get())) {
        out.add(event.get());
      }
    }
    out.sort(Comparator.comparingLong(AuditEvent::sequence));
    return out;
  }

  /** Writes the matching events as RFC 4180 CSV with a header line and CRLF line ends. */
  void exportCsv(AuditQuery query, Writer out) {
    try {
      out.write(CSV_HEADER);
      out.write("\r\n");
      StringBuilder line = new StringBuilder(512);
      for (AuditEvent e : query(query)) {
        line.setLength(0);
        line.append(e.sequence()).append(',').append(e.time()).append(',');
        csvField(line, e.actor()).append(',');
        csvField(line, e.actorType()).append(',');
        line.append(e.action().label()).append(',');
        csvField(line, e.permission()).append(',');
        csvField(line, e.resourceKind()).append(',');
        csvField(line, e.resourceName()).append(',');
        csvField(line, e.project()).append(',');
        line.append(e.outcome().name().toLowerCase(Locale.ROOT)).append(',');
        csvField(line, e.message()).append(',');
        line.append(e.previousHash()).append(',').append(e.hash()).append("\r\n");
        out.write(line.toString());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit CSV export", e);
    }
  }

  /** Writes the matching events as JSON, one object per line, in sequence order. */
  void exportJsonLines(AuditQuery query, Writer out) {
    try {
      EventJson json = new EventJson();
      for (AuditEvent e : query(query)) {
        out.write(json.encode(e));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit JSON lines export", e);
    }
  }

  private static RecordQuery scopeOf(AuditQuery query) {
    return query.projects().size() == 1
        ? RecordQuery.inScope(AuditTrail.KIND, query.projects().iterator().next())
        : RecordQuery.all(AuditTrail.KIND);
  }

  private static StringBuilder csvField(StringBuilder line, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      return line.append(value);
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      line.append(c);
      if (c == '"') {
        line.append('"');
      }
    }
    return line.append('"');
  }
}
