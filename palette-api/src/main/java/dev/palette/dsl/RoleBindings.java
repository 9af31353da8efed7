package dev.palette.dsl;

import dev.palette.model.RoleBinding;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.SubjectKind;
import java.util.Objects;
import java.util.function.Consumer;

/** Role bindings: who holds which role, at tenant scope or in a project. */
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

  NamedResource<RoleBinding> withName(String name);
}
