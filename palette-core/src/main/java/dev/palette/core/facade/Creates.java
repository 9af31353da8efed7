package dev.palette.core.facade;

import dev.palette.Principal;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.core.tenancy.TenantLimitGuard;
import dev.palette.model.Resource;
import java.util.List;

/**
 * The one way the front door creates a record: within the tenant limit (room reserved by
 * compare-and-set), stamped with the audit event that records it, and with the owners it relies on
 * read again once it is written, so a racing delete of one of them makes the create back out.
 */
final class Creates {
  private final Guard guard;
  private final TenantLimitGuard limits;
  private final Dependents dependents;

  Creates(Guard guard, TenantLimitGuard limits, Dependents dependents) {
    this.guard = guard;
    this.limits = limits;
    this.dependents = dependents;
  }

  /**
   * Creates {@code record} and audits it with {@code message}; nothing is written or audited when
   * it throws.
   *
   * @throws dev.palette.error.QuotaExceededException when the tenant limit of its kind is reached
   * @throws dev.palette.error.ConflictException when the name is taken or an owner went away
   */
  <R extends Resource<?>> R create(Principal caller, Action action, String project, String name,
      RecordKind<R> kind, R record, List<Dependents.Owner> owners, String message) {
    return guard.write(caller, action, project, name,
        sequence -> limits.create(kind.name(), record.metadata().id(),
            () -> dependents.create(kind, Records.stamped(kind, record, sequence), owners)),
        r -> message);
  }
}
