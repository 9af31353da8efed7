package dev.palette.dsl;

import dev.palette.model.Role;
import dev.palette.model.RoleSpec;
import java.util.function.Consumer;

/** The built-in roles and the tenant's custom roles. */
public interface Roles extends Listable<Role> {
  /** Creates a custom role. */
  Role create(RoleSpec spec);

  default Role create(Consumer<RoleSpec.Builder> spec) {
    return create(Specs.build("Role", RoleSpec.builder(), spec, RoleSpec.Builder::build));
  }

  /**
   * A role by its name, for example {@code Cluster Viewer}; built-in roles can be read but neither
   * updated nor deleted.
   */
  UpdatableResource<Role, RoleSpec.Builder> withName(String name);
}
