package dev.palette.core.record;

import dev.palette.error.NotFoundException;
import dev.palette.model.Metadata;
import dev.palette.model.Resource;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Typed access to the store: what the facade and the controllers read and write through. */
public final class Records {
  private final StateStore store;
  private final RecordCodec codec;

  public Records(StateStore store, RecordCodec codec) {
    this.store = store;
    this.codec = codec;
  }

  public StateStore store() {
    return store;
  }

  public RecordCodec codec() {
    return codec;
  }

  public <R extends Resource<?>> Optional<R> get(RecordKind<R> kind, String id) {
    return store.get(kind.name(), id).map(s -> codec.decode(kind, s));
  }

  public <R extends Resource<?>> Optional<R> getByName(RecordKind<R> kind, String project, String name) {
    return store.getByName(kind.name(), project, name).map(s -> codec.decode(kind, s));
  }

  /**
   * The record of a kind with a name in a scope.
   *
   * @throws NotFoundException naming the kind and {@code project/name}
   */
  public <R extends Resource<?>> R require(RecordKind<R> kind, String project, String name) {
    return getByName(kind, project, name).orElseThrow(() -> new NotFoundException(
        kind.name() + " " + (project.isEmpty() ? name : project + "/" + name) + " does not exist"));
  }

  /** The record in the project, else the one of the same name at tenant scope: how references resolve. */
  public <R extends Resource<?>> Optional<R> getInProjectOrTenant(RecordKind<R> kind, String project, String name) {
    return getByName(kind, project, name).or(() -> getByName(kind, "", name));
  }

  /**
   * Like {@link #getInProjectOrTenant}, with the record's secret values: only for the path that
   * hands a cloud account to its provider. Every other read sees them masked.
   */
  public <R extends Resource<?>> Optional<R> getInProjectOrTenantWithSecrets(
      RecordKind<R> kind, String project, String name) {
    return store.getByName(kind.name(), project, name)
        .or(() -> store.getByName(kind.name(), "", name))
        .map(s -> codec.decodeWithSecrets(kind, s));
  }

  /** The record of a kind with a name in a scope with its secret values, for a change that keeps them. */
  public <R extends Resource<?>> R requireWithSecrets(RecordKind<R> kind, String project, String name) {
    return store.getByName(kind.name(), project, name).map(s -> codec.decodeWithSecrets(kind, s))
        .orElseThrow(() -> new NotFoundException(kind.name() + " "
            + (project.isEmpty() ? name : project + "/" + name) + " does not exist"));
  }

  /** Metadata for a record about to be created: a new id, generation 1, both times {@code now}. */
  public static Metadata newMetadata(
      String kind, String project, String name, Map<String, String> labels, String createdBy, Instant now) {
    return Metadata.builder().kind(kind).id(UUID.randomUUID().toString()).name(name).project(project)
        .labels(labels).createdAt(now).updatedAt(now).createdBy(createdBy).build();
  }

  /** The record stamped with the sequence of the audit event that will record its change. */
  public static <R extends Resource<?>> R stamped(RecordKind<R> kind, R record, long auditSequence) {
    return kind.withMetadata(record, record.metadata().withAuditSequence(auditSequence));
  }

  /** Records of a kind in one scope, or in every scope when {@code project} is null. */
  public <R extends Resource<?>> List<R> list(RecordKind<R> kind, String project) {
    return list(kind, project, Map.of());
  }

  /** Records of a kind in one scope (every scope when {@code project} is null) with every label given. */
  public <R extends Resource<?>> List<R> list(RecordKind<R> kind, String project, Map<String, String> labels) {
    return store.list(new RecordQuery(kind.name(), project, labels)).records().stream()
        .map(s -> codec.decode(kind, s))
        .toList();
  }

  /** Stores a new record; returns it as a reader sees it (secrets masked). */
  public <R extends Resource<?>> R create(RecordKind<R> kind, R record) {
    StoredRecord stored = store.create(codec.encode(record));
    return Secrets.redacted(kind.withMetadata(record, record.metadata().withRevision(stored.revision())));
  }

  /**
   * Compare-and-set against the revision in the record's metadata, of everything but its status
   * (the stored status is kept); returns it as stored, secrets masked.
   */
  public <R extends Resource<?>> R update(RecordKind<R> kind, R record) {
    StoredRecord stored = store.update(codec.encode(record), record.metadata().revision());
    return codec.decode(kind, stored);
  }

  /**
   * Writes only the record's status, compare-and-set against the revision in its metadata; the
   * rest of the stored record is kept. Returns it as stored, secrets masked.
   *
   * @throws dev.palette.error.ConflictException when the record changed since it was read
   * @throws NotFoundException when it no longer exists
   */
  public <R extends Resource<?>> R updateStatus(RecordKind<R> kind, R record) {
    StoredRecord stored = store.updateStatus(codec.encode(record), record.metadata().revision());
    return codec.decode(kind, stored);
  }

  public void delete(Resource<?> record) {
    store.delete(record.metadata().kind(), record.metadata().id(), record.metadata().revision());
  }
}
