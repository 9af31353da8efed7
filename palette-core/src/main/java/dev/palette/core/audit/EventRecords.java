package dev.palette.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.palette.core.record.Json;
import dev.palette.model.AuditEvent;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How events are kept in the store: one record of kind {@value AuditTrail#KIND} per event, named
 * by its zero-padded sequence so that the store's name order is sequence order.
 */
final class EventRecords {
  static final int SEQUENCE_DIGITS = 19;

  private final StateStore store;
  // Looked up on first use, so that opening an empty trail costs no Jackson start-up.
  private volatile ObjectReader reader;

  EventRecords(StateStore store) {
    this.store = store;
  }

  /** Stores a sealed event; {@code json} is its encoding, made by the caller's {@link EventJson}. */
  void create(AuditEvent event, String json, Map<String, String> labels) {
    String name = paddedSequence(event.sequence());
    store.create(new StoredRecord(AuditTrail.KIND, "audit-" + name, event.project(), name, labels, 0, json));
  }

  /** The stored events of a query, ordered by sequence (the store orders by project first). */
  List<StoredRecord> sorted(RecordQuery query) {
    List<StoredRecord> records = new ArrayList<>(store.list(query).records());
    records.sort(Comparator.comparing(StoredRecord::name));
    return records;
  }

  /** The last well-formed event record, so that a stray record cannot make the chain restart at 1. */
  Optional<StoredRecord> last() {
    return store.list(RecordQuery.all(AuditTrail.KIND)).records().stream()
        .filter(r -> sequenceOf(r, 0) > 0 && r.name().length() == SEQUENCE_DIGITS)
        .max(Comparator.comparing(StoredRecord::name));
  }

  /** The event a record holds; empty when its JSON does not parse as one. */
  Optional<AuditEvent> decode(StoredRecord record) {
    try {
      return Optional.of(reader().readValue(record.body()));
    } catch (JsonProcessingException | RuntimeException e) {
      // Immutables rejects missing fields with an IllegalStateException, not a Jackson error.
      return Optional.empty();
    }
  }

  private ObjectReader reader() {
    ObjectReader r = reader;
    if (r == null) {
      r = Json.mapper().readerFor(AuditEvent.class);
      reader = r;
    }
    return r;
  }

  /** The sequence a record's name gives, or {@code fallback} when the name is not a number. */
  static long sequenceOf(StoredRecord record, long fallback) {
    try {
      return Long.parseLong(record.name());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The record name of a sequence: 19 digits, zero-padded. */
  static String paddedSequence(long sequence) {
    if (sequence < 0) {
      String digits = Long.toString(sequence);
      return "0".repeat(Math.max(0, SEQUENCE_DIGITS - digits.length())) + digits;
    }
    // Long.MAX_VALUE has 19 digits, so every sequence fits.
    byte[] digits = new byte[SEQUENCE_DIGITS];
    long rest = sequence;
    for (int i = SEQUENCE_DIGITS - 1; i >= 0; i--) {
      digits[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    return new String(digits, StandardCharsets.ISO_8859_1);
  }
}
