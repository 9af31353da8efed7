package dev.palette.dsl;

import dev.palette.model.RoleBinding;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.SubjectKind;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Role bindings: who holds which role, at tenant scope or in a project. A binding is addressed by
 * what it binds (subject, role and scope), as it is created: {@code project} is empty for a tenant
 * role throughout.
 */
public interface RoleBindings extends Listable<RoleBinding> {
  RoleBinding create(RoleBindingSpec spec);

  default RoleBinding create(Consumer<RoleBindingSpec.Builder> spec) {
    return create(Specs.build("RoleBinding", RoleBindingSpec.builder(), spec, RoleBindingSpec.Builder::build));
  }

  /** Binds a role to a user in a project; {@code project} empty for a tenant role. */
  default RoleBinding bindUser(String user, String role, String project) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(project, "project");
    return create(b -> b.subjectKind(SubjectKind.USER).subject(user).role(role).project(project));
  }

  /** Binds a role to a team in a project; {@code project} empty for a tenant role. */
  default RoleBinding bindTeam(String team, String role, String project) {
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(project, "project");
    return create(b -> b.subjectKind(SubjectKind.TEAM).subject(team).role(role).project(project));
  }

  /** The binding of {@code role} to a subject in {@code project} (empty: the tenant). */
  NamedResource<RoleBinding> binding(SubjectKind kind, String subject, String role, String project);

  /**
   * Removes the binding {@link #bindUser} made.
   *
   * @throws dev.palette.error.NotFoundException when the user does not hold the role there
   */
  default void unbindUser(String user, String role, String project) {
    binding(SubjectKind.USER, user, role, project).delete();
  }

  /**
   * Removes the binding {@link #bindTeam} made.
   *
   * @throws dev.palette.error.NotFoundException when the team does not hold the role there
   */
  default void unbindTeam(String team, String role, String project) {
    binding(SubjectKind.TEAM, team, role, project).delete();
  }
}
