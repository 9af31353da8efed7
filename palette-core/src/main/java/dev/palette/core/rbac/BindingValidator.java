package dev.palette.core.rbac;

import dev.palette.core.record.RecordCodec;
import dev.palette.core.record.RecordKind;
import dev.palette.error.Violation;
import dev.palette.model.Project;
import dev.palette.model.RoleBindingSpec;
import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import dev.palette.model.SubjectKind;
import dev.palette.spi.StateStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems with a role binding before it is stored: a role that does not exist, a subject
 * that does not exist, a project that does not exist, or a role bound at the wrong scope. It
 * reads the store, not the index: a user, team or role created by the previous call must count
 * even on a store that delivers its events to the index later.
 */
final class BindingValidator {
  private final StateStore store;
  private final RecordCodec codec;
  private final BuiltInRoles builtIn;

  BindingValidator(StateStore store, RecordCodec codec, BuiltInRoles builtIn) {
    this.store = store;
    this.codec = codec;
    this.builtIn = builtIn;
  }

  List<Violation> validate(RoleBindingSpec spec) {
    List<Violation> out = new ArrayList<>();
    String slug = BuiltInRoles.slug(spec.role());
    RoleSpec role = builtIn.find(slug).orElseGet(() -> store.getByName(RecordKind.ROLE.name(), "", slug)
        .map(r -> codec.decode(RecordKind.ROLE, r).spec()).orElse(null));
    String subjectKind = spec.subjectKind() == SubjectKind.USER ? RecordKind.USER.name() : RecordKind.TEAM.name();
    boolean subjectExists = store.getByName(subjectKind, "", spec.subject()).isPresent();
    if (role == null) {
      out.add(new Violation("role", "unknown role '" + spec.role()
          + "'; use a built-in role such as Cluster Viewer or a custom role of the tenant"));
    }
    if (!subjectExists) {
      String kind = spec.subjectKind() == SubjectKind.USER ? "user" : "team";
      out.add(new Violation("subject", "no " + kind + " named '" + spec.subject()
          + "'; create the " + kind + " first"));
    }
    boolean tenantBinding = spec.project().isEmpty();
    if (role != null && role.scope() == RoleScope.PROJECT && tenantBinding) {
      out.add(new Violation("project", "'" + role.name()
          + "' is a project role; name the project to bind it in"));
    } else if (role != null && role.scope() == RoleScope.TENANT && !tenantBinding) {
      out.add(new Violation("project", "'" + role.name()
          + "' is a tenant role; bind it with an empty project"));
    } else if (!tenantBinding && store.getByName(Project.KIND, "", spec.project()).isEmpty()) {
      out.add(new Violation("project", "no project named '" + spec.project() + "'"));
    }
    return out;
  }
}
