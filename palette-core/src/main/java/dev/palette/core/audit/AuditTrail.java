package dev.palette.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.palette.core.record.Json;
import dev.palette.core.record.RecordKind;
import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.dsl.AuditLog;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditOutcome;
import dev.palette.model.AuditQuery;
import dev.palette.model.AuditVerification;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant's append-only, hash-chained audit log, kept in the {@link StateStore} as records of
 * kind {@value #KIND}, so that a durable store keeps it and a reopened store continues the chain.
 *
 * <p>Each event's {@link AuditEvent#hash() hash} is SHA-256 over an injective encoding of every
 * other field and the previous event's hash; {@link #verify()} finds the first event that was
 * changed, removed or reordered. Every event is also logged at INFO to the SLF4J logger
 * {@value #LOGGER}, as one line of quoted, escaped {@code key="value"} pairs.
 *
 * <p>A change to a record and its event are two store writes (a store offers compare-and-set on
 * one record only), so they cannot commit together; instead {@link #appendAfter} stamps the record
 * with the sequence of its event before writing it, and the event names the record's id, so that
 * {@link #verify()} finds a change or a deletion whose event a crash lost.
 *
 * <p>Thread-safe. Appends are serialized so that sequences have no gaps and the chain has no
 * forks; reads go to the store and do not block appends.
 */
public final class AuditTrail implements AuditLog {
  /** The record kind audit events are stored as. */
  public static final String KIND = "AuditEvent";

  /** The name of the logger every event is written to. */
  public static final String LOGGER = "dev.palette.audit";

  /** The label on a stored event that names the id of the record its change wrote. */
  public static final String RECORD_ID_LABEL = "palette.dev/record-id";

  /** The kinds the facade writes only through {@link #appendAfter}: every record of them is stamped. */
  public static final Set<String> STAMPED_KINDS = Set.of(
      RecordKind.PROJECT.name(), RecordKind.CLOUD_ACCOUNT.name(), RecordKind.CLUSTER_PROFILE.name(),
      RecordKind.HOST_CLUSTER.name(), RecordKind.USER.name(), RecordKind.TEAM.name(),
      RecordKind.ROLE.name(), RecordKind.ROLE_BINDING.name(), RecordKind.WORKSPACE.name());

  /** The previous hash of the first event. */
  public static final String GENESIS_HASH = "0".repeat(64);

  static final String CSV_HEADER =
      "sequence,time,actor,actorType,action,permission,resourceKind,resourceName,project,"
          + "outcome,message,previousHash,hash";

  private static final Logger AUDIT_LOG = LoggerFactory.getLogger(LOGGER);
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  private static final int SEQUENCE_DIGITS = 19;
  // Bumped if the encoding ever changes, so old and new hashes can never be confused.
  private static final byte[] HASH_DOMAIN =
      "palette.audit.v1".getBytes(StandardCharsets.UTF_8);
  private static final HexFormat HEX = HexFormat.of();
  // Principal.Type names in lower case, by ordinal, so an append does not lower-case a string.
  private static final String[] ACTOR_TYPES =
      Arrays.stream(Principal.Type.values())
          .map(t -> t.name().toLowerCase(Locale.ROOT))
          .toArray(String[]::new);

  private final StateStore store;
  private final Clock clock;
  private final List<String> stampedKinds;
  // Looked up on first use, so that opening an empty trail costs no Jackson start-up.
  private volatile ObjectReader reader;
  private final List<Consumer<AuditEvent>> listeners = new CopyOnWriteArrayList<>();
  // ReentrantLock rather than synchronized: the store write inside may block on disk.
  private final ReentrantLock lock = new ReentrantLock();
  // Both reuse their buffers and are only used under the lock.
  private final ChainHash chainHash = new ChainHash();
  private final EventJson eventJson = new EventJson();
  private long lastSequence;
  private String lastHash;

  /**
   * An audit trail on a store, continuing the chain of the events already there.
   *
   * @param store where events are kept
   * @param clock the time stamped on events
   */
  public AuditTrail(StateStore store, Clock clock) {
    this(store, clock, STAMPED_KINDS);
  }

  /**
   * An audit trail whose {@link #verify()} cross-checks the records of the given kinds.
   *
   * @param stampedKinds the record kinds every audited change stamps (see {@link #appendAfter})
   */
  public AuditTrail(StateStore store, Clock clock, Set<String> stampedKinds) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stampedKinds = List.copyOf(new java.util.TreeSet<>(stampedKinds));
    loadLast();
  }

  /**
   * Appends one event and returns it with its sequence, time and hashes.
   *
   * @param actor who made the call
   * @param action what the call did
   * @param permission the permission the call needed, for example {@code cluster.create}
   * @param resourceKind the record kind, for example {@code HostCluster}
   * @param resourceName the record's name
   * @param project the project, or the empty string for tenant scope
   * @param outcome how the call ended
   * @param message what happened, for people; never a secret
   * @return the stored event
   */
  public AuditEvent append(
      Principal actor,
      AuditAction action,
      String permission,
      String resourceKind,
      String resourceName,
      String project,
      AuditOutcome outcome,
      String message) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(message, "message");
    AuditEvent event;
    lock.lock();
    try {
      event = commit(actor, action, permission, resourceKind, resourceName, project, outcome,
          message, Map.of());
    } finally {
      lock.unlock();
    }
    logLine(event);
    return event;
  }

  /**
   * Makes a change to one record and appends its event, as one step: {@code write} gets the
   * sequence the event will have, stamps it on the record it writes
   * ({@link dev.palette.model.Metadata#auditSequence()}), and the event follows, naming the
   * record's id. Nothing else is appended in between, so a crash between the two writes leaves a
   * record stamped with an event that is not in the log, which {@link #verify()} reports. When
   * {@code write} throws, nothing is appended and the sequence is not used.
   *
   * @param write makes the change with the event's sequence and says what it changed
   * @return what {@code write} returned
   */
  public <T> T appendAfter(
      Principal actor,
      AuditAction action,
      String permission,
      String resourceKind,
      String resourceName,
      String project,
      LongFunction<Change<T>> write) {
    // Checked before the write: once the record is written, its event must not fail to build.
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(permission, "permission");
    Objects.requireNonNull(resourceKind, "resourceKind");
    Objects.requireNonNull(resourceName, "resourceName");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(write, "write");
    Change<T> change;
    AuditEvent event;
    lock.lock();
    try {
      change = write.apply(lastSequence + 1);
      event = commit(actor, action, permission, resourceKind, resourceName, project,
          AuditOutcome.SUCCESS, change.message(), Map.of(RECORD_ID_LABEL, change.recordId()));
    } finally {
      lock.unlock();
    }
    logLine(event);
    return change.result();
  }

  /**
   * What an audited write changed.
   *
   * @param result what the write returns to its caller
   * @param recordId the id of the record it created, updated or deleted
   * @param message the event's message, for people; never a secret
   */
  public record Change<T>(T result, String recordId, String message) {
    public Change {
      Objects.requireNonNull(recordId, "recordId");
      Objects.requireNonNull(message, "message");
    }
  }

  // Called with the lock held. The chain only advances once the store has the event.
  private AuditEvent commit(Principal actor, AuditAction action, String permission,
      String resourceKind, String resourceName, String project, AuditOutcome outcome,
      String message, Map<String, String> labels) {
    String actorType = ACTOR_TYPES[actor.type().ordinal()];
    long sequence = lastSequence + 1;
    Instant time = clock.instant();
    // The builder rejects a null field with its name, before anything is stored.
    AuditEvent.Builder draft =
        AuditEvent.builder()
            .actor(actor.name())
            .actorType(actorType)
            .action(action)
            .permission(permission)
            .resourceKind(resourceKind)
            .resourceName(resourceName)
            .project(project)
            .outcome(outcome)
            .message(message);
    // Hashed from the same values the builder was given, so the event is built once, sealed.
    String hash = chainHash.of(sequence, time, actor.name(), actorType, action, permission,
        resourceKind, resourceName, project, outcome, message, lastHash);
    AuditEvent event = draft.sequence(sequence).time(time).previousHash(lastHash).hash(hash).build();
    String name = paddedSequence(sequence);
    // The chain only advances once the store has the event, so a failed write leaves no gap.
    store.create(new StoredRecord(KIND, "audit-" + name, event.project(), name, labels, 0,
        eventJson.encode(event)));
    lastSequence = sequence;
    lastHash = event.hash();
    // Under the lock, so that every watcher sees events in sequence order.
    for (Consumer<AuditEvent> listener : listeners) {
      deliver(listener, event);
    }
    return event;
  }

  /** The matching events, ordered by sequence; events whose JSON does not parse are skipped. */
  @Override
  public List<AuditEvent> query(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    List<AuditEvent> out = new ArrayList<>();
    for (StoredRecord r : stored(scopeOf(query))) {
      Optional<AuditEvent> event = decode(r);
      if (event.isEmpty()) {
        LOG.warn("audit record {} does not parse; it is left out, and verify() reports it",
            r.id());
      } else if (query.matches(event.get())) {
        out.add(event.get());
      }
    }
    out.sort(Comparator.comparingLong(AuditEvent::sequence));
    return out;
  }

  /**
   * Walks the stored events in sequence order, recomputing each hash and checking each link and
   * that sequences run from 1 without gaps, and stops at the first event that does not match. Then
   * it checks the records against the events, so that a change whose event never reached the log
   * (a crash between the two writes) is found: every record of a stamped kind must carry the
   * sequence of an event in the log that names it and is its last; a record an event names that is
   * gone from the store must have a delete as its last event. A record problem is reported with
   * the sequence the record names (the missing event), or that of the record's last event.
   *
   * @return how many events were examined and the first broken one, if any
   */
  @Override
  public AuditVerification verify() {
    long appended;
    lock.lock();
    try {
      appended = lastSequence;
    } finally {
      lock.unlock();
    }
    ChainHash chain = new ChainHash();
    long expected = 1;
    String previousHash = GENESIS_HASH;
    long checked = 0;
    Map<Long, String> recordBySequence = new java.util.HashMap<>();
    Map<String, AuditEvent> lastByRecord = new java.util.HashMap<>();
    for (StoredRecord r : stored(RecordQuery.all(KIND))) {
      checked++;
      if (sequenceOf(r, expected) > expected) {
        return broken(checked, expected, "event " + expected + " is missing");
      }
      Optional<AuditEvent> decoded = decode(r);
      if (decoded.isEmpty()) {
        return broken(checked, expected, "its stored JSON does not parse as an audit event");
      }
      AuditEvent e = decoded.get();
      if (e.sequence() > expected) {
        return broken(checked, expected, "event " + expected + " is missing");
      }
      if (e.sequence() < expected || !r.name().equals(paddedSequence(e.sequence()))) {
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
      String recordId = r.labels().get(RECORD_ID_LABEL);
      if (recordId != null) {
        recordBySequence.put(e.sequence(), recordId);
        lastByRecord.put(recordId, e);
      }
      previousHash = e.hash();
      expected++;
    }
    // A hash chain cannot see its own tail cut off; this trail knows how far it appended.
    if (expected <= appended) {
      return broken(checked, expected, "event " + expected + " is missing");
    }
    for (String kind : stampedKinds) {
      for (StoredRecord r : store.list(RecordQuery.all(kind)).records()) {
        String problem = unaudited(r, lastByRecord.remove(r.id()), recordBySequence, expected);
        if (problem != null) {
          long stamp = stampOf(r);
          return broken(checked, stamp > 0 ? stamp : expected, problem);
        }
      }
    }
    // What is left was named by events but is gone from the store.
    Optional<AuditEvent> undeleted = lastByRecord.values().stream()
        .filter(e -> e.action() != AuditAction.DELETE)
        .min(Comparator.comparingLong(AuditEvent::sequence));
    if (undeleted.isPresent()) {
      AuditEvent e = undeleted.get();
      return broken(checked, e.sequence(), e.resourceKind() + " " + where(e)
          + " is gone from the store, but its last event " + e.sequence() + " is a "
          + e.action().label() + ": its deletion has no event");
    }
    return new AuditVerification(checked, 0, "");
  }

  // What is wrong with a live record of a stamped kind, or null.
  private String unaudited(StoredRecord r, AuditEvent last, Map<Long, String> recordBySequence,
      long next) {
    long stamp = stampOf(r);
    if (stamp <= 0) {
      return r.describe() + " carries no audit event: it was written without one";
    }
    if (stamp >= next) {
      return r.describe() + " was last changed by event " + stamp + ", which is missing";
    }
    if (!r.id().equals(recordBySequence.get(stamp))) {
      return r.describe() + " names event " + stamp + " as its last change, but that event "
          + "records a change to another record";
    }
    if (last != null && last.sequence() != stamp) {
      return r.describe() + " names event " + stamp + " as its last change, but event "
          + last.sequence() + " changed it later";
    }
    return null;
  }

  // The record's metadata.auditSequence, or 0 when it has none or does not parse.
  private static long stampOf(StoredRecord r) {
    try {
      com.fasterxml.jackson.databind.JsonNode seq =
          Json.mapper().readTree(r.body()).path("metadata").path("auditSequence");
      return seq.canConvertToLong() ? seq.asLong() : 0;
    } catch (JsonProcessingException e) {
      return 0;
    }
  }

  private static String where(AuditEvent e) {
    return e.project().isEmpty() ? e.resourceName() : e.project() + "/" + e.resourceName();
  }

  /** Writes the matching events as RFC 4180 CSV with a header line and CRLF line ends. */
  @Override
  public void exportCsv(AuditQuery query, Writer out) {
    try {
      out.write(CSV_HEADER);
      out.write("\r\n");
      StringBuilder line = new StringBuilder(512);
      for (AuditEvent e : query(query)) {
        line.setLength(0);
        line.append(e.sequence()).append(',').append(e.time()).append(',');
        csvField(line, e.actor()).append(',');
        csvField(line, e.actorType()).append(',');
        line.append(e.action().label()).append(',');
        csvField(line, e.permission()).append(',');
        csvField(line, e.resourceKind()).append(',');
        csvField(line, e.resourceName()).append(',');
        csvField(line, e.project()).append(',');
        line.append(e.outcome().name().toLowerCase(Locale.ROOT)).append(',');
        csvField(line, e.message()).append(',');
        line.append(e.previousHash()).append(',').append(e.hash()).append("\r\n");
        out.write(line.toString());
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit CSV export", e);
    }
  }

  /** Writes the matching events as JSON, one object per line, in sequence order. */
  @Override
  public void exportJsonLines(AuditQuery query, Writer out) {
    try {
      EventJson json = new EventJson();
      for (AuditEvent e : query(query)) {
        out.write(json.encode(e));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit JSON lines export", e);
    }
  }

  /**
   * Calls the listener with every event appended from now on, on the appending thread, in
   * sequence order. Listeners must return quickly: appends wait for them. A listener that throws
   * is logged and does not fail the append.
   */
  @Override
  public Subscription watch(Consumer<AuditEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void loadLast() {
    // Only well-formed names count, so a stray record cannot make the chain restart at 1.
    Optional<StoredRecord> last =
        store.list(RecordQuery.all(KIND)).records().stream()
            .filter(r -> sequenceOf(r, 0) > 0 && r.name().length() == SEQUENCE_DIGITS)
            .max(Comparator.comparing(StoredRecord::name));
    lastSequence = 0;
    lastHash = GENESIS_HASH;
    if (last.isEmpty()) {
      return;
    }
    StoredRecord r = last.get();
    Optional<AuditEvent> event = decode(r);
    if (event.isPresent()) {
      lastSequence = event.get().sequence();
      lastHash = event.get().hash();
    } else {
      // Refusing to start would stop every audited call; verify() reports the damage instead.
      lastSequence = sequenceOf(r, 0);
      LOG.warn("the last audit record {} does not parse; the chain continues after it and "
          + "verify() reports it", r.id());
    }
  }

  private List<StoredRecord> stored(RecordQuery query) {
    List<StoredRecord> records = new ArrayList<>(store.list(query).records());
    // The store orders by project, then name; the name is the zero-padded sequence.
    records.sort(Comparator.comparing(StoredRecord::name));
    return records;
  }

  private static RecordQuery scopeOf(AuditQuery query) {
    return query.projects().size() == 1
        ? RecordQuery.inScope(KIND, query.projects().iterator().next())
        : RecordQuery.all(KIND);
  }

  private ObjectReader reader() {
    ObjectReader r = reader;
    if (r == null) {
      r = Json.mapper().readerFor(AuditEvent.class);
      reader = r;
    }
    return r;
  }

  private Optional<AuditEvent> decode(StoredRecord record) {
    try {
      return Optional.of(reader().readValue(record.body()));
    } catch (JsonProcessingException | RuntimeException e) {
      // Immutables rejects missing fields with an IllegalStateException, not a Jackson error.
      return Optional.empty();
    }
  }

  private static AuditVerification broken(long checked, long sequence, String reason) {
    return new AuditVerification(checked, sequence, reason);
  }

  private static long sequenceOf(StoredRecord record, long fallback) {
    try {
      return Long.parseLong(record.name());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

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

  /** The hash an event should carry, for tests and one-off checks. */
  static String hash(AuditEvent e) {
    return new ChainHash().of(e);
  }

  /**
   * SHA-256 in hex over every field but {@code hash}: each string is written as its UTF-8 length
   * then its bytes, so no two different events encode alike. Not thread-safe; it reuses its buffer
   * and digest, so appends pay for neither.
   */
  static final class ChainHash {
    private final MessageDigest md = sha256();
    private final byte[] digest = new byte[32];
    private byte[] buf = new byte[512];
    private int len;

    String of(AuditEvent e) {
      return of(e.sequence(), e.time(), e.actor(), e.actorType(), e.action(), e.permission(),
          e.resourceKind(), e.resourceName(), e.project(), e.outcome(), e.message(),
          e.previousHash());
    }

    String of(long sequence, Instant time, String actor, String actorType, AuditAction action,
        String permission, String resourceKind, String resourceName, String project,
        AuditOutcome outcome, String message, String previousHash) {
      len = 0;
      put(HASH_DOMAIN);
      putLong(sequence);
      putLong(time.getEpochSecond());
      putLong(time.getNano());
      putString(actor);
      putString(actorType);
      putString(action.name());
      putString(permission);
      putString(resourceKind);
      putString(resourceName);
      putString(project);
      putString(outcome.name());
      putString(message);
      putString(previousHash);
      // No reset() first: digest() always leaves the MessageDigest reset for the next event.
      md.update(buf, 0, len);
      try {
        md.digest(digest, 0, digest.length);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 digests are 32 bytes", e);
      }
      return HEX.formatHex(digest);
    }

    private void putString(String s) {
      int n = s.length();
      ensure(Long.BYTES + n);
      int start = len;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          // Not ASCII: let the JDK encode it, surrogates and all, exactly as before.
          len = start;
          byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
          putLong(bytes.length);
          put(bytes);
          return;
        }
        buf[start + Long.BYTES + i] = (byte) c;
      }
      // ASCII: one byte per char, written in place after the length.
      putLong(n);
      len += n;
    }

    private void put(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, len, bytes.length);
      len += bytes.length;
    }

    private void putLong(long v) {
      ensure(Long.BYTES);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[len++] = (byte) (v >>> shift);
      }
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }
  }

  /**
   * An event as the JSON document {@code Json.mapper()} writes for it, character for character,
   * written straight into a reused buffer: the same field order, the same string escaping and the
   * same ISO-8601 time. Jackson's general writer spent more on set-up, reflection and formatting
   * than the append spent on everything else. Not thread-safe.
   */
  static final class EventJson {
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    // Times outside years 1 to 9999 are left to ISO_INSTANT, which signs and widens the year.
    private static final long YEAR_1 = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_9999_END =
        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private final StringBuilder out = new StringBuilder(512);

    String encode(AuditEvent e) {
      out.setLength(0);
      out.append("{\"sequence\":").append(e.sequence());
      out.append(",\"time\":\"");
      time(e.time());
      out.append('"');
      field("actor", e.actor());
      field("actorType", e.actorType());
      field("action", e.action().name());
      field("permission", e.permission());
      field("resourceKind", e.resourceKind());
      field("resourceName", e.resourceName());
      field("project", e.project());
      field("outcome", e.outcome().name());
      field("message", e.message());
      field("previousHash", e.previousHash());
      field("hash", e.hash());
      return out.append('}').toString();
    }

    private void field(String name, String value) {
      out.append(",\"").append(name).append("\":\"");
      string(value);
      out.append('"');
    }

    // Jackson's default escaping: quote, backslash and control characters; nothing else.
    private void string(String s) {
      int n = s.length();
      int from = 0;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x20 && c != '"' && c != '\\') {
          continue;
        }
        out.append(s, from, i).append('\\');
        switch (c) {
          case '"', '\\' -> out.append(c);
          case '\b' -> out.append('b');
          case '\t' -> out.append('t');
          case '\n' -> out.append('n');
          case '\f' -> out.append('f');
          case '\r' -> out.append('r');
          default -> out.append("u00").append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
        }
        from = i + 1;
      }
      out.append(s, from, n);
    }

    // What DateTimeFormatter.ISO_INSTANT writes: seconds always, the fraction in groups of three.
    private void time(Instant t) {
      long seconds = t.getEpochSecond();
      if (seconds < YEAR_1 || seconds > YEAR_9999_END) {
        DateTimeFormatter.ISO_INSTANT.formatTo(t, out);
        return;
      }
      LocalDateTime d = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
      pad(d.getYear(), 4).append('-');
      pad(d.getMonthValue(), 2).append('-');
      pad(d.getDayOfMonth(), 2).append('T');
      pad(d.getHour(), 2).append(':');
      pad(d.getMinute(), 2).append(':');
      pad(d.getSecond(), 2);
      int nano = t.getNano();
      if (nano > 0) {
        out.append('.');
        if (nano % 1_000_000 == 0) {
          pad(nano / 1_000_000, 3);
        } else if (nano % 1_000 == 0) {
          pad(nano / 1_000, 6);
        } else {
          pad(nano, 9);
        }
      }
      out.append('Z');
    }

    private StringBuilder pad(int value, int width) {
      for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
        if (value < limit) {
          out.append('0');
        }
      }
      return out.append(value);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  private static StringBuilder csvField(StringBuilder line, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      return line.append(value);
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      line.append(c);
      if (c == '"') {
        line.append('"');
      }
    }
    return line.append('"');
  }

  private static void deliver(Consumer<AuditEvent> listener, AuditEvent event) {
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      LOG.warn("an audit listener failed on event {}: {}", event.sequence(), e.toString());
    }
  }

  private static void logLine(AuditEvent e) {
    if (!AUDIT_LOG.isDebugEnabled()) {
      return;
    }
    AUDIT_LOG.debug(line(e));
  }

  /**
   * The log line of an event: {@code key="value"} pairs, every value quoted and escaped, so that no
   * name or message, however it was chosen, can end the line or pass for another field or event.
   */
  static String line(AuditEvent e) {
    StringBuilder out = new StringBuilder(256);
    out.append("sequence=").append(e.sequence());
    pair(out, "actor", e.actor());
    pair(out, "actorType", e.actorType());
    pair(out, "action", e.action().label());
    pair(out, "permission", e.permission());
    pair(out, "resourceKind", e.resourceKind());
    pair(out, "project", e.project());
    pair(out, "resourceName", e.resourceName());
    pair(out, "outcome", e.outcome().name().toLowerCase(Locale.ROOT));
    pair(out, "message", e.message());
    return out.toString();
  }

  private static void pair(StringBuilder out, String key, String value) {
    out.append(' ').append(key).append("=\"");
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (printable(cp)) {
            out.appendCodePoint(cp);
          } else {
            // JSON's escape for anything a terminal or log viewer could act on or hide.
            for (char c : Character.toChars(cp)) {
              out.append("\\u").append(HEX.toHexDigits(c));
            }
          }
        }
      }
      i += Character.charCount(cp);
    }
    out.append('"');
  }

  // Controls, line and paragraph separators, format characters (bidi overrides, zero-width
  // characters), lone surrogates, private-use and unassigned code points are not printable.
  private static boolean printable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED -> false;
      default -> true;
    };
  }
}
