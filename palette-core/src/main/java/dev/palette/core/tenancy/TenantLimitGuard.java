package dev.palette.core.tenancy;

import dev.palette.core.record.RecordCodec;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.QuotaExceededException;
import dev.palette.error.ValidationException;
import dev.palette.error.Violation;
import dev.palette.model.CloudAccount;
import dev.palette.model.ClusterProfile;
import dev.palette.model.HostCluster;
import dev.palette.model.Project;
import dev.palette.model.Role;
import dev.palette.model.RoleBinding;
import dev.palette.model.Team;
import dev.palette.model.TenantLimits;
import dev.palette.model.User;
import dev.palette.model.Workspace;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tenant's limits on object counts in the store and refuses a create beyond them.
 *
 * <p>Counting and then creating lets racing creates all see room for one more, so a create first
 * reserves its record's id in one reservation record per kind, written by compare-and-set: the
 * records that exist plus the reservations still pending never exceed the limit, whichever
 * engines share the store. A reservation is settled (removed) once the create returned or failed;
 * one left behind by a crash counts only until the record exists or {@link #GRACE} has passed.
 *
 * <p>Internal to the engine; public only so that the front door can use it.
 */
public final class TenantLimitGuard {
  private static final Logger LOG = LoggerFactory.getLogger(TenantLimitGuard.class);
  private static final String KIND = "TenantLimits";
  private static final String ID = "tenant-limits";
  /** The kind of the per-kind reservation records. */
  static final String RESERVATIONS = "TenantReservations";
  /** How long a reservation whose record never appeared still counts. */
  static final Duration GRACE = Duration.ofMinutes(5);
  private static final int SETTLE_ATTEMPTS = 64;
  private static final Map<String, Limit> LIMITS = Map.of(
      Project.KIND, new Limit("projects", TenantLimits::projects),
      HostCluster.KIND, new Limit("clusters", TenantLimits::clusters),
      ClusterProfile.KIND, new Limit("clusterProfiles", TenantLimits::clusterProfiles),
      CloudAccount.KIND, new Limit("cloudAccounts", TenantLimits::cloudAccounts),
      User.KIND, new Limit("users", TenantLimits::users),
      Team.KIND, new Limit("teams", TenantLimits::teams),
      Role.KIND, new Limit("roles", TenantLimits::roles),
      RoleBinding.KIND, new Limit("roleBindings", TenantLimits::roleBindings),
      Workspace.KIND, new Limit("workspaces", TenantLimits::workspaces));

  private record Limit(String field, ToIntFunction<TenantLimits> value) {}

  /** The body of a reservation record: record id to the time it was reserved. */
  record Pending(Map<String, Instant> ids) {
    Pending {
      ids = ids == null ? Map.of() : Map.copyOf(ids);
    }
  }

  private final StateStore store;
  private final RecordCodec codec;
  private final Clock clock;

  /**
   * A guard over the limits and reservations in {@code store}.
   *
   * @param clock the time reservations are stamped with, to expire those a crash left behind
   */
  public TenantLimitGuard(StateStore store, RecordCodec codec, Clock clock) {
    this.store = store;
    this.codec = codec;
    this.clock = clock;
  }

  /** The tenant's limits as stored; the defaults when none were set. */
  public TenantLimits limits() {
    return stored().map(r -> codec.fromJson(r.body(), TenantLimits.class))
        .orElseGet(() -> TenantLimits.builder().build());
  }

  /**
   * Creates a record of this kind within the tenant's limit: reserves its id, runs the create and
   * settles the reservation whether the create succeeded or not.
   *
   * @throws QuotaExceededException naming the limit and how to raise it; nothing is created then
   */
  public <T> T create(String kind, String id, Supplier<T> create) {
    reserve(kind, id);
    try {
      return create.get();
    } finally {
      settle(kind, id);
    }
  }

  private void reserve(String kind, String id) {
    Limit limit = LIMITS.get(kind);
    while (true) {
      int max = limit.value().applyAsInt(limits());
      Optional<StoredRecord> current = store.get(RESERVATIONS, reservationId(kind));
      Set<String> existing = new HashSet<>();
      store.list(RecordQuery.all(kind)).forEach(r -> existing.add(r.id()));
      Instant now = clock.instant();
      Map<String, Instant> pending = new HashMap<>();
      current.map(this::pending).orElse(Map.of()).forEach((pendingId, at) -> {
        // A reservation whose record exists is counted as that record; a stale one not at all.
        if (!existing.contains(pendingId) && at.plus(GRACE).isAfter(now)) {
          pending.put(pendingId, at);
        }
      });
      int used = existing.size() + pending.size();
      if (used >= max) {
        throw new QuotaExceededException("tenant limit reached: " + used + " of " + max + " " + limit.field()
            + "; delete some or raise the limit with tenant().updateLimits(l -> l." + limit.field() + "(...))");
      }
      pending.put(id, now);
      if (write(kind, current, pending)) {
        return;
      }
    }
  }

  // Best effort: a reservation that cannot be removed counts until its record exists or GRACE passes.
  private void settle(String kind, String id) {
    for (int attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
      Optional<StoredRecord> current = store.get(RESERVATIONS, reservationId(kind));
      Map<String, Instant> pending = new HashMap<>(current.map(this::pending).orElse(Map.of()));
      if (pending.remove(id) == null) {
        return;
      }
      try {
        if (write(kind, current, pending)) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.debug("could not settle the reservation of {} {}: {}", kind, id, e.toString());
        return;
      }
    }
  }

  // Compare-and-set of the reservation record; false when another write won and we must read again.
  private boolean write(String kind, Optional<StoredRecord> current, Map<String, Instant> pending) {
    StoredRecord next = new StoredRecord(RESERVATIONS, reservationId(kind), "", reservationId(kind), Map.of(), 0,
        codec.toJson(new Pending(pending)));
    try {
      if (current.isPresent()) {
        store.update(next, current.get().revision());
      } else {
        store.create(next);
      }
      return true;
    } catch (ConflictException | NotFoundException e) {
      return false;
    }
  }

  private Map<String, Instant> pending(StoredRecord record) {
    return codec.fromJson(record.body(), Pending.class).ids();
  }

  private static String reservationId(String kind) {
    return "reservations-" + kind.toLowerCase(Locale.ROOT);
  }

  /**
   * Replaces the tenant's limits.
   *
   * @throws ValidationException naming every negative limit; nothing is stored then
   * @throws ConflictException when another update came first
   */
  public TenantLimits update(TenantLimits next) {
    List<Violation> violations = new ArrayList<>();
    LIMITS.values().forEach(l -> {
      if (l.value().applyAsInt(next) < 0) {
        violations.add(new Violation(l.field(), "is " + l.value().applyAsInt(next) + "; must be 0 or more"));
      }
    });
    if (!violations.isEmpty()) {
      throw new ValidationException("TenantLimits", violations);
    }
    StoredRecord record = new StoredRecord(KIND, ID, "", "limits", Map.of(), 0, codec.toJson(next));
    Optional<StoredRecord> current = stored();
    try {
      if (current.isPresent()) {
        store.update(record, current.get().revision());
      } else {
        store.create(record);
      }
    } catch (ConflictException e) {
      throw new ConflictException("the tenant limits changed while being updated; read them and try again");
    }
    return next;
  }

  private Optional<StoredRecord> stored() {
    return store.get(KIND, ID);
  }
}
