package dev.palette.core.facade;

import dev.palette.core.record.RecordKind;
import dev.palette.core.record.Records;
import dev.palette.error.ConflictException;
import dev.palette.model.CloudAccount;
import dev.palette.model.CloudAccountSpec;
import dev.palette.model.Metadata;
import dev.palette.model.Project;
import dev.palette.model.ProjectSpec;
import dev.palette.model.Resource;
import dev.palette.model.Role;
import dev.palette.model.RoleSpec;
import dev.palette.model.Team;
import dev.palette.model.TeamSpec;
import dev.palette.model.User;
import dev.palette.model.UserSpec;
import dev.palette.model.Workspace;
import dev.palette.model.WorkspaceSpec;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The compare-and-set loop every spec update of a stored record goes through: read the record,
 * apply the caller's change to its spec, validate, write against the revision read, and read
 * again when another write raced this one. Metadata labels follow the spec's labels.
 *
 * @param <R> the record type
 * @param <S> its spec type
 */
final class SpecUpdate<R extends Resource<S>, S> {
  private static final int ATTEMPTS = 16;

  static final SpecUpdate<Project, ProjectSpec> PROJECT =
      new SpecUpdate<>(RecordKind.PROJECT, Project::withSpec, ProjectSpec::name, ProjectSpec::labels);
  static final SpecUpdate<User, UserSpec> USER =
      new SpecUpdate<>(RecordKind.USER, User::withSpec, UserSpec::name, UserSpec::labels);
  static final SpecUpdate<Team, TeamSpec> TEAM =
      new SpecUpdate<>(RecordKind.TEAM, Team::withSpec, TeamSpec::name, TeamSpec::labels);
  static final SpecUpdate<Role, RoleSpec> ROLE =
      new SpecUpdate<>(RecordKind.ROLE, Role::withSpec, RoleSpec::name, RoleSpec::labels);
  static final SpecUpdate<Workspace, WorkspaceSpec> WORKSPACE =
      new SpecUpdate<>(RecordKind.WORKSPACE, Workspace::withSpec, WorkspaceSpec::name, WorkspaceSpec::labels);

  /** Checks a changed spec against the one it replaces, adding every problem. */
  @FunctionalInterface
  interface Check<S> {
    void check(Violations v, S before, S after);
  }

  /** The record before and after the update; the same object when the change changed nothing. */
  record Change<R>(R before, R after) {
    boolean changed() {
      return before != after;
    }
  }

  private final RecordKind<R> kind;
  private final BiFunction<R, S, R> withSpec;
  private final Function<S, String> nameOf;
  private final Function<S, Map<String, String>> labelsOf;

  private SpecUpdate(RecordKind<R> kind, BiFunction<R, S, R> withSpec, Function<S, String> nameOf,
      Function<S, Map<String, String>> labelsOf) {
    this.kind = kind;
    this.withSpec = withSpec;
    this.nameOf = nameOf;
    this.labelsOf = labelsOf;
  }

  /**
   * Applies {@code change} to the spec of the record stored as {@code storedName} in {@code project}.
   *
   * @throws dev.palette.error.NotFoundException when there is no such record
   * @throws dev.palette.error.ValidationException when the changed spec renames the record or fails
   *     {@code check}; nothing is written then
   * @param write writes the changed record by compare-and-set and audits it (see {@link Guard#update})
   */
  Change<R> apply(Records records, Clock clock, String project, String storedName,
      UnaryOperator<S> change, Check<S> check, UnaryOperator<R> write) {
    for (int attempt = 1; ; attempt++) {
      R current = records.require(kind, project, storedName);
      S before = current.spec();
      S after = change.apply(before);
      String name = nameOf.apply(before);
      Violations v = new Violations();
      if (!nameOf.apply(after).equals(name)) {
        v.add("name", "cannot change from '" + name + "'; create a new " + kind.name() + " instead");
      }
      check.check(v, before, after);
      v.throwIfAny(kind.name() + " '" + name + "'");
      if (after.equals(before)) {
        return new Change<>(current, current);
      }
      Metadata m = current.metadata();
      R next = kind.withMetadata(withSpec.apply(current, after), m.withLabels(labelsOf.apply(after))
          .withGeneration(m.generation() + 1).withUpdatedAt(clock.instant()));
      try {
        return new Change<>(current, write.apply(next));
      } catch (ConflictException e) {
        // Another write moved the revision; the change is a function of the spec, so apply it again.
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
