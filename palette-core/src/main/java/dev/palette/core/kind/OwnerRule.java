package dev.palette.core.kind;

import dev.palette.core.record.RecordKind;
import dev.palette.model.Project;
import dev.palette.model.Resource;
import java.util.List;
import java.util.function.Function;

/**
 * A record of one kind that a new record refers to (its project, a cloud account, a profile), and
 * what happens to the referring record when that owner is deleted.
 *
 * @param owner the kind referred to
 * @param onDelete whether the owner's delete is refused while this record exists, or deletes it too
 * @param refs the owners a record refers to, read from the record
 * @param relation how a refusal names the relation, for example {@code "is used by"}
 * @param <R> the referring record's type
 */
public record OwnerRule<R extends Resource<?>>(
    RecordKind<?> owner, OnDelete onDelete, Function<R, List<Ref>> refs, String relation) {

  /** What an owner's delete does to the records that refer to it. */
  public enum OnDelete {
    /** The owner cannot be deleted while a referring record exists. */
    BLOCK,
    /** Deleting the owner deletes the referring records. */
    CASCADE
  }

  /**
   * One reference: the owner stored as {@code name} in {@code project}, or, when {@code orTenant}
   * and there is none there, the one at tenant scope.
   *
   * @param shown how messages name it, for example {@code ClusterProfile base:1.0.0}
   */
  public record Ref(String project, String name, boolean orTenant, String shown) {
    /** Whether {@code owner}, a record of the owner kind, is the one this reference resolves to. */
    public boolean matches(Resource<?> owner) {
      String p = owner.metadata().project();
      return owner.metadata().name().equals(name) && (p.equals(project) || orTenant && p.isEmpty());
    }
  }

  /** The project a record lives in is its owner; the project's delete does {@code onDelete} to it. */
  public static <R extends Resource<?>> OwnerRule<R> project(OnDelete onDelete) {
    return new OwnerRule<>(RecordKind.PROJECT, onDelete, r -> r.metadata().project().isEmpty() ? List.of()
        : List.of(new Ref("", r.metadata().project(), false, Project.KIND + " " + r.metadata().project())),
        "holds");
  }

  /** Whether this is the rule that ties a record to the project it lives in. */
  public boolean isProjectScope() {
    return owner.equals(RecordKind.PROJECT) && "holds".equals(relation);
  }
}
