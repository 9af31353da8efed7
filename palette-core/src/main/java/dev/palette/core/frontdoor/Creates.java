package dev.palette.core.frontdoor;

import dev.palette.Principal;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.record.Records;
import dev.palette.model.Resource;
import java.util.List;

/**
 * The one way the front door creates a record: within the tenant limit of its kind (room reserved
 * by compare-and-set), stamped with the audit event that records it, and with the owners it relies
 * on read again once it is written, so a racing delete of one of them makes the create back out.
 */
final class Creates {
  private final Guard guard;
  private final KindQuota quota;
  private final Dependents dependents;

  Creates(Guard guard, KindQuota quota, Dependents dependents) {
    this.guard = guard;
    this.quota = quota;
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
      KindDescriptor<R, ?, ?> kind, R record, List<Dependents.Owner> owners, String message) {
    return guard.write(caller, action, project, name,
        sequence -> quota.create(kind, record.metadata().id(),
            () -> dependents.create(kind.record(), Records.stamped(kind.record(), record, sequence), owners)),
        r -> message);
  }
}
