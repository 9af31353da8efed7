package dev.palette.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * What every record carries besides its spec and status, in the shape of Kubernetes object metadata.
 *
 * <p>{@code generation} moves when the spec changes; {@code revision} moves on every write and is
 * the value compare-and-set writes are checked against.
 */
@Value.Immutable
@PaletteStyle
@JsonSerialize(as = Metadata.class)
@JsonDeserialize(as = Metadata.class)
public interface MetadataDef {
  /** The record kind, for example {@code HostCluster}. */
  String kind();

  /** Identifier that never changes and never repeats. */
  String id();

  String name();

  /** The project the record lives in; empty for tenant scope. */
  @Value.Default
  default String project() {
    return "";
  }

  Map<String, String> labels();

  @Value.Default
  default long generation() {
    return 1;
  }

  @Value.Default
  default long revision() {
    return 0;
  }

  Instant createdAt();

  Instant updatedAt();

  /** Who asked for the record to exist. */
  @Value.Default
  default String createdBy() {
    return "";
  }

  /**
   * Set once deletion was asked for. A record without {@link #finalizers()} is then gone; one with
   * finalizers stays, marked, until each controller that named one has cleaned up and removed it.
   */
  @Value.Default
  default boolean deletionRequested() {
    return false;
  }

  /**
   * The controllers that must clean up before the record may go, as Kubernetes finalizers: each
   * controller of the kind adds its name when the record is created and removes it once what it
   * made outside is gone. The record is deleted when deletion was requested and none is left.
   */
  List<String> finalizers();

  /** The records this one belongs to, for example the project of a cluster. */
  List<OwnerReference> owners();

  /**
   * The sequence of the audit event that records the last audited change to this record, decided
   * before the change is written; 0 for a record no audited call wrote. It lets
   * {@code AuditLog.verify()} find a change whose event never reached the log.
   */
  @Value.Default
  default long auditSequence() {
    return 0;
  }

  /** True when the record lives at tenant scope rather than in a project. */
  @Value.Derived
  @com.fasterxml.jackson.annotation.JsonIgnore
  default boolean tenantScoped() {
    return project().isEmpty();
  }
}
