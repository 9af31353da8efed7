package dev.palette.spi;

import dev.palette.Subscription;
import java.util.Optional;

/**
 * Where records live. Every write is compare-and-set on one record by its revision; the store
 * assigns revisions from one counter that only grows. A write returns only once it is as durable as
 * the store promises.
 *
 * <p>The contract asks nothing a store of Kubernetes custom resources cannot do: a record is one
 * object and its revision is the object's {@code resourceVersion}; every write changes one object
 * (no transaction spans several); {@link #updateStatus} is the status subresource; {@link #watch}
 * is a watch from a {@code resourceVersion}, and {@link StoreListener#onStartOver} is its
 * {@code 410 Gone}. Kinds, projects and names are opaque to a store: their syntax (DNS-1123 names,
 * label keys and values) is checked before a record reaches it.
 *
 * <p>A record has two parts written separately, as a Kubernetes object's spec and status are:
 * {@link #update} replaces everything but the status, {@link #updateStatus} only the status, and
 * both move the revision, so a writer of one part holding a stale revision gets a conflict rather
 * than undoing the other writer's change.
 *
 * <p>Events reach listeners in revision order, each at most once, on threads of the store's
 * choosing, only once the change is as durable as a write's return promises. A listener that throws
 * is logged and keeps receiving later events; other listeners do not notice.
 *
 * <p>Implementations are thread-safe and must pass the store contract suite
 * ({@code dev.palette.testkit.store.StateStoreContract} in palette-testkit).
 */
public interface StateStore extends AutoCloseable {
  Optional<StoredRecord> get(String kind, String id);

  /** The record of a kind with a name in a scope (a project, or the empty string for the tenant). */
  Optional<StoredRecord> getByName(String kind, String project, String name);

  /**
   * The matching records ordered by project, then name, with the store revision they reflect:
   * {@link #watch watching} from that revision sees every change after the listing.
   */
  Listing list(RecordQuery query);

  /**
   * Stores a new record with its body and status; its revision argument is ignored.
   *
   * @return the record with its new revision
   * @throws dev.palette.error.ConflictException when the id, or the kind/project/name, is taken
   */
  StoredRecord create(StoredRecord record);

  /**
   * Replaces a record's labels, body and secrets if it is still at {@code expectedRevision}; the
   * stored status is kept whatever {@code record} carries.
   *
   * @return the record as stored, with the kept status and its new revision
   * @throws dev.palette.error.ConflictException when the stored revision differs, or the record
   *     would change its kind, project or name
   * @throws dev.palette.error.NotFoundException when there is no such record
   */
  StoredRecord update(StoredRecord record, long expectedRevision);

  /**
   * Replaces only a record's status if it is still at {@code expectedRevision}; its labels, body
   * and secrets are kept whatever {@code record} carries.
   *
   * @return the record as stored, with the new status and its new revision
   * @throws dev.palette.error.ConflictException when the stored revision differs
   * @throws dev.palette.error.NotFoundException when there is no such record
   */
  StoredRecord updateStatus(StoredRecord record, long expectedRevision);

  /**
   * Removes a record if it is still at {@code expectedRevision}.
   *
   * @throws dev.palette.error.ConflictException when the stored revision differs
   * @throws dev.palette.error.NotFoundException when there is no such record
   */
  void delete(String kind, String id, long expectedRevision);

  /**
   * Calls the listener with every change whose revision is above {@code fromRevision}, in revision
   * order: first the changes already committed (replayed), then each new one. A store keeps a
   * bounded history; when it can no longer replay from {@code fromRevision}, the listener's
   * {@link StoreListener#onStartOver} is called once with the current revision and the watch ends.
   * Listeners must return quickly.
   *
   * @param fromRevision typically the revision of a {@link #list} or {@link #revision()}
   */
  Subscription watch(long fromRevision, StoreListener listener);

  /** The highest revision assigned so far. */
  long revision();

  @Override
  void close();
}
