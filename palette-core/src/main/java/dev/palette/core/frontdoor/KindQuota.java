package dev.palette.core.frontdoor;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.record.RecordCodec;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.QuotaExceededException;
import dev.palette.model.TenantLimits;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the creates of every kind within its tenant limit, which the kind's descriptor names.
 *
 * <p>Counting and then creating lets racing creates all see room for one more, so a create first
 * reserves its record's id in one reservation record per kind ({@value #RESERVATIONS}), written
 * by compare-and-set: the records that exist plus the reservations pending never exceed the
 * limit, whichever engines share the store. A reservation is settled once the create returned or
 * failed; one a crash left behind counts only until the record exists or {@link #GRACE} passed.

 */
final class KindQuota {
  /** The kind of the per-kind reservation records. */
  static final String RESERVATIONS = "TenantReservations";
  /** How long a reservation whose record never appeared still counts. */
  static final Duration GRACE = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(KindQuota.class);
  private static final int SETTLE_ATTEMPTS = 64;

  /** The body of a reservation record: record id to the time it was reserved. */
  record Pending(Map<String, Instant> ids) {
    Pending {
      ids = ids == null ? Map.of() : Map.copyOf(ids);
    }
  }

  private final StateStore store;
  private final RecordCodec codec;
  private final Supplier<TenantLimits> limits;
  private final Clock clock;

  /** Reservations in {@code store} against the {@code limits}, stamped with {@code clock}'s time. */
  KindQuota(StateStore store, RecordCodec codec, Supplier<TenantLimits> limits, Clock clock) {
    this.store = store;
    this.codec = codec;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Runs {@code create} within the kind's tenant limit (directly for a kind without one).
   *
   * @throws QuotaExceededException naming the limit and how to raise it; nothing is created then
   */
  <T> T create(KindDescriptor<?, ?, ?> kind, String id, Supplier<T> create) {
    if (kind.limit().isEmpty()) {
      return create.get();
    }
    reserve(kind.name(), kind.limit().get(), id);
    try {
      return create.get();
    } finally {
      settle(kind.name(), id);
    }
  }

  private void reserve(String kind, KindDescriptor.TenantLimit limit, String id) {
    while (true) {
      int max = limit.max().applyAsInt(limits.get());
      Optional<StoredRecord> current = store.get(RESERVATIONS, reservationId(kind));
      Set<String> existing = new HashSet<>();
      store.list(RecordQuery.all(kind)).records().forEach(r -> existing.add(r.id()));
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
    StoredRecord next = new StoredRecord(RESERVATIONS, reservationId(kind), "",
        reservationId(kind), Map.of(), 0, codec.toJson(new Pending(pending)));
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
}
