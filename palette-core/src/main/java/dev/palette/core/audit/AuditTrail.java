package dev.palette.core.audit;

import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.record.RecordKind;
import dev.palette.dsl.AuditLog;
import dev.palette.model.AuditAction;
import dev.palette.model.AuditEvent;
import dev.palette.model.AuditOutcome;
import dev.palette.model.AuditQuery;
import dev.palette.model.AuditVerification;
import dev.palette.spi.StateStore;
import java.io.Writer;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The tenant's append-only, hash-chained audit log, kept in the {@link StateStore} as records of
 * kind {@value #KIND}, so that a durable store keeps it, a reopened store continues the chain and
 * every engine sharing the store appends to the same chain.
 *
 * <p>Each event's {@link AuditEvent#hash() hash} is SHA-256 over an injective encoding of every
 * other field and the previous event's hash ({@link ChainHash}); {@link #verify()} finds the first
 * event that was changed, removed or reordered. The chain's head is a store record moved by
 * compare-and-set ({@link ChainAppender}), not state of this JVM. Every event is also logged to the
 * SLF4J logger {@value #LOGGER} ({@link AuditLine}).
 *
 * <p>A change to a record and its event are two store writes (a store offers compare-and-set on
 * one record only), so they cannot commit together; instead {@link #appendAfter} stamps the record
 * before writing it, and the event names the record's id and that stamp, so that {@link #verify()}
 * finds a change or a deletion whose event a crash lost.
 *
 * <p>Events are appended in the background ({@link ChainAppender}): a change waits for its own
 * record write only, and its event is queued; the queued events are sealed in batches that move
 * the head once and are stored together. Every read of this trail ({@link #query}, the exports,
 * {@link #verify()}) first waits until every event this engine queued before the read is stored,
 * so a caller sees its own events (and those of other engines of this JVM on the same store).
 * {@link #close()} stores every queued event.
 *
 * <p><b>Crash window:</b> a crash after a change's record write and before its event is stored
 * loses that event, and only it; {@link #verify()} then reports the stamped record whose event is
 * missing, as for any change whose event never reached the log.
 *
 * <p>Thread-safe.
 */
public final class AuditTrail implements AuditLog, AutoCloseable {
  /** The record kind audit events are stored as. */
  public static final String KIND = "AuditEvent";

  /** The name of the logger every event is written to. */
  public static final String LOGGER = "dev.palette.audit";

  /** The label on a stored event that names the id of the record its change wrote. */
  public static final String RECORD_ID_LABEL = "palette.dev/record-id";

  /** The label on a stored event that holds the stamp its change wrote on the record. */
  public static final String STAMP_LABEL = "palette.dev/record-stamp";

  /** The kinds the facade writes only through {@link #appendAfter}: every record of them is stamped. */
  public static final Set<String> STAMPED_KINDS = Set.of(
      RecordKind.PROJECT.name(), RecordKind.CLOUD_ACCOUNT.name(), RecordKind.CLUSTER_PROFILE.name(),
      RecordKind.HOST_CLUSTER.name(), RecordKind.USER.name(), RecordKind.TEAM.name(),
      RecordKind.ROLE.name(), RecordKind.ROLE_BINDING.name(), RecordKind.WORKSPACE.name());

  /** The previous hash of the first event. */
  public static final String GENESIS_HASH = "0".repeat(64);

  // Principal.Type names in lower case, by ordinal, so an append does not lower-case a string.
  private static final String[] ACTOR_TYPES =
      Arrays.stream(Principal.Type.values())
          .map(t -> t.name().toLowerCase(Locale.ROOT))
          .toArray(String[]::new);

  private final AuditWatchers watchers = new AuditWatchers();
  private final StateStore store;
  private final ChainAppender appender;
  private final ChainVerifier verifier;
  private final AuditExport export;

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
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    this.store = store;
    EventRecords events = new EventRecords(store);
    ChainHead heads = new ChainHead(store, events);
    this.appender = new ChainAppender(heads, events, watchers, clock);
    this.verifier = new ChainVerifier(store, events, heads, List.copyOf(new TreeSet<>(stampedKinds)));
    this.export = new AuditExport(events);
    // Made now, so that the first audited call does not pay for finding the chain's end.
    heads.read();
    LocalAppenders.add(store, appender);
  }

  /**
   * Appends one event and returns it with its sequence, time and hashes, once it is stored.
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
    CompletableFuture<AuditEvent> stored = submit(actor, action, permission, resourceKind,
        resourceName, project, outcome, message, Map.of(), false);
    try {
      return stored.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException("the audit append failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Queues one event to be appended in the background, like the event of {@link #appendAfter}, and
   * returns at once: a read of this trail made afterwards sees it. Used for events with no record
   * change, such as denials. Should the event not be stored, it is logged as an error.
   *
   * @throws IllegalStateException when the trail is closed
   */
  public void appendLater(
      Principal actor,
      AuditAction action,
      String permission,
      String resourceKind,
      String resourceName,
      String project,
      AuditOutcome outcome,
      String message) {
    submit(actor, action, permission, resourceKind, resourceName, project, outcome, message,
        Map.of(), false);
  }

  /**
   * Makes a change to one record and queues its event: {@code write} gets a stamp to put on the
   * record it writes ({@link dev.palette.model.Metadata#auditSequence()}), and the event, naming
   * the record's id and that stamp, is appended in the background once {@code write} returns; the
   * caller waits for its record write only. The stamp is the event's sequence unless other appends,
   * of this engine or another, come between; it is unique within this engine and grows. A read of
   * this trail made after this call returns sees the event. A crash before the event is stored
   * leaves a record stamped with an event that is not in the log, which {@link #verify()} reports.
   * When {@code write} throws, nothing is appended.
   *
   * @param write makes the change with the stamp and says what it changed
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
    long stamp = appender.stamp();
    Change<T> change = write.apply(stamp);
    submit(actor, action, permission, resourceKind, resourceName, project, AuditOutcome.SUCCESS,
        change.message(), Map.of(RECORD_ID_LABEL, change.recordId(), STAMP_LABEL, Long.toString(stamp)),
        true);
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
    /** Rejects a null record id or message before the event is built. */
    public Change {
      Objects.requireNonNull(recordId, "recordId");
      Objects.requireNonNull(message, "message");
    }
  }

  private CompletableFuture<AuditEvent> submit(Principal actor, AuditAction action,
      String permission, String resourceKind, String resourceName, String project,
      AuditOutcome outcome, String message, Map<String, String> labels, boolean stamped) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(message, "message");
    String actorType = ACTOR_TYPES[actor.type().ordinal()];
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
    return appender.submit(draft, new ChainAppender.Fields(actor.name(), actorType, action,
        permission, resourceKind, resourceName, project, outcome, message), labels, stamped);
  }

  /**
   * The matching events, ordered by sequence; events whose JSON does not parse are skipped. It
   * includes every event this engine queued before the call.
   */
  @Override
  public List<AuditEvent> query(AuditQuery query) {
    flush();
    return export.query(query);
  }

  /**
   * Walks the stored events in sequence order, recomputing each hash and checking each link and
   * that sequences run from 1 to the chain's head without gaps, and stops at the first event that
   * does not match. It checks the records against the events, so that a change whose event never
   * reached the log (a crash between the two writes) is found: every record of a stamped kind must
   * carry the stamp of the event that names it last; a record an event names that is gone from the
   * store must have a delete as its last event. A record problem is reported with the sequence the
   * record names (the missing event), or that of the record's last event.
   *
   * @return how many events were examined and the first broken one, if any
   */
  @Override
  public AuditVerification verify() {
    flush();
    return verifier.verify();
  }

  /** Writes the matching events as RFC 4180 CSV with a header line and CRLF line ends. */
  @Override
  public void exportCsv(AuditQuery query, Writer out) {
    flush();
    export.exportCsv(query, out);
  }

  /** Writes the matching events as JSON, one object per line, in sequence order. */
  @Override
  public void exportJsonLines(AuditQuery query, Writer out) {
    flush();
    export.exportJsonLines(query, out);
  }

  /**
   * Calls the listener with every event this engine appends from now on, once it is stored, on a
   * thread of the trail, in sequence order. Listeners must return quickly: the next events wait
   * for them. A listener that throws is logged and does not fail the append.
   */
  @Override
  public Subscription watch(Consumer<AuditEvent> listener) {
    return watchers.watch(listener);
  }

  /**
   * Waits until every event this engine queued before the call is stored (or, failing that, logged
   * as lost) and its watchers have heard them; and likewise for the other trails of this JVM on the
   * same store object ({@link LocalAppenders}).
   */
  public void flush() {
    appender.flush();
    LocalAppenders.flush(store);
  }

  /** Stores every queued event, then refuses new ones; idempotent. */
  @Override
  public void close() {
    appender.close();
    LocalAppenders.remove(store, appender);
  }
}
