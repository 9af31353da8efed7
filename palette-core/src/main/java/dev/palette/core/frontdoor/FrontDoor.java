package dev.palette.core.frontdoor;

import static dev.palette.core.kind.Limits.shown;

import dev.palette.Principal;
import dev.palette.Subscription;
import dev.palette.core.kind.KindContext;
import dev.palette.core.kind.KindDescriptor;
import dev.palette.core.kind.KindRegistry;
import dev.palette.core.kind.Violations;
import dev.palette.core.record.RecordKind;
import dev.palette.core.controller.KindFinalizers;
import dev.palette.core.record.Records;
import dev.palette.error.ConflictException;
import dev.palette.event.RecordEvent;
import dev.palette.model.Project;
import dev.palette.model.Resource;
import dev.palette.spi.RecordQuery;
import dev.palette.spi.StoredRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The generic front door: every kind's create, get, list, watch, update and delete, driven by its
 * {@link KindDescriptor} alone. Each call runs authorize → validate → tenant limit → write (owners
 * re-checked, Dekker-style) → audit, and returns the record. It never calls a provider; a kind's
 * validator reads only records and the engine's caches. What owner rules say about a write is
 * {@link OwnerRules}'s business.
 */
public final class FrontDoor {
  private final Records records;
  private final KindRegistry kinds;
  private final KindContext context;
  private final Guard guard;
  private final Creates creates;
  private final Dependents dependents;
  private final OwnerRules rules;
  private final EventHub events;
  private final Clock clock;

  FrontDoor(Records records, KindRegistry kinds, KindContext context, Guard guard, Creates creates,
      Dependents dependents, EventHub events, Clock clock) {
    this.records = records;
    this.kinds = kinds;
    this.context = context;
    this.guard = guard;
    this.creates = creates;
    this.dependents = dependents;
    this.rules = new OwnerRules(records, kinds, context, dependents);
    this.events = events;
    this.clock = clock;
  }

  /** The guard, for the operations a kind adds of its own. */
  public Guard guard() {
    return guard;
  }

  public Records records() {
    return records;
  }

  public KindRegistry kinds() {
    return kinds;
  }

  public KindContext context() {
    return context;
  }

  public Clock clock() {
    return clock;
  }

  /** The store's events, for following a record with {@link RecordOperation}. */
  EventHub events() {
    return events;
  }

  /** Owner checks, for a kind's own changes that refer to new owners. */
  public Dependents dependents() {
    return dependents;
  }

  /** The owner rules of the registered kinds: what a record refers to, and what blocks a delete. */
  public OwnerRules rules() {
    return rules;
  }

  /**
   * Creates a record of {@code kind} in {@code project} ({@code ""}: tenant scope), authorized there.
   *
   * @throws dev.palette.error.AccessDeniedException without {@code resource.create} there
   * @throws dev.palette.error.ValidationException naming every problem; nothing is written then
   * @throws dev.palette.error.QuotaExceededException when the kind's tenant limit is reached
   * @throws ConflictException when the name is taken or an owner went away meanwhile
   */
  public <R extends Resource<S>, S, B> R create(Principal caller, KindDescriptor<R, S, B> kind, String project,
      S spec) {
    return create(caller, kind, project, project, spec);
  }

  /** Like {@link #create(Principal, KindDescriptor, String, Object)}, authorized in {@code authScope}. */
  public <R extends Resource<S>, S, B> R create(Principal caller, KindDescriptor<R, S, B> kind, String project,
      String authScope, S spec) {
    Action action = Action.of(kind, "create");
    String name = kind.nameOf(spec);
    guard.check(caller, action, authScope, name);
    Violations v = new Violations();
    checkScope(v, kind, project);
    kind.validate(context, v, project, null, spec);
    v.throwIfAny(kind.name() + " " + shown(name));
    // The controllers that clean up after the kind put their finalizers on it from the start.
    R record = kind.newRecord(context.service(KindFinalizers.class).onCreate(Records.newMetadata(kind.name(),
        project, kind.storedName(spec), kind.labelsOf(spec), caller.name(), clock.instant())), spec);
    List<Dependents.Owner> owners = rules.owners(kind, record);
    try {
      return creates.create(caller, action, authScope, name, kind, record, owners, kind.created(record));
    } catch (ConflictException e) {
      Optional<String> duplicate = kind.duplicate(project, spec);
      if (duplicate.isPresent() && records.getByName(kind.record(), project, record.metadata().name())
          .filter(r -> !r.metadata().id().equals(record.metadata().id())).isPresent()) {
        throw new ConflictException(duplicate.get());
      }
      throw e;
    }
  }

  /** One record, if the caller may read it (for a project record: in that project). */
  public <R extends Resource<?>> Optional<R> get(
      Principal caller, KindDescriptor<R, ?, ?> kind, String project, String name) {
    guard.check(caller, Action.of(kind, "get"), scopeOf(kind.record(), project, name), name);
    return records.getByName(kind.record(), project, name);
  }

  /**
   * The record, if the caller may read it.
   *
   * @throws dev.palette.error.NotFoundException when there is none
   */
  public <R extends Resource<?>> R require(
      Principal caller, KindDescriptor<R, ?, ?> kind, String project, String name) {
    guard.check(caller, Action.of(kind, "get"), scopeOf(kind.record(), project, name), name);
    return records.require(kind.record(), project, name);
  }

  /**
   * The records of a kind in a scope ({@code null}: every scope) carrying every label of
   * {@code labels}, that the caller may list.
   */
  public <R extends Resource<?>> List<R> list(
      Principal caller, KindDescriptor<R, ?, ?> kind, String project, Map<String, String> labels) {
    Predicate<String> visible = guard.visible(caller, Action.of(kind, "list"));
    return records.list(kind.record(), project, labels).stream()
        .filter(r -> visible.test(scopeOf(kind.record(), r.metadata().project(), r.metadata().name())))
        .toList();
  }

  /**
   * Events for records of a kind in a scope ({@code null}: every scope) carrying every label of
   * {@code labels}, optionally of one name.
   *
   * <p>Each event is authorized on its own, with the caller's grants as of the revision that
   * committed it: once a binding that let the caller read a project is revoked (or the caller
   * leaves the team that held it), no later event of that project reaches the listener; once a
   * grant is made, later events do. A watch is never refused: one without any grant hears nothing
   * until it gets one.
   */
  public <R extends Resource<?>> Subscription watch(Principal caller, KindDescriptor<R, ?, ?> kind,
      String project, Map<String, String> labels, String name, Consumer<RecordEvent<R>> listener) {
    Action read = Action.of(kind, "list");
    RecordQuery selected = new RecordQuery(kind.name(), project, labels);
    return events.subscribe(e -> {
      StoredRecord r = e.record();
      if (!selected.matches(r)
          || (name != null && !name.equals(r.name()))
          || !guard.allowedAt(caller, read, scopeOf(kind.record(), r.project(), r.name()), r.revision())) {
        return;
      }
      RecordEvent.Type type = switch (e.type()) {
        case CREATED -> RecordEvent.Type.ADDED;
        case UPDATED -> RecordEvent.Type.MODIFIED;
        case DELETED -> RecordEvent.Type.DELETED;
      };
      listener.accept(new RecordEvent<>(type, records.codec().decode(kind.record(), r)));
    });
  }

  /**
   * Changes the spec of the record stored as {@code name} in {@code project}, by compare-and-set,
   * again from a fresh read when another write won. A kind that keeps secrets starts the change
   * from the stored record with its credentials masked and keeps those left masked.
   *
   * @return the record as written, or as it was when the change changed nothing
   */
  public <R extends Resource<S>, S, B> R update(Principal caller, KindDescriptor<R, S, B> kind, String project,
      String name, Consumer<B> changes) {
    Action action = Action.of(kind, "update");
    guard.check(caller, action, scopeOf(kind.record(), project, name), name);
    SpecUpdate<R, S, B> update = new SpecUpdate<>(kind, records, clock);
    return update.apply(project, name, spec -> {
      B builder = kind.toBuilder(spec);
      changes.accept(builder);
      return kind.build(builder);
    }, (v, before, after) -> kind.validate(context, v, project, before, after),
        (current, next) -> {
          List<Dependents.Owner> owners = rules.owners(kind, next);
          boolean newOwners = !rules.refs(kind, next).equals(rules.refs(kind, current));
          return guard.write(caller, action, scopeOf(kind.record(), project, name), name, sequence -> {
            R stamped = Records.stamped(kind.record(), next, sequence);
            return newOwners
                ? dependents.update(kind.record(), current, stamped, owners,
                    restored -> kind.withSpec(restored, current.spec()))
                : records.update(kind.record(), stamped);
          }, written -> kind.updated(current, next));
        });
  }

  /**
   * Deletes the record stored as {@code name}, as its owner rules say: refused while a record that
   * BLOCKs it exists, naming the blockers; deleting those that CASCADE with it.
   *
   * @throws ConflictException naming what blocks the delete; nothing is deleted then
   * @throws dev.palette.error.NotFoundException when there is none
   */
  public <R extends Resource<S>, S, B> void delete(Principal caller, KindDescriptor<R, S, B> kind, String project,
      String name) {
    delete(caller, kind, project, scopeOf(kind.record(), project, name), name);
  }

  /** Like {@link #delete(Principal, KindDescriptor, String, String)}, authorized in {@code authScope}. */
  public <R extends Resource<S>, S, B> void delete(Principal caller, KindDescriptor<R, S, B> kind, String project,
      String authScope, String name) {
    Action action = Action.of(kind, "delete");
    guard.check(caller, action, authScope, name);
    List<String> cascaded = new ArrayList<>();
    guard.write(caller, action, authScope, name,
        sequence -> dependents.delete(kind.record(), project, name, r -> rules.blockers(kind, r),
            r -> rules.cascade(kind, r, cascaded)),
        r -> kind.deleted(r) + (cascaded.isEmpty() ? "" : " with " + cascaded));
  }

  // The scope must suit the kind, and a project scope must be a project that is not being deleted.
  private void checkScope(Violations v, KindDescriptor<?, ?, ?> kind, String project) {
    if (!kind.scope().allows(project)) {
      v.add("project", project.isEmpty() ? kind.name() + " records live in projects; name one"
          : kind.name() + " records live at tenant scope, not in project " + shown(project));
      return;
    }
    if (project.isEmpty()) {
      return;
    }
    Optional<Project> found = records.getByName(RecordKind.PROJECT, "", project);
    if (found.isEmpty()) {
      v.add("project", "no project " + shown(project) + "; create it first");
    } else if (found.get().metadata().deletionRequested()) {
      v.add("project", "project " + project + " is being deleted");
    }
  }

  /** The scope a record is authorized in: its project; a project is read within itself. */
  public static String scopeOf(RecordKind<?> kind, String project, String name) {
    return kind.equals(RecordKind.PROJECT) ? name : project;
  }
}
