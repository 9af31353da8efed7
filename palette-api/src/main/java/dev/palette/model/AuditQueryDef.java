package dev.palette.model;

import java.time.Instant;
import java.util.Set;
import org.immutables.value.Value;

/** Selects audit events; an empty set matches everything, and the time range is half-open. */
@Value.Immutable
@PaletteStyle
// The time range starts at from(), so the builder has no from(instance) copy method; none is needed.
@SuppressWarnings("immutables:from")
public interface AuditQueryDef {
  /** The earliest time, inclusive. */
  @Value.Default
  default Instant from() {
    return Instant.EPOCH;
  }

  /** The latest time, exclusive. */
  @Value.Default
  default Instant to() {
    return Instant.parse("9999-12-31T23:59:59Z");
  }

  Set<String> actors();

  /** Record kinds, for example {@code HostCluster}. */
  Set<String> kinds();

  /** Project names; the empty string selects tenant-scoped events. */
  Set<String> projects();

  Set<AuditAction> actions();

  /** True when the event is selected. */
  default boolean matches(AuditEvent e) {
    return !e.time().isBefore(from())
        && e.time().isBefore(to())
        && (actors().isEmpty() || actors().contains(e.actor()))
        && (kinds().isEmpty() || kinds().contains(e.resourceKind()))
        && (projects().isEmpty() || projects().contains(e.project()))
        && (actions().isEmpty() || actions().contains(e.action()));
  }
}
