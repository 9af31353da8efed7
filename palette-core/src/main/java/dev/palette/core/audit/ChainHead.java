package dev.palette.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.palette.core.record.Json;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.PaletteException;
import dev.palette.model.AuditEvent;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head of the chain, the last sequence and hash appended, kept in one store record of kind
 * {@value #KIND} and moved only by compare-and-set, so that every engine sharing the store appends
 * after the same event and no two give out the same sequence.
 */
final class ChainHead {
  /** The record kind of the head. */
  static final String KIND = "AuditHead";
  private static final String ID = "audit-head";
  private static final Logger LOG = LoggerFactory.getLogger(ChainHead.class);

  /** A head as read: where the chain ends and the store revision it was read at (0: not stored). */
  record Head(long sequence, String hash, long revision) {}

  /** The body of the head record. */
  record Body(long sequence, String hash) {}

  private final StateStore store;
  private final EventRecords events;
  // The head last decoded: every audited change reads the head, and it is parsed once per revision.
  private volatile Head decoded = new Head(-1, AuditTrail.GENESIS_HASH, -1);

  ChainHead(StateStore store, EventRecords events) {
    this.store = store;
    this.events = events;
  }

  /**
   * The stored head; a store that has none yet (a new one, or one written before heads existed)
   * gets one made from its last event.
   */
  Head read() {
    Optional<StoredRecord> stored = store.get(KIND, ID);
    if (stored.isPresent()) {
      Head last = decoded;
      return stored.get().revision() == last.revision() ? last : decode(stored.get());
    }
    Head fromEvents = fromLastEvent();
    try {
      return decode(store.create(record(fromEvents.sequence(), fromEvents.hash())));
    } catch (ConflictException e) {
      // Another engine made it first; its head is as good as ours.
      return decode(store.get(KIND, ID).orElseThrow(() -> e));
    }
  }

  /**
   * Moves the head from {@code from} to the given end.
   *
   * @return the new head, or empty when another append moved it first (read it again and retry)
   */
  Optional<Head> advance(Head from, long sequence, String hash) {
    try {
      return Optional.of(decode(store.update(record(sequence, hash), from.revision())));
    } catch (ConflictException | NotFoundException e) {
      return Optional.empty();
    }
  }

  private Head fromLastEvent() {
    Optional<StoredRecord> last = events.last();
    if (last.isEmpty()) {
      return new Head(0, AuditTrail.GENESIS_HASH, 0);
    }
    Optional<AuditEvent> event = events.decode(last.get());
    if (event.isPresent()) {
      return new Head(event.get().sequence(), event.get().hash(), 0);
    }
    // Refusing to start would stop every audited call; verify() reports the damage instead.
    LOG.warn("the last audit record {} does not parse; the chain continues after it and "
        + "verify() reports it", last.get().id());
    return new Head(EventRecords.sequenceOf(last.get(), 0), AuditTrail.GENESIS_HASH, 0);
  }

  private static StoredRecord record(long sequence, String hash) {
    return new StoredRecord(KIND, ID, "", "head", Map.of(), 0,
        "{\"sequence\":" + sequence + ",\"hash\":\"" + hash + "\"}");
  }

  private Head decode(StoredRecord r) {
    try {
      Body body = Json.mapper().readValue(r.body(), Body.class);
      Head head = new Head(body.sequence(), body.hash(), r.revision());
      decoded = head;
      return head;
    } catch (JsonProcessingException e) {
      throw new PaletteException("the audit chain head " + r.describe() + " does not parse: "
          + e.getOriginalMessage() + "; restore it from a backup of the store");
    }
  }
}
