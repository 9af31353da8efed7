package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * One entry of the audit log. Entries are hash-chained: {@link #hash()} covers every other field
 * and the previous entry's hash, so changing or removing an entry breaks the chain at that entry.
 * Entries never hold secrets.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = AuditEvent.class)
@JsonDeserialize(as = AuditEvent.class)
public interface AuditEventDef {
  /** Position in the log, from 1. */
  long sequence();

  Instant time();

  /** The principal's name. */
  String actor();

  /** {@code user}, {@code service} or {@code system}. */
  String actorType();

  AuditAction action();

  /** The permission the call needed, for example {@code cluster.create}. */
  String permission();

  /** The record kind, for example {@code HostCluster}. */
  String resourceKind();

  String resourceName();

  /** The project, or empty for tenant scope. */
  String project();

  AuditOutcome outcome();

  String message();

  /** The hash of the entry before, or 64 zeros for the first entry. */
  String previousHash();

  /** SHA-256, in hex, of the other fields and {@link #previousHash()}. */
  String hash();
}
