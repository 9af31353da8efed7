package dev.palette.core.frontdoor;

import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.Limits;
import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.model.Metadata;
import dev.palette.model.Resource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Creates of records that depend on others (a cluster on its project and account) and deletes of
 * the records depended on, kept consistent without multi-record transactions, Dekker-style: a
 * delete marks its record as being deleted, then looks for dependents; a create writes its record,
 * then looks at each owner again. Whichever runs second sees the other, so a delete never leaves a
 * dependent behind and a create never keeps a record whose owner is gone.
 */
public final class Dependents {
  private static final int ATTEMPTS = 16;

  /**
   * An owner a new record refers to, by id, so that one deleted and re-created under the same
   * name is not mistaken for it.
   */
  public record Owner(RecordKind<?> kind, String id, String what) {
    static Owner of(RecordKind<?> kind, Resource<?> record) {
      Metadata m = record.metadata();
      return new Owner(kind, m.id(), m.kind() + " " + KindDescriptor.address(m.project(), m.name()));
    }
  }

  private final Records records;
  private final Clock clock;

  Dependents(Records records, Clock clock) {
    this.records = records;
    this.clock = clock;
  }

  /**
   * An owner the request was validated against, read again now.
   *
   * @throws ConflictException when it was deleted or marked since the request was validated
   */
  public Owner owner(RecordKind<?> kind, Optional<? extends Resource<?>> record, String what) {
    if (record.isEmpty() || record.get().metadata().deletionRequested()) {
      throw new ConflictException(what + (record.isEmpty() ? " was deleted" : " is being deleted")
          + " while the request was checked; nothing was created");
    }
    return Owner.of(kind, record.get());
  }

  /**
   * Writes a record, then checks that every owner it relies on still exists unmarked; if one does
   * not, removes the record again.
   *
   * @throws ConflictException naming the owner that went away; nothing is left behind then
   */
  <R extends Resource<?>> R create(RecordKind<R> kind, R record, List<Owner> owners) {
    R created = records.create(kind, record);
    Optional<String> gone = gone(owners);
    if (gone.isPresent()) {
      remove(kind, created);
      Metadata m = record.metadata();
      throw new ConflictException(m.kind() + " " + KindDescriptor.address(m.project(), Limits.shown(m.name()))
          + " was not created: " + gone.get() + " meanwhile");
    }
    return created;
  }

  /**
   * Writes a change that makes a record refer to new owners, then checks them as {@link #create}
   * does; if one went away, puts back what {@code undo} makes of the record as it is by then.
   *
   * @param current the record as read, whose revision the write is checked against
   * @throws ConflictException naming the owner that went away; the change is undone then
   */
  public <R extends Resource<?>> R update(RecordKind<R> kind, R current, R changed, List<Owner> owners,
      java.util.function.UnaryOperator<R> undo) {
    R written = records.update(kind, changed);
    Optional<String> gone = gone(owners);
    if (gone.isEmpty()) {
      return written;
    }
    String id = written.metadata().id();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<R> now = records.get(kind, id);
      if (now.isEmpty()) {
        break;
      }
      try {
        records.update(kind, undo.apply(now.get()));
        break;
      } catch (ConflictException | NotFoundException e) {
        // A status write moved it on; read again.
      }
    }
    Metadata m = current.metadata();
    throw new ConflictException(m.kind() + " " + KindDescriptor.address(m.project(), Limits.shown(m.name()))
        + " was not changed: " + gone.get() + " meanwhile");
  }

  // The first owner that was deleted or marked, as a phrase for the message.
  private Optional<String> gone(List<Owner> owners) {
    for (Owner owner : owners) {
      Optional<? extends Resource<?>> now = records.get(owner.kind(), owner.id());
      if (now.isEmpty() || now.get().metadata().deletionRequested()) {
        return Optional.of(owner.what() + (now.isEmpty() ? " was deleted" : " is being deleted"));
      }
    }
    return Optional.empty();
  }

  /**
   * Deletes a record unless others depend on it: marks it as being deleted (so new dependents back
   * out), asks for the blockers, deletes what goes with it, and then either deletes it or takes the
   * mark away again.
   *
   * @param blockers what still depends on the record, as a message; null when nothing does
   * @param cascade deletes the records that go with it, once nothing blocks
   * @return the record as it was deleted
   * @throws ConflictException with the blockers' message; the record is then as it was
   * @throws NotFoundException when there is no such record
   */
  <R extends Resource<?>> R delete(RecordKind<R> kind, String project, String name, Function<R, String> blockers,
      Consumer<R> cascade) {
    R found = records.require(kind, project, name);
    // The common refusal needs no write: only a delete that looks free pays for the mark.
    String early = blockers.apply(found);
    if (early != null && !found.metadata().deletionRequested()) {
      throw new ConflictException(early);
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      R current = records.require(kind, project, name);
      R marked;
      try {
        marked = current.metadata().deletionRequested() ? current : records.update(kind, kind.withMetadata(
            current, current.metadata().withDeletionRequested(true).withUpdatedAt(clock.instant())));
      } catch (ConflictException e) {
        continue;
      }
      String blocking = blockers.apply(marked);
      if (blocking != null) {
        unmark(kind, marked.metadata().id());
        throw new ConflictException(blocking);
      }
      try {
        cascade.accept(marked);
      } catch (RuntimeException e) {
        unmark(kind, marked.metadata().id());
        throw e;
      }
      if (!marked.metadata().finalizers().isEmpty()) {
        // Marked, with a controller still to clean up: the record goes when its last finalizer does.
        return marked;
      }
      try {
        records.delete(marked);
        return marked;
      } catch (ConflictException e) {
        // Another delete took its mark away or a write moved the record on: look again.
      }
    }
    throw new ConflictException(kind.name() + " " + KindDescriptor.address(project, name)
        + " kept changing while being deleted; try again");
  }

  private <R extends Resource<?>> void unmark(RecordKind<R> kind, String id) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<R> current = records.get(kind, id);
      if (current.isEmpty() || !current.get().metadata().deletionRequested()) {
        return;
      }
      try {
        records.update(kind, kind.withMetadata(current.get(),
            current.get().metadata().withDeletionRequested(false).withUpdatedAt(clock.instant())));
        return;
      } catch (ConflictException | NotFoundException e) {
        // Read again: another delete marked or removed it meanwhile.
      }
    }
  }

  // Takes back a record this create wrote, at whatever revision a controller has moved it to.
  private <R extends Resource<?>> void remove(RecordKind<R> kind, R created) {
    String id = created.metadata().id();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<R> current = records.get(kind, id);
      if (current.isEmpty()) {
        return;
      }
      try {
        records.delete(current.get());
        return;
      } catch (ConflictException | NotFoundException e) {
        // A status write moved it on; read again.
      }
    }
  }
}
