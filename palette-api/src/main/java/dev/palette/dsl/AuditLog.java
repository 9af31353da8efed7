package dev.palette.dsl;

import dev.palette.Subscription;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditQuery;
import dev.palette.model.AuditVerification;
import java.io.Writer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The tenant's audit log: every mutation and every denial, hash-chained. Reading it needs the
 * permission {@code audit.list}.
 */
public interface AuditLog {
  /** The matching events, oldest first. */
  List<AuditEvent> query(AuditQuery query);

  default List<AuditEvent> query(Consumer<AuditQuery.Builder> query) {
    return query(Specs.build("AuditQuery", AuditQuery.builder(), query, AuditQuery.Builder::build));
  }

  /** Checks every link of the hash chain and reports the first event that does not match. */
  AuditVerification verify();

  /** Writes the matching events as CSV with a header line. */
  void exportCsv(AuditQuery query, Writer out);

  /** Writes the matching events as JSON, one object per line. */
  void exportJsonLines(AuditQuery query, Writer out);

  /** Calls the listener with every event appended from now on. */
  Subscription watch(Consumer<AuditEvent> listener);
}
