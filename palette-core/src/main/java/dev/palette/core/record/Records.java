package dev.palette.core.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palette.error.ConflictException;
import dev.palette.error.NotFoundException;
import dev.palette.error.PaletteException;
import dev.palette.model.Metadata;
import dev.palette.model.Resource;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StateStore;
import dev.palette.spi.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Typed access to the store: what the facade and the controllers read and write through. */
public final class Records {
  // A finalizer edit touches only the metadata; it is tried again when any other write moved the record.
  private static final int FINALIZER_ATTEMPTS = 20;
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

  /** A record's address for messages and logs: {@code project/name}, or {@code name} at tenant scope. */
  public static String address(String project, String name) {
    return project.isEmpty() ? name : project + "/" + name;
  }

  /** {@link #address(String, String)} of a record. */
  public static String address(Resource<?> record) {
    return address(record.metadata().project(), record.metadata().name());
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

  /** The metadata with these finalizers added, for a record about to be created. */
  public static Metadata withFinalizers(Metadata metadata, Collection<String> finalizers) {
    LinkedHashSet<String> all = new LinkedHashSet<>(metadata.finalizers());
    all.addAll(finalizers);
    return all.size() == metadata.finalizers().size() ? metadata : metadata.withFinalizers(all);
  }

  /**
   * Puts a finalizer on a stored record unless it has it already or is being deleted; a record
   * being deleted takes no new finalizer, as in Kubernetes.
   *
   * @return true when the record exists and carries the finalizer
   */
  public boolean addFinalizer(String kind, String id, String finalizer) {
    for (int attempt = 1; attempt <= FINALIZER_ATTEMPTS; attempt++) {
      Optional<StoredRecord> found = store.get(kind, id);
      if (found.isEmpty()) {
        return false;
      }
      Metadata m = codec.metadata(found.get());
      if (m.finalizers().contains(finalizer)) {
        return true;
      }
      if (m.deletionRequested()) {
        return false;
      }
      List<String> more = new ArrayList<>(m.finalizers());
      more.add(finalizer);
      try {
        store.update(withMetadata(found.get(), meta -> meta.withFinalizers(more)), m.revision());
        return true;
      } catch (ConflictException e) {
        // Another write moved the record on; read it again.
      } catch (NotFoundException e) {
        return false;
      }
    }
    throw new ConflictException(kind + " " + id + " kept changing while a finalizer was added; it is tried again");
  }

  /**
   * Takes a controller's finalizer off a record once its cleanup is done, and deletes the record
   * when deletion was requested and no finalizer is left. Other writes that moved the record meanwhile
   * are kept: only the finalizer goes. A record without the finalizer that is being deleted and has
   * no other one is deleted too, so a record made before its controller kept one still goes.
   *
   * @param record the record as the controller read it; its id names it
   * @return the record as it is now, or empty when it is gone
   */
  public <R extends Resource<?>> Optional<R> removeFinalizer(RecordKind<R> kind, R record, String finalizer) {
    String id = record.metadata().id();
    for (int attempt = 1; attempt <= FINALIZER_ATTEMPTS; attempt++) {
      Optional<StoredRecord> found = store.get(kind.name(), id);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Metadata m = codec.metadata(found.get());
      List<String> rest = m.finalizers().stream().filter(f -> !f.equals(finalizer)).toList();
      try {
        if (rest.isEmpty() && m.deletionRequested()) {
          store.delete(kind.name(), id, m.revision());
          return Optional.empty();
        }
        if (rest.size() == m.finalizers().size()) {
          return Optional.of(codec.decode(kind, found.get()));
        }
        StoredRecord written = store.update(withMetadata(found.get(), meta -> meta.withFinalizers(rest)), m.revision());
        return Optional.of(codec.decode(kind, written));
      } catch (ConflictException e) {
        // Another write moved the record on; read it again.
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    }
    throw new ConflictException(kind.name() + " " + id
        + " kept changing while a finalizer was removed; it is tried again");
  }

  /**
   * Asks for a record to go, compare-and-set against the revision in its metadata: a record without
   * finalizers is deleted at once; one with finalizers is only marked {@code deletionRequested}, and
   * goes when its controllers have removed them.
   *
   * @return true when the record is deleted, false when it is marked and waits for its finalizers
   * @throws ConflictException when the record moved past the revision given
   * @throws NotFoundException when there is no such record
   */
  public <R extends Resource<?>> boolean requestDeletion(RecordKind<R> kind, R record) {
    Metadata m = record.metadata();
    StoredRecord current = store.get(kind.name(), m.id()).orElseThrow(() -> new NotFoundException(
        kind.name() + " " + (m.project().isEmpty() ? m.name() : m.project() + "/" + m.name()) + " does not exist"));
    if (current.revision() != m.revision()) {
      throw new ConflictException(current.describe() + " changed meanwhile; read it again");
    }
    Metadata stored = codec.metadata(current);
    if (stored.finalizers().isEmpty()) {
      store.delete(kind.name(), m.id(), m.revision());
      return true;
    }
    if (!stored.deletionRequested()) {
      store.update(withMetadata(current, meta -> meta.withDeletionRequested(true)), m.revision());
    }
    return false;
  }

  // The stored record with its metadata changed and everything else (body, secrets) as stored.
  private static StoredRecord withMetadata(StoredRecord stored, UnaryOperator<Metadata> change) {
    try {
      ObjectNode body = (ObjectNode) Json.mapper().readTree(stored.body());
      Metadata m = Json.mapper().treeToValue(body.get("metadata"), Metadata.class);
      body.set("metadata", Json.mapper().valueToTree(change.apply(m)));
      return new StoredRecord(stored.kind(), stored.id(), stored.project(), stored.name(), stored.labels(),
          stored.revision(), Json.mapper().writeValueAsString(body), stored.secrets());
    } catch (JsonProcessingException | ClassCastException e) {
      throw new PaletteException("cannot change the metadata of " + stored.describe() + ": "
          + e.getClass().getSimpleName());
    }
  }
}
