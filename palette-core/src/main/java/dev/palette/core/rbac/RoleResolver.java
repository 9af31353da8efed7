package dev.palette.core.rbac;

import dev.palette.model.RoleScope;
import dev.palette.model.RoleSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * Works out a user's effective grants from the index: each binding's role, found by slug with a
 * built-in role winning over a custom one, grants its permissions where it is bound. A binding to
 * a missing role, or to a role whose scope does not match where it is bound, grants nothing.
 */
final class RoleResolver {
  private RoleResolver() {}

  /** The user's grants; {@link Grants#NONE} for a name that is not a stored user. */
  static Grants grantsOf(BindingIndex index, BuiltInRoles builtIn, String user) {
    if (!index.isUser(user)) {
      return Grants.NONE;
    }
    GrantSet.Builder tenant = new GrantSet.Builder();
    Map<String, GrantSet.Builder> projects = new HashMap<>();
    for (BindingIndex.Binding b : index.bindingsOf(user)) {
      RoleSpec role = builtIn.find(b.roleSlug()).orElseGet(() -> index.customRole(b.roleSlug()));
      if (role == null) {
        continue;
      }
      // A role bound at the wrong scope grants nothing: validation should have refused it.
      if (b.project().isEmpty() && role.scope() == RoleScope.TENANT) {
        tenant.addAll(role.permissions());
      } else if (!b.project().isEmpty() && role.scope() == RoleScope.PROJECT) {
        projects.computeIfAbsent(b.project(), p -> new GrantSet.Builder()).addAll(role.permissions());
      }
    }
    Map<String, GrantSet> built = new HashMap<>();
    projects.forEach((project, grants) -> built.put(project, grants.build()));
    return new Grants(tenant.build(), Map.copyOf(built));
  }
}
