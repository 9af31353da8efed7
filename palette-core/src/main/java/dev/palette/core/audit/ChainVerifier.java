package dev.palette.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palette.core.record.Json;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditVerification;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the chain and the records it audits (see {@link AuditTrail#verify()}).
 *
 * <p>A hash chain cannot see its own tail cut off; the head record knows how far the chain was
 * appended, whichever engine appended it. An event another engine is storing at the moment of the
 * check is behind the head but not yet in the store and is reported missing; this engine's own
 * queued events are waited for first ({@link AuditTrail#verify()}).
 */
final class ChainVerifier {
  private final StateStore store;
  private final EventRecords events;
  private final ChainHead heads;
  private final List<String> stampedKinds;

  ChainVerifier(StateStore store, EventRecords events, ChainHead heads, List<String> stampedKinds) {
    this.store = store;
    this.events = events;
    this.heads = heads;
    this.stampedKinds = stampedKinds;
  }

  AuditVerification verify() {
    long appended = heads.read().sequence();
    ChainHash chain = new ChainHash();
    long expected = 1;
    String previousHash = AuditTrail.GENESIS_HASH;
    long checked = 0;
    Map<Long, String> recordBySequence = new HashMap<>();
    Map<String, AuditEvent> lastByRecord = new HashMap<>();
    Map<String, Long> lastStampByRecord = new HashMap<>();
    for (StoredRecord r : events.sorted(RecordQuery.all(AuditTrail.KIND))) {
      checked++;
      if (EventRecords.sequenceOf(r, expected) > expected) {
        return broken(checked, expected, "event " + expected + " is missing");
      }
      Optional<AuditEvent> decoded = events.decode(r);
      if (decoded.isEmpty()) {
        return broken(checked, expected, "its stored JSON does not parse as an audit event");
      }
      AuditEvent e = decoded.get();
      if (e.sequence() > expected) {
        return broken(checked, expected, "event " + expected + " is missing");
      }
      if (e.sequence() < expected || !r.name().equals(EventRecords.paddedSequence(e.sequence()))) {
        return broken(checked, expected, "event " + expected + " is stored as sequence "
            + e.sequence() + " under record " + r.id());
      }
      if (!chain.of(e).equals(e.hash())) {
        return broken(checked, expected, "hash does not match its contents");
      }
      if (!e.previousHash().equals(previousHash)) {
        return broken(checked, expected, expected == 1
            ? "previousHash is not the genesis value of 64 zeros"
            : "previousHash does not match event " + (expected - 1));
      }
      String recordId = r.labels().get(AuditTrail.RECORD_ID_LABEL);
      if (recordId != null) {
        recordBySequence.put(e.sequence(), recordId);
        long stamp = stampOf(r, e);
        // Stamps only grow per record, so the change a record shows has the highest stamp.
        if (stamp >= lastStampByRecord.getOrDefault(recordId, Long.MIN_VALUE)) {
          lastStampByRecord.put(recordId, stamp);
          lastByRecord.put(recordId, e);
        }
      }
      previousHash = e.hash();
      expected++;
    }
    Optional<AuditVerification> records =
        checkRecords(checked, expected, lastByRecord, lastStampByRecord, recordBySequence);
    if (records.isPresent()) {
      // A lost change names the event it lost, which says more than the gap at the tail.
      return records.get();
    }
    if (expected <= appended) {
      return broken(checked, expected, "event " + expected + " is missing");
    }
    return new AuditVerification(checked, 0, "");
  }

  private Optional<AuditVerification> checkRecords(long checked, long next,
      Map<String, AuditEvent> lastByRecord, Map<String, Long> lastStampByRecord,
      Map<Long, String> recordBySequence) {
    for (String kind : stampedKinds) {
      for (StoredRecord r : store.list(RecordQuery.all(kind)).records()) {
        AuditEvent last = lastByRecord.remove(r.id());
        Long lastStamp = lastStampByRecord.get(r.id());
        String problem = unaudited(r, last, lastStamp, recordBySequence, next);
        if (problem != null) {
          long stamp = recordStamp(r);
          return Optional.of(broken(checked, stamp > 0 ? stamp : next, problem));
        }
      }
    }
    // What is left was named by events but is gone from the store.
    return lastByRecord.values().stream()
        .filter(e -> e.action() != AuditAction.DELETE)
        .min(Comparator.comparingLong(AuditEvent::sequence))
        .map(e -> broken(checked, e.sequence(), e.resourceKind() + " " + where(e)
            + " is gone from the store, but its last event " + e.sequence() + " is a "
            + e.action().label() + ": its deletion has no event"));
  }

  // What is wrong with a live record of a stamped kind, or null.
  private static String unaudited(StoredRecord r, AuditEvent last, Long lastStamp,
      Map<Long, String> recordBySequence, long next) {
    long stamp = recordStamp(r);
    if (stamp <= 0) {
      return r.describe() + " carries no audit event: it was written without one";
    }
    if (lastStamp != null && lastStamp == stamp) {
      return null;
    }
    if (lastStamp != null && lastStamp > stamp) {
      return r.describe() + " names event " + stamp + " as its last change, but event "
          + last.sequence() + " changed it later";
    }
    if (stamp >= next) {
      return r.describe() + " was last changed by event " + stamp + ", which is missing";
    }
    String named = recordBySequence.get(stamp);
    if (named != null && !named.equals(r.id())) {
      return r.describe() + " names event " + stamp + " as its last change, but that event "
          + "records a change to another record";
    }
    return r.describe() + " names event " + stamp + " as its last change, but no event records it";
  }

  // The stamp an event's change wrote on its record: its label, or its sequence for older events.
  private static long stampOf(StoredRecord event, AuditEvent e) {
    String label = event.labels().get(AuditTrail.STAMP_LABEL);
    if (label == null) {
      return e.sequence();
    }
    try {
      return Long.parseLong(label);
    } catch (NumberFormatException ex) {
      return e.sequence();
    }
  }

  // The record's metadata.auditSequence, or 0 when it has none or does not parse.
  private static long recordStamp(StoredRecord r) {
    try {
      JsonNode seq = Json.mapper().readTree(r.body()).path("metadata").path("auditSequence");
      return seq.canConvertToLong() ? seq.asLong() : 0;
    } catch (JsonProcessingException e) {
      return 0;
    }
  }

  private static String where(AuditEvent e) {
    return e.project().isEmpty() ? e.resourceName() : e.project() + "/" + e.resourceName();
  }

  private static AuditVerification broken(long checked, long sequence, String reason) {
    return new AuditVerification(checked, sequence, reason);
  }
}
