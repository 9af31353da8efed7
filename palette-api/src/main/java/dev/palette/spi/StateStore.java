package dev.palette.spi;

import dev.palette.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where records live. Every write is compare-and-set by revision; the store assigns revisions from
 * one counter that only grows. A write returns only once it is as durable as the store promises.
 *
 * <p>Implementations are thread-safe and must pass the store contract suite
 * ({@code dev.palette.core.store.StateStoreContract} in palette-core's test jar).
 */
public interface StateStore extends AutoCloseable {
  Optional<StoredRecord> get(String kind, String id);

  /** The record of a kind with a name in a scope (a project, or the empty string for the tenant). */
  Optional<StoredRecord> getByName(String kind, String project, String name);

  /** The matching records ordered by project, then name. */
  List<StoredRecord> list(RecordQuery query);

  /**
   * Stores a new record; its revision argument is ignored.
   *
   * @return the record with its new revision
   * @throws dev.palette.error.ConflictException when the id, or the kind/project/name, is taken
   */
  StoredRecord create(StoredRecord record);

  /**
   * Replaces a record if it is still at {@code expectedRevision}.
   *
   * @return the record with its new revision
   * @throws dev.palette.error.ConflictException when the stored revision differs
   * @throws dev.palette.error.NotFoundException when there is no such record
   */
  StoredRecord update(StoredRecord record, long expectedRevision);

  /**
   * Removes a record if it is still at {@code expectedRevision}.
   *
   * @throws dev.palette.error.ConflictException when the stored revision differs
   * @throws dev.palette.error.NotFoundException when there is no such record
   */
  void delete(String kind, String id, long expectedRevision);

  /**
   * Calls the listener with every change committed after this call, in revision order, on a thread
   * of the store's choosing. Listeners must return quickly.
   */
  Subscription watch(Consumer<StoreEvent> listener);

  /** The highest revision assigned so far. */
  long revision();

  @Override
  void close();
}
